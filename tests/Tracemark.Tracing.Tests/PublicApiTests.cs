using Tracemark.Tests;
using Tracemark.Tracing.Owner;

namespace Tracemark.Tracing.Tests;

public sealed class PublicApiTests
{
    [Fact]
    public void Tracing_public_api_is_approved() =>
        PublicApi.Verify(typeof(OwnerStore).Assembly, "Tracemark.Tracing.Tests/PublicApi.approved.txt");
}
