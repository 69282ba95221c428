using FsCheck.Fluent;
using Tracemark.Tests;
using static Tracemark.Identifiers.Tests.Checks;

namespace Tracemark.Identifiers.Tests.Kinds;

public sealed class MacauPassportTests
{
    private const IdentifierKind Kind = IdentifierKind.MacauPassport;
    private const string ShapeReason = "not a Macau SAR passport number: MA or MB + 7 digits";

    [Theory]
    [InlineData("MA1234567", "MA1234567")]
    [InlineData("mb-123-4567", "MB1234567")]
    public void Valid_numbers(string raw, string canonical) =>
        Assert.Equal(canonical, Canonical(Kind, raw));

    [Theory]
    // M + 8 digits is a Macau resident's home-return permit.
    [InlineData("M12345678")]
    // No MC series.
    [InlineData("MC1234567")]
    // Wrong length.
    [InlineData("MA123456")]
    [InlineData("MA12345678")]
    public void Invalid_numbers_do_not_have_the_shape(string raw) =>
        Assert.Equal(ShapeReason, Reason(Kind, raw));

    [Fact]
    public void Identify_prefers_the_passport_to_a_hong_kong_id_written_without_parentheses() =>
        Assert.Equal(Kind, Identifier.Identify("MA1234567", Today).Kind);

    [Fact]
    public void Any_other_second_letter_is_rejected() =>
        Properties.Hold(Gen.Choose('C', 'Z').Select(c => (char)c), letter =>
            !Run(Kind, $"M{letter}1234567").Valid);
}
