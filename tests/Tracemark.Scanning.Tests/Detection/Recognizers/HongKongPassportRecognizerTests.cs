namespace Tracemark.Scanning.Tests.Detection.Recognizers;

public sealed class HongKongPassportRecognizerTests
{
    [Theory]
    [InlineData("香港特区护照 K12345678", "K12345678")]
    [InlineData("护照 KJ1234567", "KJ1234567")]
    public void Finds_numbers_with_context(string text, string value) =>
        Assert.Equal([value], Texts.Values(text, "hk_passport"));

    [Theory]
    // no check digit: without a context word below the reporting threshold.
    [InlineData("K12345678")]
    // Not the shape of the kind.
    [InlineData("证件 K1234567")]
    public void Weak_or_invalid_numbers_are_not_reported(string text) =>
        Assert.Empty(Texts.Values(text, "hk_passport"));
}
