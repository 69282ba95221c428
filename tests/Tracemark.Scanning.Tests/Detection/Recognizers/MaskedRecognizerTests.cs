namespace Tracemark.Scanning.Tests.Detection.Recognizers;

public sealed class MaskedRecognizerTests
{
    [Theory]
    [InlineData("手机138****8000", "mobile_masked", "138****8000")]
    [InlineData("身份证110105********002X", "cn_id_masked", "110105********002X")]
    [InlineData("卡号6222 **** **** 1234", "bank_card_masked", "6222********1234")]
    public void Finds_masked_values_as_partial(string text, string kind, string value)
    {
        var hits = Texts.Scan(text);
        var hit = Assert.Single(hits);
        Assert.Equal((kind, value), (hit.Kind, hit.Value));
    }

    [Theory]
    // 154 is no segment.
    [InlineData("手机154****8000")]
    // Masks glued to a Chinese character belong to a name, not to the number after it.
    [InlineData("谭* 008619532446096")]
    public void Inconsistent_masks_are_not_masked_numbers(string text) =>
        Assert.DoesNotContain(Texts.Scan(text), h => h.Kind is "mobile_masked" or "bank_card_masked" or "cn_id_masked");
}
