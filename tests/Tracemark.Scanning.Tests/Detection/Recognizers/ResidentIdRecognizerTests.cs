namespace Tracemark.Scanning.Tests.Detection.Recognizers;

public sealed class ResidentIdRecognizerTests
{
    [Theory]
    // Glued to a Chinese word: digit boundaries, not \b.
    [InlineData("身份证11010519491231002X", "11010519491231002X")]
    [InlineData("身份证号码是11010519491231002x。", "11010519491231002X")]
    // No context needed: check digit, region and date are strong evidence.
    [InlineData("张三 440524188001010014 要贷款", "440524188001010014")]
    // Spaced and full-width forms.
    [InlineData("证件：110105 19491231 002X", "11010519491231002X")]
    [InlineData("身份证１１０１０５１９４９１２３１００２Ｘ", "11010519491231002X")]
    // Legacy 15 digits upgrade to the 18-character key.
    [InlineData("老身份证110105491231002", "11010519491231002X")]
    public void Finds_valid_ids(string text, string value) =>
        Assert.Equal([value], Texts.Values(text, "cn_id"));

    [Theory]
    // Wrong check character.
    [InlineData("身份证110105194912310021")]
    // Part of a longer digit run (19 digits).
    [InlineData("编号110105194912310020X1")]
    // A valid ID number after 订单号 is an order number (decoy).
    [InlineData("订单号11010519491231002X 已发货")]
    [InlineData("交易流水号:440524188001010014")]
    public void Ignores_invalid_ids_and_decoys(string text) =>
        Assert.Empty(Texts.Values(text, "cn_id"));

    [Fact]
    public void A_context_word_closer_than_a_decoy_word_wins() =>
        Assert.Equal(["11010519491231002X"], Texts.Values("订单备注 身份证11010519491231002X", "cn_id"));
}
