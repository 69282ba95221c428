using FsCheck.Fluent;
using Tracemark.Identifiers;
using Tracemark.Intel.Analysis;
using Tracemark.Intel.Posts;
using Tracemark.Scanning;
using Tracemark.Tests;

namespace Tracemark.Intel.Tests;

/// <summary>
/// What keeps the analysis cheap must not change what it finds: the scanner is skipped on texts with fewer than 11
/// digits, and the parts that run on every post allocate nothing.
/// </summary>
public sealed class AnalyzerCostTests
{
    private static readonly string[] Filler = ["出售", "车主", "数据", "手机", "联系", "测试样例：", "张伟", "，", " ", "\n", "北京市朝阳区", "身份证", "一手"];

    /// <summary>A digit in one of the forms the scanner's fold reads as that digit.</summary>
    private static string Digit(Random rng, int d) => rng.Next(5) switch
    {
        0 => ((char)('０' + d)).ToString(),                 // full width
        1 => d == 0 ? "⓪" : ((char)('①' + d - 1)).ToString(), // circled
        2 => "⁰¹²³⁴⁵⁶⁷⁸⁹"[d].ToString(),                     // superscript
        _ => ((char)('0' + d)).ToString(),
    };

    private sealed class Kinds : IIdentifierSink
    {
        public bool Sample { get; set; }

        public void Found(IdentifierKind kind, ReadOnlySpan<char> canonical) =>
            Sample |= kind is IdentifierKind.Mobile or IdentifierKind.ResidentId or IdentifierKind.BankCard;
    }

    [Fact]
    public void Whatever_the_scanner_finds_as_a_sample_passes_the_digit_count()
    {
        var finder = new TextFinder();
        var found = 0;
        Properties.Hold(Gen.Choose(0, int.MaxValue - 1), seed =>
        {
            var rng = new Random(seed);
            // A mobile (valid prefix), an ID-like or card-like run, or a short number, in mixed digit forms, between words.
            var digits = rng.Next(4) switch
            {
                0 => "13" + string.Concat(Enumerable.Range(0, 9).Select(_ => (char)('0' + rng.Next(10)))),
                1 => "11010519491231002",
                2 => "6222020200112233446",
                _ => string.Concat(Enumerable.Range(0, rng.Next(1, 11)).Select(_ => (char)('0' + rng.Next(10)))),
            };
            var spelt = string.Concat(digits.Select((d, i) => Digit(rng, d - '0') + (rng.Next(6) == 0 && i > 0 ? rng.Next(2) == 0 ? " " : "-" : "")));
            var text = Filler[rng.Next(Filler.Length)] + spelt + Filler[rng.Next(Filler.Length)];
            var sink = new Kinds();
            finder.Find(text, sink);
            found += sink.Sample ? 1 : 0;
            Assert.True(!sink.Sample || PostAnalyzer.MayHoldSample(text), text);
        });

        // The property is not empty: the scanner did find samples among the cases (the ASCII and full-width ones).
        Assert.True(found > 0);
    }

    [Theory]
    [InlineData("测试样例 张伟 13800138000 北京市朝阳区建国路88号", true)]
    [InlineData("测试样例 张伟 １３８００１３８０００", true)]
    [InlineData("出车主料 0.5一条 5000条起", false)]
    [InlineData("今天谁去接孩子", false)]
    public void Samples_are_still_found_where_they_are(string text, bool sample) =>
        Assert.Equal(sample, Analyze.RulesOnly(text).Samples.Count > 0);

    /// <summary>The per-post parts allocate nothing after the first call: the price parser and the model's scorer.</summary>
    [Fact]
    public void Prices_and_the_model_allocate_nothing_per_post()
    {
        const string text = "长期出实时快递料，字段：姓名+手机+身份证+地址，库存50w条，1.2一条，可测，日结500 包月300";
        var model = GoodsModel.Shipped!;
        Span<float> p = stackalloc float[GoodsModel.ClassCount];
        PriceParser.Parse(text, out _, out _);
        model.Predict(text, p);
        // The least of five rounds: a one-off allocation by the runtime (a tier-up, a lazy table) is not per post.
        var least = long.MaxValue;
        for (var round = 0; round < 5; round++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < 100; i++)
            {
                PriceParser.Parse(text, out _, out _);
                model.Predict(text, p);
            }

            least = Math.Min(least, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        Assert.Equal(0, least);
    }

    /// <summary>
    /// A whole analysis of a chat line without handles allocates its result and nothing per character or word: the
    /// same bound for a short line and one fifty times as long.
    /// </summary>
    [Fact]
    public void Analysing_a_post_allocates_its_result_not_per_character()
    {
        var analyzer = new PostAnalyzer();
        static Post P(string text) => new("test", 1, null, string.Empty, "post:test#1", null, text);
        var shortPost = P("今天谁去接孩子，晚上一起吃饭吗");
        var longPost = P(string.Concat(Enumerable.Repeat("今天谁去接孩子，晚上一起吃饭吗", 50)));
        analyzer.Analyze(longPost); // grows the analyzer's buffers once
        analyzer.Analyze(shortPost);

        // The least of five rounds: a one-off allocation by the runtime (a tier-up, a lazy table) is not per post.
        long Allocated(Post post)
        {
            var least = long.MaxValue;
            for (var round = 0; round < 5; round++)
            {
                var before = GC.GetAllocatedBytesForCurrentThread();
                for (var i = 0; i < 100; i++)
                {
                    analyzer.Analyze(post);
                }

                least = Math.Min(least, (GC.GetAllocatedBytesForCurrentThread() - before) / 100);
            }

            return least;
        }

        var small = Allocated(shortPost);
        Assert.Equal(small, Allocated(longPost));
        Assert.True(small <= 256, $"{small} bytes per post");
    }
}
