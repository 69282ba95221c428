using Tracemark.Identifiers.Kinds;
using static Tracemark.Identifiers.Tests.Checks;

namespace Tracemark.Identifiers.Tests.Kinds;

public sealed class VehiclePlateTests
{
    private const IdentifierKind Kind = IdentifierKind.VehiclePlate;
    private const string ShapeReason = "not a plate: province character + letter + 5 characters (6 for new-energy vehicles)";

    [Theory]
    [InlineData("京A12345", "京A12345")]
    // Separators people write: middle dot, space, full-width letters.
    [InlineData("京A·12345", "京A12345")]
    [InlineData("粤B 1A2B3", "粤B1A2B3")]
    [InlineData("沪ＡＢ１２３４", "沪AB1234")]
    // Special suffixes: trailer, learner.
    [InlineData("鲁B1234挂", "鲁B1234挂")]
    [InlineData("苏A1234学", "苏A1234学")]
    // New-energy: small (D/F first), large (D/F last).
    [InlineData("京AD12345", "京AD12345")]
    [InlineData("沪AF12345", "沪AF12345")]
    [InlineData("粤B12345D", "粤B12345D")]
    public void Valid_plates(string raw, string canonical) =>
        Assert.Equal(canonical, Canonical(Kind, raw));

    [Theory]
    // 港 is not a province abbreviation.
    [InlineData("港A12345", "'港' is not a province abbreviation")]
    // I and O are not used in serials.
    [InlineData("京A1234O", ShapeReason)]
    [InlineData("京AI2345", ShapeReason)]
    // Second character must be the issuing office letter.
    [InlineData("京112345", ShapeReason)]
    // New-energy 6-character serials follow the D/F rule.
    [InlineData("京A123456", ShapeReason)]
    [InlineData("京A1234", ShapeReason)]
    public void Invalid_plates_say_exactly_why(string raw, string reason) =>
        Assert.Equal(reason, Reason(Kind, raw));

    [Fact]
    public void Describes_province_and_energy()
    {
        Assert.Equal(new VehiclePlateFacts("京", true, null), VehiclePlate.Describe("京AD12345"));
        Assert.Equal(new VehiclePlateFacts("鲁", false, "挂"), VehiclePlate.Describe("鲁B1234挂"));
    }
}
