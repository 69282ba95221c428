using Tracemark.Identifiers.Kinds;
using static Tracemark.Identifiers.Tests.Checks;

namespace Tracemark.Identifiers.Tests.Kinds;

public sealed class HomeReturnPermitTests
{
    private const IdentifierKind Kind = IdentifierKind.HomeReturnPermit;

    [Theory]
    [InlineData("H12345678", "H12345678")]
    [InlineData("M12345678", "M12345678")]
    // The printed 2-digit issue count is not part of the holder's number.
    [InlineData("H1234567801", "H12345678")]
    [InlineData("h 1234 5678 (02)", "H12345678")]
    public void Valid_numbers(string raw, string canonical) =>
        Assert.Equal(canonical, Canonical(Kind, raw));

    [Theory]
    // Only H (Hong Kong) and M (Macau).
    [InlineData("C12345678")]
    // 7 or 9 digits, or an issue count of one digit.
    [InlineData("H1234567")]
    [InlineData("H123456789")]
    [InlineData("H12345678X")]
    public void Invalid_numbers_do_not_have_the_shape(string raw) =>
        Assert.Equal("not a home-return permit: H or M + 8 digits (+ 2-digit issue count)", Reason(Kind, raw));

    [Fact]
    public void Describes_residence_and_issue_count()
    {
        Assert.Equal(new HomeReturnPermitFacts("Hong Kong", 1), HomeReturnPermit.Describe("H1234567801"));
        Assert.Equal(new HomeReturnPermitFacts("Macau", null), HomeReturnPermit.Describe("M12345678"));
    }
}
