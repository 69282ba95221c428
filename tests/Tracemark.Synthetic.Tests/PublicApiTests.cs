using Tracemark.People;
using Tracemark.Tests;

namespace Tracemark.Synthetic.Tests;

public sealed class PublicApiTests
{
    [Fact]
    public void People_public_api_is_approved() =>
        PublicApi.Verify(typeof(Population).Assembly, "Tracemark.Synthetic.Tests/PublicApi.People.approved.txt");
}
