using FsCheck;
using FsCheck.Fluent;
using Tracemark.Identifiers.Kinds;
using Tracemark.Identifiers.Reference;
using Tracemark.People;
using Tracemark.Tests;
using static Tracemark.Identifiers.Tests.Checks;

namespace Tracemark.Identifiers.Tests.Kinds;

public sealed class BankCardTests
{
    private const IdentifierKind Kind = IdentifierKind.BankCard;

    [Theory]
    // Luhn-valid (checked independently): ICBC debit BIN 622202, 19 digits.
    [InlineData("6222020200112233446", "6222020200112233446")]
    [InlineData("6222 0202 0011 2233 446", "6222020200112233446")]
    [InlineData("6222-0202-0011-2233-446", "6222020200112233446")]
    [InlineData("６２２２０２０２００１１２２３３４４６", "6222020200112233446")]
    // A 16-digit Luhn-valid number whose BIN is not Chinese: valid, issuer unknown.
    [InlineData("4111111111111111", "4111111111111111")]
    // American Express 15 digits, Diners Club 14 (the networks' published test numbers).
    [InlineData("378282246310005", "378282246310005")]
    [InlineData("371449635398431", "371449635398431")]
    [InlineData("30569309025904", "30569309025904")]
    [InlineData("36227206271667", "36227206271667")]
    public void Valid_numbers_normalize_to_digits(string raw, string canonical) =>
        Assert.Equal(canonical, Canonical(Kind, raw));

    [Theory]
    // Last digit changed: Luhn says it should be 6.
    [InlineData("6222020200112233445", "Luhn check fails: the last digit should be 6")]
    // Lengths by network: UnionPay 16–19, American Express 15, Diners Club (36) 14, Visa 16 or 19, Mastercard 16.
    [InlineData("622202020011223", "has 15 digits; UnionPay numbers have 16 to 19 digits")]
    [InlineData("3782822463100051", "has 16 digits; American Express numbers have 15 digits")]
    [InlineData("361234567890125", "has 15 digits; Diners Club numbers have 14 digits")]
    [InlineData("41111111111111115", "has 17 digits; Visa numbers have 16 or 19 digits")]
    [InlineData("5555555555554444000", "has 19 digits; Mastercard numbers have 16 digits")]
    [InlineData("62220202001122334460", "has 20 characters; a bank card number has 14 to 19")]
    [InlineData("1234567890123", "has 13 characters; a bank card number has 14 to 19")]
    // ISO/IEC 7812 numbers never start with 0.
    [InlineData("0222020200112233446", "card numbers never start with 0")]
    [InlineData("6222O20200112233446", "character 'O' at position 5 is not allowed in a bank card number")]
    public void Invalid_numbers_say_exactly_why(string raw, string reason) =>
        Assert.Equal(reason, Reason(Kind, raw));

    [Fact]
    public void Describes_issuer_from_the_bin_table()
    {
        var facts = BankCard.Describe("6222020200112233446");
        Assert.Equal("中国工商银行", facts.Issuer!.BankName);
        Assert.Equal(BankCardType.Debit, facts.Issuer.CardType);
        Assert.True(facts.UnionPay);
        Assert.Null(BankCard.Describe("4111111111111111").Issuer);
    }

    private static readonly Population People = new(seed: 13, size: 1_000_000);

    private static Gen<string> Cards => Gen.Choose(0, 999_999).Select(i => People.Get(i).BankCard);

    [Fact]
    public void Every_synthesized_card_validates_and_has_a_known_issuer() =>
        Properties.Hold(Cards, card => Canonical(Kind, card) == card && BankCard.Describe(card).Issuer is not null);

    [Fact]
    public void Every_single_digit_substitution_is_rejected() =>
        Properties.Hold(Cards, card =>
        {
            for (var i = 0; i < card.Length; i++)
            {
                for (var d = '0'; d <= '9'; d++)
                {
                    if (d != card[i])
                    {
                        var changed = string.Concat(card.AsSpan(0, i), d.ToString(), card.AsSpan(i + 1));
                        Assert.False(Run(Kind, changed).Valid, $"{changed} (from {card}) was accepted");
                    }
                }
            }
        }, count: 100);

    [Fact]
    public void Bin_table_has_the_bankcardinfo_prefixes() =>
        Assert.InRange(BankBins.All.Count, 1_700, 1_900);

    [Theory]
    [InlineData("378282246310005", "American Express")]
    [InlineData("30569309025904", "Diners Club")]
    [InlineData("4111111111111111", "Visa")]
    [InlineData("5555555555554444", "Mastercard")]
    [InlineData("6222020200112233446", "UnionPay")]
    [InlineData("3530111333300000", "JCB")]
    public void Names_the_network(string card, string network) =>
        Assert.Equal(network, BankCard.Describe(card).Network);

    [Fact]
    public void Identify_takes_an_american_express_number_as_a_card_not_an_id() =>
        Assert.Equal(Kind, Identifier.Identify("378282246310005", Today).Kind);

    // Every Luhn-valid number of a length no network issues for its prefix is rejected, and every one whose length
    // the network issues is accepted.
    [Fact]
    public void Lengths_follow_the_network() =>
        Properties.Hold(
            from prefix in Gen.Elements("34", "37", "36", "4", "51", "62")
            from length in Gen.Choose(14, 19)
            from seed in Gen.Choose(0, int.MaxValue)
            select (prefix, length, seed), t =>
        {
            var (prefix, length, seed) = t;
            var body = prefix + seed.ToString("D10", System.Globalization.CultureInfo.InvariantCulture).PadRight(length, '7')[..(length - prefix.Length - 1)];
            var card = body + BankCard.LuhnCheckDigit(body);
            var expected = prefix switch
            {
                "34" or "37" => length == 15,
                "36" => length == 14,
                "4" => length is 16 or 19,
                "51" => length == 16,
                _ => length >= 16,
            };
            Assert.True(expected == Run(Kind, card).Valid || BankBins.TryFind(card, out _), card);
        });
}
