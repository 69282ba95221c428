using Tracemark.Identifiers.Kinds;
using static Tracemark.Identifiers.Tests.Checks;

namespace Tracemark.Identifiers.Tests.Kinds;

public sealed class TaiwanIdTests
{
    private const IdentifierKind Kind = IdentifierKind.TaiwanId;

    [Theory]
    // Check digits verified independently (letter code digits weighted 1 and 9, then 8…1).
    [InlineData("A123456789", "A123456789")]
    [InlineData("a123456789", "A123456789")]
    [InlineData("F131104093", "F131104093")]
    [InlineData("B234567894", "B234567894")]
    public void Valid_numbers(string raw, string canonical) =>
        Assert.Equal(canonical, Canonical(Kind, raw));

    [Theory]
    [InlineData("A123456788", "check character should be 9")]
    [InlineData("B234567890", "check character should be 4")]
    // Second character is 1/2; 8/9 are resident certificate numbers of non-nationals (TaiwanResidentCertificateTests).
    [InlineData("A323456789", "not a Taiwan ID: letter + 1 or 2 + 8 digits")]
    [InlineData("A800000014", "not a Taiwan ID: letter + 1 or 2 + 8 digits")]
    [InlineData("1123456789", "not a Taiwan ID: letter + 1 or 2 + 8 digits")]
    [InlineData("A12345678", "not a Taiwan ID: letter + 1 or 2 + 8 digits")]
    public void Invalid_numbers_say_exactly_why(string raw, string reason) =>
        Assert.Equal(reason, Reason(Kind, raw));

    [Fact]
    public void Describes_place_and_sex()
    {
        Assert.Equal(new TaiwanIdFacts("台北市", Sex.Male), TaiwanId.Describe("A123456789"));
        Assert.Equal(new TaiwanIdFacts("台中市", Sex.Female), TaiwanId.Describe("B234567894"));
    }
}
