using FsCheck.Fluent;
using Tracemark.Intel.Analysis;
using Tracemark.Tests;

namespace Tracemark.Intel.Tests;

/// <summary>
/// The phenomena the held-out check of 2026-12 (tests/data/intel-heldout-2026-12) found the rules missing, one test
/// per phenomenon, phrased here: ads written word by word, requests without 收/求, the trade's default goods, words
/// that name goods only beside another, rents, and the negatives' own words.
/// </summary>
public sealed class WordByWordTests
{
    private static (string Type, string Goods) Read(string text)
    {
        var a = Analyze.Text(text);
        return (a.Type, a.Goods);
    }

    [Theory]
    // A one-character verb standing as a word of its own, anywhere in the ad.
    [InlineData("储蓄卡 带盾 老板 收 价格高", "request", "bank_kit")]
    [InlineData("快手号 陌陌号 大量 出", "offer", "accounts")]
    [InlineData("收 彩票 充值 会员 数据 长期", "request", "personal_data")]
    // 要, 长期要, 收卡, 租卡: requests without 收购 or 求.
    [InlineData("长期要 车主料 有的发样", "request", "personal_data")]
    [InlineData("大量 要 物联卡 价格好", "request", "sim")]
    [InlineData("租卡 一类卡 个人 价格高", "request", "bank_kit")]
    [InlineData("收卡 农行 储蓄卡 180一张", "request", "bank_kit")]
    // Asking the holders ("有货的联系", "有的私") is a request; inviting the buyers ("需要…的老板来") an offer.
    [InlineData("实卡 三网 有货 的 联系", "request", "sim")]
    [InlineData("需要 接码 实卡 的 老板 来 各国都有", "offer", "sim")]
    [InlineData("新鲜劫持料 需要滴", "offer", "personal_data")]
    public void Requests_and_offers_written_word_by_word(string text, string type, string goods) =>
        Assert.Equal((type, goods), Read(text));

    [Theory]
    // 出水果/收果 with a deal's mark needs no other data context.
    [InlineData("收水果 长期 有的发样 飞机 @guo_shou01", "request")]
    [InlineData("出果 一手 量大 私聊", "offer")]
    // Records named by their age (老料, 陈料) or as a category's 客户.
    [InlineData("出陈料 便宜 打包 私聊", "offer")]
    [InlineData("出 医美客户 10万条 打包500", "offer")]
    // A people group or 一手 right after the verb, no goods named: the trade's default goods are records.
    [InlineData("直收 一手宝妈 价格美丽", "request")]
    [InlineData("出一手，可指定地区", "offer")]
    // Stolen card data.
    [InlineData("出 CVV 欧美 新鲜", "offer")]
    public void Records_named_without_a_data_word(string text, string type) =>
        Assert.Equal((type, "personal_data"), Read(text));

    [Theory]
    [InlineData("出 小红书号 探探号 批量", "accounts")] // an app, then 号
    [InlineData("大量出 直播新号 懂的来", "accounts")]
    [InlineData("出 美区id 已激活", "accounts")]
    [InlineData("出 马来 实体卡 能收短信", "sim")]
    public void Accounts_and_sims_by_their_other_names(string text, string goods) =>
        Assert.Equal(("offer", goods), Read(text));

    [Theory]
    // 日结 is a rent: a request, for whatever goods the ad names…
    [InlineData("收 对公户 日结1000", "request", "bank_kit")]
    [InlineData("收 手机卡 实名 日结", "request", "sim")]
    [InlineData("收号 日结300 挂设备", "request", "accounts")]
    public void A_rent_takes_the_goods_of_the_ad(string text, string type, string goods) =>
        Assert.Equal((type, goods), Read(text));

    [Theory]
    // …and alone it is no account: 跑分 and job ads pay 日结 too.
    [InlineData("跑分 招人 日结 微信 支付宝 都行")]
    [InlineData("在家 兼职 日结150 简单")]
    // News and the authorities' words.
    [InlineData("工信部通报：一批接码平台被关停")]
    [InlineData("检察官介绍，网上兜售的精准客户名单多为非法获取")]
    // A member warning the group about a seller.
    [InlineData("那个卖料的是骗子 大家小心")]
    // Laundering: 水房, 走账, 三方/四方 channels, where 料 is money.
    [InlineData("水房 走账 稳定 欢迎各位老板")]
    [InlineData("收料 三方 四方 通道 秒回")]
    // Loan ads.
    [InlineData("急用钱 小额 不看征信 秒到")]
    // Chat and shopping talk.
    [InlineData("谁有吃鸡号 借我玩玩 哈哈")]
    [InlineData("床上用品四件套 特价 拼单")]
    [InlineData("求推荐 便宜的流量卡")]
    [InlineData("出水果了，小区门口草莓很甜")]
    public void Negatives_are_other(string text) =>
        Assert.Equal(("other", "other"), Read(text));

