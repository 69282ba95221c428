using System.Text.Json;
using Tracemark.Intel.Analysis;
using Tracemark.Intel.Posts;
using Tracemark.Tests;

namespace Tracemark.Intel.Tests;

/// <summary>The trained goods model: the shipped file, its format, and how it is weighed with the rules.</summary>
public sealed class GoodsModelTests
{
    private static readonly string ModelFile = Path.Combine(NodeScript.Repository(), "src", "Tracemark.Intel", "Analysis", "goods.model");

    [Fact]
    public void The_shipped_model_is_the_repository_file_and_is_loaded()
    {
        Assert.NotNull(GoodsModel.Shipped);
        using var file = File.OpenRead(ModelFile);
        var fromRepository = GoodsModel.Read(file);
        Span<float> shipped = stackalloc float[GoodsModel.ClassCount];
        Span<float> read = stackalloc float[GoodsModel.ClassCount];
        foreach (var text in new[] { "出售一手股民数据 实时更新 V：abc12345", "今天谁去接孩子", "收四件套 带U盾 对公户 高价" })
        {
            GoodsModel.Shipped!.Predict(text, shipped);
            fromRepository.Predict(text, read);
            Assert.True(shipped.SequenceEqual(read), text);
        }
    }

    /// <summary>The trainer wrote ML.NET's own class probabilities for a sample of its training posts beside the model;
    /// the hand-written dot product over the shipped file must give the same (to float rounding).</summary>
    [Fact]
    public void The_shipped_file_reproduces_the_trainers_predictions()
    {
        var lines = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Data", "goods-model-sample.jsonl"));
        Assert.True(lines.Length >= 50, $"{lines.Length} sample posts");
        Span<float> p = stackalloc float[GoodsModel.ClassCount];
        var classesSeen = new HashSet<int>();
        foreach (var line in lines)
        {
            var sample = JsonDocument.Parse(line).RootElement;
            var text = sample.GetProperty("Text").GetString()!;
            var want = sample.GetProperty("Probabilities").EnumerateArray().Select(e => e.GetSingle()).ToArray();
            GoodsModel.Shipped!.Predict(text, p);
            for (var k = 0; k < want.Length; k++)
            {
                Assert.True(Math.Abs(p[k] - want[k]) < 1e-4, $"class {GoodsModel.Classes[k]}: {p[k]} vs ML.NET {want[k]} for {text}");
            }

            classesSeen.Add(Array.IndexOf(want, want.Max()));
        }

        Assert.True(classesSeen.Count >= 4, "the sample covers several classes");
    }

    [Fact]
    public void Probabilities_sum_to_one_for_any_text_including_empty_and_long()
    {
        Span<float> p = stackalloc float[GoodsModel.ClassCount];
        foreach (var text in new[] { "", " ", new string('料', 5_000), "ＶＸ：１２３ abc", "\uD83D\uDC49👉" })
        {
            GoodsModel.Shipped!.Predict(text, p);
            var total = 0f;
            foreach (var x in p)
            {
                Assert.InRange(x, 0f, 1f);
                total += x;
            }

            Assert.InRange(total, 0.999f, 1.001f);
        }
    }

