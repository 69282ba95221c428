using Tracemark.Tests;

namespace Tracemark.Reports.Tests;

public sealed class PublicApiTests
{
    [Fact]
    public void Reports_public_api_is_approved() =>
        PublicApi.Verify(typeof(ReportJson).Assembly, "Tracemark.Reports.Tests/PublicApi.approved.txt");
}
