using FsCheck.Fluent;
using Tracemark.Identifiers.Kinds;
using Tracemark.Tests;
using static Tracemark.Identifiers.Tests.Checks;

namespace Tracemark.Identifiers.Tests.Kinds;

public sealed class HkMacauTravelPermitTests
{
    private const IdentifierKind Kind = IdentifierKind.HkMacauTravelPermit;
    private const string ShapeReason = "not a travel permit to Hong Kong/Macau: C + 8 digits, C + letter + 7 digits, or W + 8 digits";

    [Theory]
    [InlineData("C12345678", "C12345678", TravelPermitForm.Card)]
    [InlineData("c 1234 5678", "C12345678", TravelPermitForm.Card)]
    [InlineData("CA1234567", "CA1234567", TravelPermitForm.CardLettered)]
    [InlineData("W12345678", "W12345678", TravelPermitForm.Booklet)]
    public void Valid_numbers(string raw, string canonical, TravelPermitForm form)
    {
        Assert.Equal(canonical, Canonical(Kind, raw));
        Assert.Equal(form, HkMacauTravelPermit.Describe(canonical));
    }

    [Theory]
    // I and O are never series letters.
    [InlineData("CI1234567")]
    [InlineData("CO1234567")]
    // The booklet's numbers are all digits after W.
    [InlineData("WA1234567")]
    // H/M + 8 digits are home-return permits of Hong Kong and Macau residents, the other direction.
    [InlineData("H12345678")]
    // Wrong length.
    [InlineData("C1234567")]
    [InlineData("C123456789")]
    public void Invalid_numbers_do_not_have_the_shape(string raw) =>
        Assert.Equal(ShapeReason, Reason(Kind, raw));

    [Fact]
    public void Identify_takes_c_numbers_as_travel_permits()
    {
        Assert.Equal(Kind, Identifier.Identify("C12345678", Today).Kind);
        Assert.Equal(Kind, Identifier.Identify("CA1234567", Today).Kind);
        Assert.Equal(IdentifierKind.HomeReturnPermit, Identifier.Identify("H12345678", Today).Kind);
    }

    [Fact]
    public void Every_card_number_validates_and_round_trips() =>
        Properties.Hold(Gen.Choose(0, 99_999_999), n =>
        {
            var id = "C" + n.ToString("D8", System.Globalization.CultureInfo.InvariantCulture);
            return Canonical(Kind, id) == id && HkMacauTravelPermit.Describe(id) == TravelPermitForm.Card;
        });
}
