using Tracemark.Intel.Analysis;
using Tracemark.Intel.Posts;

namespace Tracemark.Intel.Tests;

/// <summary>
/// 料, 数据, 资料 and 名单 are words of every kitchen, office and classroom. A post whose only trade evidence is one of
/// them — nothing says the records are people's (no category, field, freshness, hand, count, price by the record or
/// sample) — is talk when it has no deal's mark, and is left to the model when it has one (a contact, a verb). The
/// third held-out check's false personal-data offers were of this family (food, office and study talk, an escort ad's
/// 资料); the phrasing here is our own.
/// </summary>
public sealed class EverydayDataWordTests
{
    private static Post P(string text) => new("test", 1, null, string.Empty, "post:test#1", null, text);

    [Theory]
    [InlineData("这家麻辣烫的料真新鲜 下次还来")]
    [InlineData("周报的数据还没汇总 今晚又要加班")]
    [InlineData("期末复习资料 打印好放讲台上")]
    [InlineData("班委把运动会报名名单贴在门口")]
    [InlineData("奶茶加的料太多 喝不完")]
    public void An_everyday_data_word_without_a_deal_is_talk_without_talk_marks(string text)
    {
        var a = Analyze.RulesOnly(text);
        Assert.Equal(("other", "other"), (a.Type, a.Goods));
    }

    [Theory]
    // The same words with what makes them records: a trade verb on the word itself, people, fields, a price by the record.
    [InlineData("出料 V：dd_liao2026", "offer")]
    [InlineData("股民数据 实时更新 0.3一条", "offer")]
    [InlineData("资料 姓名 手机号 身份证 量大从优", "offer")]
    [InlineData("长期收名单 宝妈 学生 都要", "request")]
    public void The_same_words_with_what_makes_them_records_stay_personal_data(string text, string type)
    {
        var a = Analyze.RulesOnly(text);
        Assert.Equal((type, "personal_data"), (a.Type, a.Goods));
    }

    /// <summary>
    /// With a verb elsewhere (要, 求) the rules abstain as they do where no goods word stands, and the model — here one
    /// sure of personal data whatever the text — names the goods, saying so; with no deal at all (talk) it is not asked.
    /// </summary>
    [Fact]
    public void A_bare_data_word_with_a_verb_elsewhere_is_left_to_the_model()
    {
        using var stream = new MemoryStream();
        GoodsModel.Write(stream, new float[GoodsFeatures.Buckets * GoodsModel.ClassCount], [0, 5, 0, 0, 0, 0]);
        stream.Position = 0;
        var combined = new PostAnalyzer(null, GoodsModel.Read(stream), PostAnalyzer.DefaultRuleTrust);
        var rulesOnly = new PostAnalyzer(null, null, 0);

        const string weak = "期末复习资料 要打印版的 求发一份";
        var alone = rulesOnly.Analyze(P(weak));
        Assert.Equal(("other", "other"), (alone.Type, alone.Goods));
        Assert.StartsWith("an everyday data word alone", alone.Reasons[0], StringComparison.Ordinal);
        var decided = combined.Analyze(P(weak));
        Assert.Equal("personal_data", decided.Goods);
        Assert.StartsWith("the trained model: personal_data", decided.Reasons[0], StringComparison.Ordinal);

        var talk = combined.Analyze(P("周报的数据还没汇总 今晚又要加班"));
        Assert.Equal("other", talk.Goods);
        Assert.Equal(1, combined.ModelCalls);
    }

    /// <summary>A contact is a deal's mark the rules keep: the same bare word beside one stays personal data.</summary>
    [Theory]
    [InlineData("名单到了 V：md_new2026")]
    [InlineData("资料 更新了 TG @ziliao_vip88")]
    public void A_bare_data_word_beside_a_contact_stays_personal_data(string text) =>
        Assert.Equal("personal_data", Analyze.RulesOnly(text).Goods);
}
