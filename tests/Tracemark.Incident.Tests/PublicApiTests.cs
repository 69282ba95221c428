using Tracemark.Tests;

namespace Tracemark.Incident.Tests;

public sealed class PublicApiTests
{
    [Fact]
    public void Incident_public_api_is_approved() =>
        PublicApi.Verify(typeof(IncidentBook).Assembly, "Tracemark.Incident.Tests/PublicApi.approved.txt");
}
