using Tracemark.Identifiers.Kinds;
using static Tracemark.Identifiers.Tests.Checks;

namespace Tracemark.Identifiers.Tests.Kinds;

public sealed class PassportTests
{
    private const IdentifierKind Kind = IdentifierKind.Passport;
    private const string ShapeReason = "not a passport number: E + 8 characters, G + 8 digits, or DE/SE/PE + 7 digits";

    [Theory]
    // Ordinary e-passports: E + digit or letter (not I/O) + 7 digits.
    [InlineData("E12345678", "E12345678", PassportType.OrdinaryElectronic)]
    [InlineData("EA1234567", "EA1234567", PassportType.OrdinaryElectronic)]
    [InlineData("e 1234 5678", "E12345678", PassportType.OrdinaryElectronic)]
    // Older ordinary passports.
    [InlineData("G12345678", "G12345678", PassportType.Ordinary)]
    // Diplomatic, service, public affairs.
    [InlineData("DE1234567", "DE1234567", PassportType.Diplomatic)]
    [InlineData("SE1234567", "SE1234567", PassportType.Service)]
    [InlineData("PE1234567", "PE1234567", PassportType.PublicAffairs)]
    public void Valid_numbers(string raw, string canonical, PassportType type)
    {
        Assert.Equal(canonical, Canonical(Kind, raw));
        Assert.Equal(type, Passport.Describe(canonical));
    }

    [Theory]
    // I and O are never used after E.
    [InlineData("EI1234567")]
    [InlineData("EO1234567")]
    // G numbers are all digits.
    [InlineData("GA1234567")]
    // Wrong length.
    [InlineData("E1234567")]
    [InlineData("E123456789")]
    // Unknown prefix.
    [InlineData("K12345678")]
    public void Invalid_numbers_do_not_have_the_shape(string raw) =>
        Assert.Equal(ShapeReason, Reason(Kind, raw));
}