    [Fact]
    public void Two_characters_either_side_of_a_space_are_two_words() =>
        Assert.Equal(("service", "lookup"), Read("机主 户籍 是谁 有偿 秒出")); // "谁 有" is no 谁有 (a request)

    [Theory]
    [InlineData("扣 2 4 6 8 1 3 5 7 9", "qq:246813579")]
    [InlineData("扣 ③⑤⑦②④⑥⑧", "qq:3572468")]
    [InlineData("扣：7②4⑥1③9", "qq:7246139")]
    [InlineData("Q：2 4 6 - 8 1 3 - 5 7", "qq:24681357")]
    [InlineData("我QQ是 24681357", "qq:24681357")]
    [InlineData("微 abc_shop9", "wechat:abc_shop9")]
    [InlineData("威 shop-abc9", "wechat:shop-abc9")]
    [InlineData("加薇 xyz_2027", "wechat:xyz_2027")]
    [InlineData("微信同号 13800138000", "wechat:13800138000")]
    public void Contacts_after_a_space_or_in_mixed_disguise(string text, string handle) =>
        Assert.Equal([handle], Handles(text));

    [Theory]
    [InlineData("汪薇 13800138000")] // a name before a mobile
    [InlineData("威 abcdef")] // a word, not an id
    [InlineData("扣 12 个")] // too short to be a QQ number
    public void A_one_character_cue_before_a_space_needs_a_contact_shaped_value(string text) =>
        Assert.DoesNotContain(Handles(text), h => h.StartsWith("qq:", StringComparison.Ordinal) || h.StartsWith("wechat:", StringComparison.Ordinal));

    [Theory]
    [InlineData("二毛 一条", 0.2)]
    [InlineData("一块钱 一条", 1.0)]
    [InlineData("0.8 米 一 条", 0.8)]
    [InlineData("实名号 60 一个", 60)]
    [InlineData("一套 三千五", 3500)]
    [InlineData("一户 3万", 30000)]
    [InlineData("一万条300", 0.03)]
    [InlineData("租号 一天 50", 50)]
    [InlineData("误差10米 一次200", 200)]
    public void Prices_written_word_by_word(string text, double price)
    {
        PriceParser.Parse(text, out _, out var got);
        Assert.NotNull(got);
        Assert.Equal(price, got.Value, 6);
    }

    [Theory]
    [InlineData("单条0.4 量大0.2")] // a volume price is a second price
    [InlineData("流量卡 29一个月")] // a month is no unit
    [InlineData("库存5000 一条龙服务")] // a quantity, then a word
    [InlineData("一天一结")] // a rent needs digits
    public void No_one_price(string text)
    {
        PriceParser.Parse(text, out _, out var got);
        Assert.Null(got);
    }

    [Fact]
    public void A_price_and_its_unit_as_separate_words_read_as_one() =>
        Properties.Hold(Gen.Zip(Gen.Choose(1, 99_900), Gen.Elements(" 一条", " 一个", "元 一张", " 元 一套", " 米 一 条", "块 一次")), t =>
        {
            var (cents, unit) = t;
            var yuan = cents / 100.0;
            var text = yuan.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture) + unit;
            PriceParser.Parse(text, out _, out var got);
            return got is { } p && Math.Abs(p - yuan) < 1e-9;
        });

    [Fact]
    public void A_qq_number_spelt_digit_by_digit_after_a_one_character_cue_is_read() =>
        Properties.Hold(Gen.Zip(Gen.Choose(10_000, int.MaxValue), Gen.Elements(" ", "  ", " - ", "-")), t =>
        {
            var (number, separator) = t;
            var digits = number.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Handles($"扣 {string.Join(separator, digits.ToCharArray())} 速来").SequenceEqual([$"qq:{digits}"]);
        });

    private static List<string> Handles(string text) =>
        [.. Analyze.Text(text).Handles.Select(h => $"{h.Kind}:{h.Value}")];
}
