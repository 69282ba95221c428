using Tracemark.Tests;

namespace Tracemark.Intel.Tests;

public sealed class PublicApiTests
{
    [Fact]
    public void Intel_public_api_is_approved() =>
        PublicApi.Verify(typeof(IntelRun).Assembly, "Tracemark.Intel.Tests/PublicApi.approved.txt");
}
