using Tracemark.Tests;

namespace Tracemark.Scanning.Tests;

public sealed class PublicApiTests
{
    [Fact]
    public void Scanning_public_api_is_approved() =>
        PublicApi.Verify(typeof(Scanner).Assembly, "Tracemark.Scanning.Tests/PublicApi.approved.txt");
}
