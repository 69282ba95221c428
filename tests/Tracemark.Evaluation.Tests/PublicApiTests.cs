using Tracemark.Tests;

namespace Tracemark.Evaluation.Tests;

public sealed class PublicApiTests
{
    [Fact]
    public void Evaluation_public_api_is_approved() =>
        PublicApi.Verify(typeof(TraceEvaluation).Assembly, "Tracemark.Evaluation.Tests/PublicApi.approved.txt");
}
