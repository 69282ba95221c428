using FsCheck.Fluent;
using Tracemark.Tests;

namespace Tracemark.Fraud.Tests;

public sealed class StatisticsTests
{
    // Garwood intervals as tabulated (e.g. Ulm 1990; R's poisson.test): count → (low, high) at 95 %.
    [Theory]
    [InlineData(0, 0.0, 3.6889)]
    [InlineData(1, 0.0253, 5.5716)]
    [InlineData(5, 1.6235, 11.6683)]
    [InlineData(10, 4.7954, 18.3904)]
    [InlineData(100, 81.3639, 121.6269)]
    public void Poisson_interval_matches_the_published_exact_values(long count, double low, double high)
    {
        var (l, h) = Statistics.PoissonInterval(count);
        Assert.Equal(low, l, 0.0002);
        Assert.Equal(high, h, 0.0002);
    }

    [Fact]
    public void Poisson_interval_of_a_large_count_is_close_to_the_normal_one()
    {
        var (l, h) = Statistics.PoissonInterval(1_000_000);
        Assert.InRange(l, 1_000_000 - (1.96 * 1000) - 5, 1_000_000 - (1.96 * 1000) + 5);
        Assert.InRange(h, 1_000_000 + (1.96 * 1000) - 5, 1_000_000 + (1.96 * 1000) + 5);
    }

    [Fact]
    public void Poisson_interval_holds_its_count_and_grows_with_it() =>
        Properties.Hold(Gen.Choose(0, 50_000), x =>
        {
            var (l, h) = Statistics.PoissonInterval(x);
            var (l2, h2) = Statistics.PoissonInterval(x + 1);
            return l <= x && x <= h && l < l2 && h < h2;
        }, 2000);

    [Theory]
    [InlineData(10, 100, 0.0552, 0.1744)]
    [InlineData(0, 100, 0.0, 0.0370)]
    [InlineData(100, 100, 0.9630, 1.0)]
    [InlineData(28, 100, 0.2014, 0.3749)]
    public void Wilson_interval_matches_the_formula(long k, long n, double low, double high)
    {
        var (l, h) = Statistics.WilsonInterval(k, n);
        Assert.Equal(low, l, 0.0002);
        Assert.Equal(high, h, 0.0002);
    }

    [Fact]
    public void Wilson_interval_lies_in_0_1_and_holds_the_share() =>
        Properties.Hold(Gen.Choose(1, 100_000).SelectMany(n => Gen.Choose(0, n).Select(k => (k, n))), t =>
        {
            var (l, h) = Statistics.WilsonInterval(t.k, t.n);
            var p = (double)t.k / t.n;
            return l >= 0 && h <= 1 && l <= p + 1e-12 && p <= h + 1e-12;
        }, 2000);
}