    [Fact]
    public void A_file_that_is_not_a_model_is_refused_with_a_reason()
    {
        using var junk = new MemoryStream([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
        var e = Assert.Throws<InvalidDataException>(() => GoodsModel.Read(junk));
        Assert.Contains("not a goods model", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_then_read_gives_the_same_scores()
    {
        var weights = new float[GoodsFeatures.Buckets * GoodsModel.ClassCount];
        var rng = new Random(3);
        for (var i = 0; i < weights.Length; i += 97)
        {
            weights[i] = (float)(rng.NextDouble() - 0.5);
        }

        float[] bias = [0.1f, -0.2f, 0.3f, 0f, 0.05f, -0.1f];
        using var stream = new MemoryStream();
        GoodsModel.Write(stream, weights, bias);
        stream.Position = 0;
        var model = GoodsModel.Read(stream);

        // The score by hand: bias + Σ weights of each gram's bucket / √grams, then softmax.
        const string text = "出料 V:abc";
        var buckets = new Buckets { List = [] };
        var n = GoodsFeatures.Grams(text, ref buckets);
        var expected = new double[GoodsModel.ClassCount];
        for (var k = 0; k < expected.Length; k++)
        {
            expected[k] = bias[k] + (buckets.List.Sum(b => (double)weights[(b * GoodsModel.ClassCount) + k]) / Math.Sqrt(n));
        }

        var max = expected.Max();
        var sum = expected.Sum(s => Math.Exp(s - max));
        Span<float> p = stackalloc float[GoodsModel.ClassCount];
        model.Predict(text, p);
        for (var k = 0; k < expected.Length; k++)
        {
            Assert.Equal(Math.Exp(expected[k] - max) / sum, p[k], 4);
        }
    }

    [Fact]
    public void Grams_fold_width_case_and_digits_and_collapse_spaces()
    {
        static List<int> Of(string text)
        {
            var b = new Buckets { List = [] };
            GoodsFeatures.Grams(text, ref b);
            return b.List;
        }

        Assert.Equal(Of("vx 123"), Of("ＶＸ　　９８７"));
        Assert.NotEqual(Of("出料"), Of("收料"));
        Assert.Equal(3 * 2, Of("出料").Count);
    }

    /// <summary>Where the rules are sure, the model is not asked: a lexicon ad stays what the rules call it, with their reasons.</summary>
    [Fact]
    public void Sure_rules_are_not_overridden()
    {
        var rulesOnly = new PostAnalyzer(null, null, 0);
        var combined = new PostAnalyzer(null, GoodsModel.Shipped, PostAnalyzer.DefaultRuleTrust);
        foreach (var text in new[] { "出售一手股民数据，姓名电话身份证，实时更新，可测试，0.5一条，V：abc12345", "高价收四件套 对公户 U盾 联系QQ 12345678" })
        {
            var post = new Post("test", 1, null, "", "post:test#1", null, text);
            var a = rulesOnly.Analyze(post);
            var b = combined.Analyze(post);
            Assert.Equal((a.Type, a.Goods), (b.Type, b.Goods));
            Assert.DoesNotContain(b.Reasons, r => r.StartsWith("the trained model", StringComparison.Ordinal));
        }
    }

    /// <summary>
    /// The design, with a model that is sure of bank_kit whatever the text: a post the rules abstain on (no goods word)
    /// but with a deal's mark (a contact) goes to the model, and the reasons say so; a post with no deal at all (chat)
    /// is not asked; a post the rules are sure of keeps its goods.
    /// </summary>
    [Fact]
    public void The_model_decides_only_where_the_rules_abstain_or_are_unsure()
    {
        using var stream = new MemoryStream();
        GoodsModel.Write(stream, new float[GoodsFeatures.Buckets * GoodsModel.ClassCount], [0, 0, 0, 0, 0, 20]);
        stream.Position = 0;
        var combined = new PostAnalyzer(null, GoodsModel.Read(stream), PostAnalyzer.DefaultRuleTrust);
        static Post P(string text) => new("test", 1, null, "", "post:test#1", null, text);

        var abstained = combined.Analyze(P("新到一批 有意者 联系 V：zz889911"));
        Assert.Equal(("offer", "bank_kit"), (abstained.Type, abstained.Goods));
        Assert.StartsWith("the trained model: bank_kit", abstained.Reasons[0], StringComparison.Ordinal);

        var chat = combined.Analyze(P("今天谁去接孩子"));
        Assert.Equal("other", chat.Goods);
        Assert.DoesNotContain(chat.Reasons, r => r.StartsWith("the trained model", StringComparison.Ordinal));

        var sure = combined.Analyze(P("出售一手股民数据，姓名电话身份证，实时更新，可测试，0.5一条，V：abc12345"));
        Assert.Equal("personal_data", sure.Goods);
    }

    /// <summary>
    /// Where the rules' "other" rests on a hard negative's evidence — a laundering fleet's 收料, a news report, talk —
    /// the model, here one sure of personal data whatever the text, is not asked: it would read the fleet's 料 as records.
    /// </summary>
    [Theory]
    [InlineData("车队收料 跑分 点位万八 冻卡包赔 TG @fleet_demo01")]
    [InlineData("警方提醒：有人在群里兜售公民个人信息 已被依法刑事拘留 请勿添加陌生人")]
    public void The_model_does_not_overturn_a_negative_the_rules_found(string text)
    {
        using var stream = new MemoryStream();
        GoodsModel.Write(stream, new float[GoodsFeatures.Buckets * GoodsModel.ClassCount], [0, 20, 0, 0, 0, 0]);
        stream.Position = 0;
        var combined = new PostAnalyzer(null, GoodsModel.Read(stream), PostAnalyzer.DefaultRuleTrust);
        var post = new Post("test", 1, null, "", "post:test#1", null, text);
        var rules = new PostAnalyzer(null, null, 0).Analyze(post);
        Assert.Equal("other", rules.Goods);
        Assert.NotEqual("no trade words", rules.Reasons[0]);

        Assert.Equal("other", combined.Analyze(post).Goods);
        Assert.Equal(0, combined.ModelCalls);
    }

    private struct Buckets : IGramSink
    {
        public List<int> List;

        public readonly void Add(int bucket) => List.Add(bucket);
    }
}
