using Tracemark.Tests;

namespace Tracemark.Server.Tests;

public sealed class PublicApiTests
{
    [Fact]
    public void Server_public_api_is_approved() =>
        PublicApi.Verify(typeof(ExposureServer).Assembly, "Tracemark.Server.Tests/PublicApi.approved.txt");
}
