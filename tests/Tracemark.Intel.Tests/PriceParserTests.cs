using FsCheck.Fluent;
using Tracemark.Intel.Analysis;
using Tracemark.People;
using Tracemark.Synthetic.Posts;
using Tracemark.Tests;

namespace Tracemark.Intel.Tests;

public sealed class PriceParserTests
{
    private static (long? Quantity, double? Price) Parse(string text)
    {
        PriceParser.Parse(text.ToLowerInvariant(), out var quantity, out var price);
        return (quantity, price);
    }

    [Theory]
    // Amount, then the unit it buys.
    [InlineData("1.2一条", 1.2)]
    [InlineData("1.5/条", 1.5)]
    [InlineData("0.3元/条", 0.3)]
    [InlineData("20元一万条", 0.002)]
    [InlineData("20一万", 0.002)]
    [InlineData("200/W", 0.02)]
    [InlineData("30元/千条", 0.03)]
    [InlineData("100元/1000条", 0.1)]
    [InlineData("30块一万", 0.003)]
    [InlineData("500块一次", 500)]
    [InlineData("1500元/套", 1500)]
    // The unit, then the amount.
    [InlineData("一万条20元", 0.002)]
    [InlineData("每条1.2元", 1.2)]
    [InlineData("每万条30块", 0.003)]
    [InlineData("查一次50", 50)]
    [InlineData("单价1.2", 1.2)]
    // Spoken money: 毛 is a tenth, 分 a hundredth, 块 a yuan.
    [InlineData("一毛五一条", 0.15)]
    [InlineData("两毛一条", 0.2)]
    [InlineData("五分一条", 0.05)]
    [InlineData("三分钱一条", 0.03)]
    [InlineData("3分一条", 0.03)]
    [InlineData("一块二一条", 1.2)]
    [InlineData("1块5一条", 1.5)]
    // A package price divided by its count.
    [InlineData("10万条打包200元", 0.002)]
    // …also when fields stand between them, or the lot is a dump's rows.
    [InlineData("约50万条 含手机 地址\n打包价 5万", 0.1)]
    [InlineData("2000万行 一口价2万", 0.001)]
    // A batch, then its price as the next word, in Arabic or Chinese numerals, after a space or a line.
    [InlineData("一万条 四百", 0.04)]
    [InlineData("五万条\n1500", 0.03)]
    [InlineData("十二一万", 0.0012)] // 十二 then 一万: two numbers, not 十二万
    // A lookup's price per order; a price given to the card's owner.
    [InlineData("一单300", 300)]
    [InlineData("单查80", 80)]
    [InlineData("一单三百", 300)]
    [InlineData("一张给两百", 200)]
    // r (RMB) and ¥ for money.
    [InlineData("一个5r", 5)]
    [InlineData("0.2r一条", 0.2)]
    [InlineData("¥300", 300)]
    // A day's rent, paid to the owner or not.
    [InlineData("每天给你30", 30)]
    [InlineData("每天60", 60)]
    // A range is read as its low end, its multiplier too (docs/intel.md, label conventions).
    [InlineData("15~25万一套", 150_000)]
    public void Prices_are_per_unit_whichever_way_they_are_written(string text, double expected)
    {
        var (_, price) = Parse(text);
        Assert.NotNull(price);
        Assert.Equal(expected, price!.Value, 9);
    }

    [Theory]
    [InlineData("库存5000条", 5_000)]
    [InlineData("5万条", 50_000)]
    [InlineData("50W", 500_000)]
    [InlineData("手上1w 速来", 10_000)]
    [InlineData("五万条", 50_000)]
    [InlineData("二十万条", 200_000)]
    [InlineData("三百万条", 3_000_000)]
    [InlineData("现有100个", 100)]
    // A quantity followed by a price of its own: the price is per record, not for the lot.
    [InlineData("量：500000条 三分钱一条", 500_000)]
    public void Quantities_are_normalized(string text, long expected) => Assert.Equal(expected, Parse(text).Quantity);

    [Theory]
    // Minutes, grams, a price per jin, Chinese words that hold numerals, digits inside an id: no trade price.
    [InlineData("30分钟下款")]
    [InlineData("苹果51元一斤")]
    [InlineData("三要素 四件套 一手")]
    [InlineData("V2u9ar84wn0juj")]
    [InlineData("假一赔十")]
    // 一起 is "together", 实时一手 no rate, 每天2小时 hours of work.
    [InlineData("猫池 一起出 整套")]
    [InlineData("实时一手 全国")]
    [InlineData("每天2小时 在家")]
    // A price per freshness is two prices: no one unit price.
    [InlineData("隔夜 0.1r 实时 1r")]
    public void Numbers_that_are_not_prices_give_none(string text)
    {
        var (quantity, price) = Parse(text);
        Assert.Null(price);
        Assert.Null(quantity);
    }

    [Fact]
    public void Quantity_and_price_in_one_post_both_read()
    {
        var (quantity, price) = Parse("现货酒店入住料，300W条 1元一条");
        Assert.Equal(3_000_000, quantity);
        Assert.Equal(1.0, price);
    }

    /// <summary>Every way the corpus writes a per-record price parses back within 1 %.</summary>
    [Fact]
    public void Every_written_price_parses_back()
    {
        double[] prices = [0.001, 0.002, 0.0025, 0.003, 0.02, 0.03, 0.05, 0.08, 0.1, 0.12, 0.15, 0.3, 0.5, 0.8, 1, 1.2, 1.5];
        Properties.Hold(Gen.Zip(Gen.Elements(prices), ArbMap.Default.GeneratorFor<ulong>()), t =>
        {
            var (price, seed) = t;
            var rng = new SynthRandom(seed);
            var text = PostWriter.RecordPrice(ref rng, price);
            var (_, parsed) = Parse("出快递料 " + text + " 可测");
            Assert.True(parsed is { } p && Math.Abs(p - price) <= price * 0.01, $"{text} → {parsed}, not {price}");
        });
    }

    [Fact]
    public void Every_written_quantity_parses_back()
    {
        long[] quantities = [3_000, 5_000, 10_000, 20_000, 50_000, 100_000, 200_000, 500_000, 1_000_000, 3_000_000];
        Properties.Hold(Gen.Zip(Gen.Elements(quantities), ArbMap.Default.GeneratorFor<ulong>()), t =>
        {
            var (quantity, seed) = t;
            var rng = new SynthRandom(seed);
            var text = PostWriter.Quantity(ref rng, quantity);
            Assert.True(Parse("出快递料 " + text).Quantity == quantity, text);
        });
    }

    [Fact]
    public void Arbitrary_text_never_throws() =>
        Properties.Hold(ArbMap.Default.GeneratorFor<string>(), s =>
        {
            PriceParser.Parse((s ?? string.Empty).AsSpan(), out var quantity, out var price);
            Assert.True(price is null || double.IsFinite(price.Value));
            Assert.True(quantity is null || quantity >= 0);
        });
}
