using FsCheck.Fluent;
using Tracemark.Intel.Analysis;
using Tracemark.Tests;

namespace Tracemark.Intel.Tests;

/// <summary>
/// The trade as real posts write it (issue 15): one example per rule, phrased here (not taken from the labelled
/// development set), for goods and type, negatives, contacts and prices.
/// </summary>
public sealed class RealPhrasingTests
{
    [Theory]
    // Standalone 出料/收料/有料/要料, 面单 and 三要素 as data words.
    [InlineData("长期出料 私聊", "offer", "personal_data")]
    [InlineData("收料 量大价优 来谈", "request", "personal_data")]
    [InlineData("有料的来 要料的老板看过来", "offer", "personal_data")]
    [InlineData("出各大平台面单 日更", "offer", "personal_data")]
    [InlineData("三要素 四要素 批量出", "offer", "personal_data")]
    // Bank kits, never SIM cards; 卡商 in a card-buying ad is a card broker.
    [InlineData("高价收一类卡 盾卡 对公户 欢迎卡商来谈", "request", "bank_kit")]
    [InlineData("出个人三件套 带盾 稳定", "offer", "bank_kit")]
    [InlineData("收银行咔 储蓄咔 价格置顶", "request", "bank_kit")]
    // Accounts, and renting them (zm, 日结, 挂设备) is a request for accounts.
    [InlineData("出王者号 直登 白号 老号", "offer", "accounts")]
    [InlineData("专业收号 日结 挂设备 号商来", "request", "accounts")]
    // Loan leads are records for sale, whatever loan words they carry.
    [InlineData("出网贷客户数据 借贷名单 一手", "offer", "personal_data")]
    // 水果 in both directions beside data context.
    [InlineData("出水果 实时 快递", "offer", "personal_data")]
    [InlineData("收果 学生 当日", "request", "personal_data")]
    // "需要的老板私聊" after an offer is still an offer.
    [InlineData("出精准股民数据 需要的老板私聊", "offer", "personal_data")]
    // Data sold by gambling vertical is personal data.
    [InlineData("出棋牌数据 彩票数据 体育数据 一手", "offer", "personal_data")]
    // Lookups listed as a service.
    [InlineData("查档 婚姻 名下 轨迹 同住 秒出", "service", "lookup")]
    [InlineData("SIM 实卡接码 各国号段", "offer", "sim")]
    public void Trade_jargon_gets_goods_and_type(string text, string type, string goods)
    {
        var a = Analyze.Text(text);
        Assert.Equal((type, goods), (a.Type, a.Goods));
    }

    [Theory]
    // Police warnings, news and judgments quoting the trade.
    [InlineData("【某市警方提醒】不要出售出借银行卡、电话卡，涉嫌帮信罪")]
    [InlineData("某地法院判处被告人有期徒刑二年，其以每条0.5元出售公民个人信息")]
    [InlineData("记者调查：网上叫卖快递面单数据，每条1元")]
    // 车队/跑分 ads: there 料 is money to launder.
    [InlineData("车队直收料 跑分 卡接回U 点位高 资金干净")]
    // Traffic, job scams, porn and pharma, loan ads.
    [InlineData("Q拉手工单 数据年龄18-30 错单不扣")]
    [InlineData("网赚项目 日收益500 一部手机就能做 不适合未成年")]
    [InlineData("正规贷款 黑白户可办 当天下款")]
    // Benign chat that mentions the trade's words.
    [InlineData("谁有快递单号帮我查下包裹到哪了")]
    [InlineData("有没有人知道哪里可以办信用卡")]
    public void Negatives_are_other(string text) =>
        Assert.Equal(("other", "other"), (Analyze.Text(text).Type, Analyze.Text(text).Goods));

    [Theory]
    [InlineData("加扣⑨⑧⑦⑥⑤④③②①", "qq:987654321")]
    [InlineData("企鹅：9-8-7-6-5-4-3-2-1", "qq:987654321")]
    [InlineData("扣扣；987×654321", "qq:987654321")]
    [InlineData("球球：壹贰叁肆伍陆柒捌", "qq:12345678")]
    [InlineData("维信：shop_abc99", "wechat:shop_abc99")]
    [InlineData("卫星：shop_abc99", "wechat:shop_abc99")]
    [InlineData("微❤➕shop_abc99。", "wechat:shop_abc99")]
    [InlineData("微Shopabc99微信", "wechat:shopabc99")]
    [InlineData("威信s7五2k46x", "wechat:s752k46x")]
    [InlineData("VX咨询：Shopabc99", "wechat:shopabc99")]
    [InlineData("飞机搜：SHOP_ABC99", "telegram:shop_abc99")]
    [InlineData("看 t.me/shopabc99https://t.me/+AbCdEf", "telegram:shopabc99")]
    [InlineData("电话：138 0013 8000", "mobile:13800138000")]
    [InlineData("联系：13800138000同号", "mobile:13800138000")]
    public void Contacts_are_read_as_written(string text, string expected) =>
        Assert.Equal([expected], Handles(text));

    [Fact]
    public void A_handle_glued_to_the_next_cue_is_two_handles() =>
        Assert.Equal(["telegram:abc12", "wechat:def345"], Handles("找我@abc12V:def345"));

    [Fact]
    public void One_cue_can_name_several_numbers() =>
        Assert.Equal(["wechat:13800138000", "wechat:13912345678"], Handles("加微信13800138000或13912345678"));

