namespace Tracemark.Scanning.Tests.Detection.Recognizers;

public sealed class LandlineRecognizerTests
{
    [Theory]
    [InlineData("座机0755-88888888", "0755-88888888")]
    [InlineData("电话 010-62345678", "010-62345678")]
    public void Finds_landlines(string text, string value) =>
        Assert.Equal([value], Texts.Values(text, "landline"));

    [Theory]
    // Local numbers never start with 1.
    [InlineData("电话010-12345678")]
    // A date is not a landline.
    [InlineData("2025-12-20 07:13")]
    public void Ignores_non_landlines(string text) =>
        Assert.Empty(Texts.Values(text, "landline"));
}
