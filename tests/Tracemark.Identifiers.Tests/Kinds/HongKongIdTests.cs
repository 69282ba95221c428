using static Tracemark.Identifiers.Tests.Checks;

namespace Tracemark.Identifiers.Tests.Kinds;

public sealed class HongKongIdTests
{
    private const IdentifierKind Kind = IdentifierKind.HongKongId;

    [Theory]
    // Check digits verified independently (weights 9…2, a single letter preceded by a space worth 36).
    [InlineData("A123456(3)", "A123456(3)")]
    [InlineData("A1234563", "A123456(3)")]
    [InlineData("a123456 (3)", "A123456(3)")]
    // A check value of 10 is written A.
    [InlineData("G123456(A)", "G123456(A)")]
    // Two-letter prefix.
    [InlineData("AB987654(3)", "AB987654(3)")]
    [InlineData("C668844(4)", "C668844(4)")]
    public void Valid_numbers(string raw, string canonical) =>
        Assert.Equal(canonical, Canonical(Kind, raw));

    [Theory]
    [InlineData("A123456(4)", "check character should be 3")]
    [InlineData("G123456(0)", "check character should be A")]
    // No letter, three letters, five digits.
    [InlineData("1234567(8)", "not a Hong Kong ID: 1–2 letters + 6 digits + check digit or A")]
    [InlineData("ABC123456(7)", "not a Hong Kong ID: 1–2 letters + 6 digits + check digit or A")]
    [InlineData("A12345(6)", "not a Hong Kong ID: 1–2 letters + 6 digits + check digit or A")]
    public void Invalid_numbers_say_exactly_why(string raw, string reason) =>
        Assert.Equal(reason, Reason(Kind, raw));
}