    [Fact]
    public void A_handle_after_an_invitation_to_brokers_is_not_an_escrow()
    {
        Assert.Equal(["telegram:seller_one"], Handles("欢迎各大盘口老板/中介@seller_one"));
        Assert.Equal(["telegram:escrow_one escrow"], Handles("可走中介 TG:escrow_one"));
    }

    [Fact]
    public void Short_or_spaced_numbers_are_not_glued_to_the_next_number() =>
        Assert.Equal(["qq:266151535"], Handles("Q Q：266151535 1元一条"));

    [Theory]
    [InlineData("1.2米一条", 1.2)]
    [InlineData("一块钱一条", 1.0)]
    [InlineData("一块二一条", 1.2)]
    [InlineData("400一套", 400)]
    [InlineData("80一份", 80)]
    [InlineData("一张80", 80)]
    [InlineData("二毛一条", 0.2)]
    [InlineData("两毛五一条", 0.25)]
    [InlineData("20一万", 0.002)]
    [InlineData("现有44万条 一块钱一条", 1.0)]
    [InlineData("0.15起", 0.15)]
    [InlineData("百3", 0.03)]
    [InlineData("单张3万起", 30000)]
    [InlineData("单套一万二", 12000)]
    [InlineData("日结500", 500)]
    [InlineData("打包3000元，共有200多万条", 0.0015)]
    [InlineData("0.5-0.8一条", 0.5)]
    [InlineData("包月300 单次50一次", 50)]
    // Word by word: the amount, its money unit and its unit as separate words (the held-out check of 2026-12).
    [InlineData("二毛 一条", 0.2)]
    [InlineData("一块钱 一条", 1.0)]
    [InlineData("0.8 米 一 条", 0.8)]
    [InlineData("实名号 60 一个", 60)]
    [InlineData("一套 三千五", 3500)]
    [InlineData("一户 3万", 30000)]
    [InlineData("一万条300", 0.03)]
    [InlineData("租号 一天 50", 50)]
    [InlineData("误差10米 一次200", 200)] // 米 after a number and before nothing is a metre
    public void Prices_are_read_as_written(string text, double price)
    {
        PriceParser.Parse(text, out _, out var got);
        Assert.NotNull(got);
        Assert.Equal(price, got.Value, 6);
    }

    [Theory]
    [InlineData("日结488，隔夜780，隔天1060")] // a price list: no one price
    [InlineData("包月300")] // a subscription is no unit price
    [InlineData("库存50万条")] // a quantity is never a price
    [InlineData("百分百一手")]
    [InlineData("单条0.4 量大0.2")] // a volume price is a second price
    [InlineData("流量卡 29一个月")] // a month is no unit
    [InlineData("库存5000 一条龙服务")] // a quantity, then a word
    [InlineData("一天一结")] // a rent needs digits
    public void No_price_where_there_is_no_one_price(string text)
    {
        PriceParser.Parse(text, out _, out var got);
        Assert.Null(got);
    }

    [Fact]
    public void A_price_is_read_whatever_the_spelling_of_its_number() =>
        Properties.Hold(Gen.Zip(Gen.Choose(1, 999), Gen.Elements("一条", "/条", "元一条", "元/条", "块一条", " 一条", " 一个", "元 一张", " 元 一套", " 米 一 条", "块 一次")), t =>
        {
            var (cents, unit) = t;
            var yuan = cents / 100.0;
            var text = yuan.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture) + unit;
            PriceParser.Parse(text, out _, out var got);
            return got is { } p && Math.Abs(p - yuan) < 1e-9;
        });

    [Fact]
    public void A_qq_number_is_read_whatever_its_disguise() =>
        Properties.Hold(Gen.Zip(Gen.Choose(10_000_000, int.MaxValue), Gen.Choose(0, 3)), t =>
        {
            var (number, style) = t;
            var digits = number.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var written = style switch
            {
                0 => string.Join('-', digits.ToCharArray()),
                1 => string.Concat(digits.Select(d => d == '0' ? "〇" : ((char)('①' + d - '1')).ToString())),
                2 => string.Concat(digits.Select(d => "〇一二三四五六七八九"[d - '0'])),
                _ => string.Concat(digits.Select(d => (char)(d + 0xFEE0))),
            };
            return Handles($"扣扣：{written} 速来").SequenceEqual([$"qq:{digits}"]);
        });

    private static List<string> Handles(string text) =>
        [.. Analyze.Text(text).Handles.Select(h => $"{h.Kind}:{h.Value}{(h.Escrow ? " escrow" : string.Empty)}")];

    [Theory]
    // One goods word in a sentence that talks, and no deal: group chat, not an ad.
    [InlineData("昨天那份名单你看了吗")]
    [InlineData("我的微信号被封了怎么办")]
    [InlineData("新买的数据线又坏了")]
    [InlineData("这个月流量卡用完了吧")]
    [InlineData("你那个老号还玩吗")]
    public void One_goods_word_in_talk_is_not_a_trade(string text) =>
        Assert.Equal(("other", "other"), (Analyze.Text(text).Type, Analyze.Text(text).Goods));

    [Theory]
    // The same words with a deal — a verb, a price, a contact, the trade's terms, or several goods — stay trade.
    [InlineData("出王者号了，要的来", "accounts")]
    [InlineData("王者号 150一个 你要吗", "accounts")]
    [InlineData("名单有了 V:mdsell88", "personal_data")]
    [InlineData("实时名单到了，可测", "personal_data")]
    [InlineData("流量卡 物联卡 你要吗", "sim")]
    public void The_same_words_with_a_deal_stay_trade(string text, string goods) =>
        Assert.Equal(goods, Analyze.Text(text).Goods);
}
