namespace Tracemark.Scanning.Tests.Detection.Recognizers;

public sealed class MobileRecognizerTests
{
    [Theory]
    [InlineData("手机13800138000", "13800138000")]
    [InlineData("电话：+86 138-0013-8000，", "13800138000")]
    [InlineData("联系 0086 13800138000", "13800138000")]
    [InlineData("(+86)13800138000", "13800138000")]
    [InlineData("８６１３８００１３８０００", "13800138000")]
    [InlineData("tel13800138000", "13800138000")]
    // Without context a mobile in an allocated segment is still reported (base confidence 0.85).
    [InlineData("张三 13800138000 有资金需求", "13800138000")]
    public void Finds_valid_mobiles(string text, string value) =>
        Assert.Equal([value], Texts.Values(text, "mobile"));

    [Theory]
    // 154 is no segment; 12 digits; the last 11 digits of a 13-digit timestamp (digit boundaries).
    [InlineData("手机15412345678")]
    [InlineData("手机138001380001")]
    [InlineData("1613800138000")]
    // A SKU after 编码.
    [InlineData("商品编码13800138000")]
    public void Ignores_invalid_mobiles_and_decoys(string text) =>
        Assert.Empty(Texts.Values(text, "mobile"));

    [Fact]
    public void Two_mobiles_in_one_run_are_both_found() =>
        Assert.Equal(["13800138000", "13912345678"], Texts.Values("电话13800138000 13912345678", "mobile"));
}
