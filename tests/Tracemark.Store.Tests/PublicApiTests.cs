using Tracemark.Tests;

namespace Tracemark.Store.Tests;

public sealed class PublicApiTests
{
    [Fact]
    public void Store_public_api_is_approved() =>
        PublicApi.Verify(typeof(KnownLeakStore).Assembly, "Tracemark.Store.Tests/PublicApi.approved.txt");
}
