using Tracemark.Tests;

namespace Tracemark.Identifiers.Tests;

public sealed class PublicApiTests
{
    [Fact]
    public void Identifiers_public_api_is_approved() =>
        PublicApi.Verify(typeof(Identifier).Assembly, "Tracemark.Identifiers.Tests/PublicApi.approved.txt");

    [Fact]
    public void Synthetic_public_api_is_approved() =>
        PublicApi.Verify(typeof(Synthetic.LeakCorpus).Assembly, "Tracemark.Identifiers.Tests/PublicApi.Synthetic.approved.txt");
}
