using Tracemark.Tracing.Attribution;

namespace Tracemark.Tracing.Tests;

public sealed class GuiltModelTests
{
    [Fact]
    public void Guilt_follows_the_published_formula()
    {
        // Customer 0 is held by channels 0 and 1, customer 1 by channel 0 only; p = 0.2.
        var index = new AccessIndex(3, 2, [new[] { 0, 1 }, new[] { 0 }]);
        var ranked = new GuiltModel(index, 0.2).Rank([new SampleRecord(0, false), new SampleRecord(1, false), new SampleRecord(-1, false)]);

        // Pr{G_0} = 1 − (1 − 0.8/2)(1 − 0.8/1) = 1 − 0.6·0.2 = 0.88; Pr{G_1} = 1 − (1 − 0.8/2) = 0.4.
        Assert.Equal(0, ranked[0].Channel);
        Assert.Equal(0.88, ranked[0].Guilt, 9);
        Assert.Equal(0.4, ranked[1].Guilt, 9);
    }
}
