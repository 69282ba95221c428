using FsCheck.Fluent;
using Tracemark.Intel.Analysis;
using Tracemark.Tests;

namespace Tracemark.Intel.Tests;

/// <summary>
/// Evidence from a post's shape, not its vocabulary (TradeShape): the goods of a trade-shaped post named by the head
/// of its nouns, and reports and warnings recognised by their narration. The phrasing is ours, and the goods'
/// modifiers are words no lexicon lists, so the shape alone decides.
/// </summary>
public sealed class TradeShapeTests
{
    [Theory]
    // …号 is an account whatever the modifier: an app nobody listed, a level, a follower count.
    [InlineData("出 拼车平台注册号 一个2块 V：zc_hao77", "offer", "accounts", 2.0)]
    [InlineData("收 论坛满级号 一个三十 @lt_haoshang", "request", "accounts", 30.0)]
    // …卡 is a SIM card, or a bank card beside 银/储/借/盾.
    [InlineData("出 越南本地卡 一张15 @vn_card9", "offer", "sim", 15.0)]
    [InlineData("收 银联卡 一张300 @card_shou_x", "request", "bank_kit", 300.0)]
    // 验证码 after 接 or 证 is a SIM service; 查… and a price per order are lookups.
    [InlineData("各国验证码 代接 一次8毛 @dj_code01", "offer", "sim", 0.8)]
    [InlineData("帮查租客底细 一单180 TG @dixi_kf", "service", "lookup", 180.0)]
    // Records: two fields, or counted by the record.
    [InlineData("出 相亲网站会员 姓名 电话 @xq_hy2026", "offer", "personal_data", null)]
    [InlineData("出 驾校学员 三万条 打包九百 V：jx_liao7", "offer", "personal_data", 0.03)]
    public void A_trade_shaped_post_takes_its_goods_from_the_head_of_its_nouns(string text, string type, string goods, double? price)
    {
        var a = Analyze.Text(text);
        Assert.Equal((type, goods), (a.Type, a.Goods));
        Assert.Equal(price, a.UnitPrice);
        Assert.Contains(a.Reasons, r => r.Contains("shaped as a trade", StringComparison.Ordinal) || r.Contains("records", StringComparison.Ordinal));
    }

    [Theory]
    // No contact: a post that only names a thing is not a trade by its shape.
    [InlineData("出 越南本地卡 一张15")]
    [InlineData("论坛满级号 一个三十")]
    // A contact, but neither a price nor a trade verb.
    [InlineData("我的拼车平台注册号忘了 V：zc_hao77")]
    // Numbers with 号 are dates and rooms, not accounts; 单号 is a waybill.
    [InlineData("5号 下午 集合 车费一个30 V：lvxing_ban")]
    // The rules alone: what the head rule decides. (With the trained model "出 越南本地卡 一张15" is a SIM offer — the
    // model reads the wording no rule lists, which is its job; this test is about the rule.)
    public void Without_a_trade_shape_the_heads_decide_nothing(string text) =>
        Assert.Equal(("other", "other"), (Analyze.RulesOnly(text).Type, Analyze.RulesOnly(text).Goods));

    /// <summary>Any modifier before 号 in a trade-shaped ad reads as accounts, with its price per account.</summary>
    [Fact]
    public void Any_modifier_before_the_account_head_reads_as_accounts()
    {
        // The ten heavenly stems are in no word of the lexicon and no narration mark: random modifiers built of them
        // are words no list could hold.
        const string Stems = "甲乙丙丁戊己庚辛壬癸";
        var gen = Gen.Zip(Gen.Zip(Gen.Choose(1, 6), Gen.Choose(0, 999_999)), Gen.Choose(2, 999));
        Properties.Hold(gen, t =>
        {
            var ((length, digits), price) = t;
            var modifier = new char[length];
            for (var k = 0; k < length; k++, digits /= 10)
            {
                modifier[k] = Stems[digits % 10];
            }

            var text = $"出 {new string(modifier)}号 一个{price} V：hao_{price}x";
            var a = Analyze.Text(text);
            Assert.Equal(("offer", "accounts", (double?)price), (a.Type, a.Goods, a.UnitPrice));
        });
    }

    [Theory]
    // A judgment told with a defendant's 李某 and the ad quoted, without the lexicon's court words.
    [InlineData("周某在群里以“出精准客户”为名卖了三万多条信息，已被带走")]
    // A member's warning: someone as the subject, a deed done, advice to the group.
    [InlineData("有人在群里发卖数据的广告，管理已经移出去了，大家别上当")]
    // A report of a case: 将…出售 and people counted.
    [InlineData("一家快递网点2名员工将面单信息出售给他人")]
    public void Narration_marks_a_report_or_a_warning(string text)
    {
        var a = Analyze.Text(text);
        Assert.Equal(("other", "other"), (a.Type, a.Goods));
        Assert.Contains(a.Reasons, r => r.Contains("narration", StringComparison.Ordinal));
    }

    [Fact]
    public void A_warning_that_names_a_scammers_contact_needs_two_marks_no_ad_uses()
    {
        // 被骗 (passive) and 千万别/请勿 (advice): a warning, though it leaves a handle.
        var warning = Analyze.Text("有人冒充卖家收“测试费”，已有三人被骗，千万别信，他的扣扣 112233445 请勿添加");
        Assert.Equal(("other", "other"), (warning.Type, warning.Goods));
        // An ad with one mark of narration (a word in quotation marks) beside its contact is still an ad.
        var ad = Analyze.Text("出 宝妈数据 “新鲜” 三毛一条 V：bm_data88");
        Assert.Equal(("offer", "personal_data", (double?)0.3), (ad.Type, ad.Goods, ad.UnitPrice));
    }

    [Theory]
    [InlineData("被告人吴某某将客户名单出售", 2, 2)] // 吴某 and 将…出售
    [InlineData("有人问“一手”是什么意思", 2, 0)] // someone as the subject, a quoted word
    [InlineData("出 一手 车主 两毛一条", 0, 0)]
    [InlineData("检查一下某个文件", 0, 0)] // 查 and 某 without a surname before
    public void Narration_counts_kinds_and_the_strong_ones(string text, int kinds, int strong)
    {
        Assert.Equal(kinds, TradeShape.Narration(text, out var s));
        Assert.Equal(strong, s);
    }
}
