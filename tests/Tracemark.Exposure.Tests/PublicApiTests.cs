using Tracemark.Tests;

namespace Tracemark.Exposure.Tests;

public sealed class PublicApiTests
{
    [Fact]
    public void Exposure_public_api_is_approved() =>
        PublicApi.Verify(typeof(ExposureCheck).Assembly, "Tracemark.Exposure.Tests/PublicApi.approved.txt");
}
