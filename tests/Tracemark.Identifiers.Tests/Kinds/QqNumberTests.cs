using static Tracemark.Identifiers.Tests.Checks;

namespace Tracemark.Identifiers.Tests.Kinds;

public sealed class QqNumberTests
{
    private const IdentifierKind Kind = IdentifierKind.Qq;

    [Theory]
    // QQ numbers started at 10000 (5 digits) and now reach 11 digits.
    [InlineData("10001", "10001")]
    [InlineData("123456789", "123456789")]
    [InlineData("12345678901", "12345678901")]
    [InlineData(" 1234 5678 ", "12345678")]
    public void Valid_numbers(string raw, string canonical) =>
        Assert.Equal(canonical, Canonical(Kind, raw));

    [Theory]
    // Too short, too long, leading zero, letters.
    [InlineData("1234", "has 4 characters; a QQ number has 5 to 11")]
    [InlineData("123456789012", "has 12 characters; a QQ number has 5 to 11")]
    [InlineData("01234567", "a QQ number is 5–11 digits not starting with 0")]
    [InlineData("12345a", "character 'a' at position 6 is not allowed in a QQ number")]
    public void Invalid_numbers_say_exactly_why(string raw, string reason) =>
        Assert.Equal(reason, Reason(Kind, raw));
}
