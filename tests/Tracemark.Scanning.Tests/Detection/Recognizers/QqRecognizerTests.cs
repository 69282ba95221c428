namespace Tracemark.Scanning.Tests.Detection.Recognizers;

public sealed class QqRecognizerTests
{
    [Theory]
    [InlineData("QQ:123456789", "123456789")]
    [InlineData("qq号 12345678", "12345678")]
    [InlineData("扣扣10001", "10001")]
    [InlineData("QQ123456789", "123456789")]
    public void Finds_qq_numbers_with_context(string text, string value) =>
        Assert.Equal([value], Texts.Values(text, "qq"));

    [Theory]
    // Any 5–11 digits without a QQ word: not a QQ number.
    [InlineData("数量 123456789")]
    [InlineData("价格 30000")]
    public void Needs_context(string text) =>
        Assert.Empty(Texts.Values(text, "qq"));
}
