using FsCheck.Fluent;
using Tracemark.Identifiers.Kinds;
using Tracemark.Tests;
using static Tracemark.Identifiers.Tests.Checks;

namespace Tracemark.Identifiers.Tests.Kinds;

public sealed class HongKongPassportTests
{
    private const IdentifierKind Kind = IdentifierKind.HongKongPassport;
    private const string ShapeReason = "not a Hong Kong SAR passport number: K + 8 digits or KJ + 7 digits";

    [Theory]
    [InlineData("K12345678", "K12345678", false)]
    [InlineData("k 1234 5678", "K12345678", false)]
    // Electronic passports (2007 on).
    [InlineData("KJ1234567", "KJ1234567", true)]
    public void Valid_numbers(string raw, string canonical, bool electronic)
    {
        Assert.Equal(canonical, Canonical(Kind, raw));
        Assert.Equal(electronic, HongKongPassport.IsElectronic(canonical));
    }

    [Theory]
    // H + 8 digits is a Hong Kong resident's home-return permit.
    [InlineData("H12345678")]
    // Only J follows K as a letter.
    [InlineData("KA1234567")]
    // Wrong length.
    [InlineData("K1234567")]
    [InlineData("K123456789")]
    // A Hong Kong ID written with its check in parentheses.
    [InlineData("K123456(7)")]
    public void Invalid_numbers_do_not_have_the_shape(string raw) =>
        Assert.Equal(ShapeReason, Reason(Kind, raw));

    [Fact]
    public void Identify_prefers_the_passport_to_a_hong_kong_id_written_without_parentheses() =>
        Assert.Equal(Kind, Identifier.Identify("KJ1234567", Today).Kind);

    [Fact]
    public void Every_k_series_number_validates() =>
        Properties.Hold(Gen.Choose(0, 99_999_999), n =>
            Run(Kind, "K" + n.ToString("D8", System.Globalization.CultureInfo.InvariantCulture)).Valid);
}
