using Tracemark.Tests;

namespace Tracemark.Guard.Tests;

public sealed class PublicApiTests
{
    [Fact]
    public void Guard_public_api_is_approved() =>
        PublicApi.Verify(typeof(GuardEngine).Assembly, "Tracemark.Guard.Tests/PublicApi.approved.txt");
}
