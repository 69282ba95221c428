namespace Tracemark.Scanning.Tests.Detection.Recognizers;

public sealed class MacauPassportRecognizerTests
{
    [Theory]
    [InlineData("澳门特区护照MA1234567", "MA1234567")]
    [InlineData("护照号 MB7654321", "MB7654321")]
    public void Finds_numbers_with_context(string text, string value) =>
        Assert.Equal([value], Texts.Values(text, "mo_passport"));

    [Theory]
    // no check digit: without a context word below the reporting threshold.
    [InlineData("MA1234567")]
    // Not the shape of the kind.
    [InlineData("证件 MC1234567")]
    public void Weak_or_invalid_numbers_are_not_reported(string text) =>
        Assert.Empty(Texts.Values(text, "mo_passport"));
}
