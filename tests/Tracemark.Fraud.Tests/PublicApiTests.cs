using Tracemark.Tests;

namespace Tracemark.Fraud.Tests;

public sealed class PublicApiTests
{
    [Fact]
    public void Fraud_public_api_is_approved() =>
        PublicApi.Verify(typeof(FraudLink).Assembly, "Tracemark.Fraud.Tests/PublicApi.approved.txt");
}
