namespace Tracemark.Scanning.Tests.Detection.Recognizers;

public sealed class BankCardRecognizerTests
{
    [Theory]
    [InlineData("卡号6222020200112233446", "6222020200112233446")]
    [InlineData("银行卡：6222 0202 0011 2233 446", "6222020200112233446")]
    // Known issuer (ICBC 622202) without context: reported at 0.6.
    [InlineData("6222020200112233446", "6222020200112233446")]
    public void Finds_valid_cards(string text, string value) =>
        Assert.Equal([value], Texts.Values(text, "bank_card"));

    [Theory]
    // Luhn fails.
    [InlineData("卡号6222020200112233445")]
    // Luhn passes but the issuer is unknown and there is no context: one random number in ten passes Luhn.
    [InlineData("4111111111111111")]
    // A Luhn-valid serial after 流水号 is a decoy.
    [InlineData("交易流水号:6222020200112233446 到账了")]
    public void Ignores_invalid_cards_and_decoys(string text) =>
        Assert.Empty(Texts.Values(text, "bank_card"));
}
