using FsCheck.Fluent;
using Tracemark.Intel.Analysis;
using Tracemark.Tests;

namespace Tracemark.Intel.Tests;

/// <summary>
/// Contacts and prices by family of spelling (issue 15 items 4 and 5): each family — the cue's nicknames and icons, the
/// separators, the ways digits are disguised, the numerals and money units — is generated at random and must read
/// back exactly, so a new writer's combination of known parts is read too. The examples are our own phrasing.
/// </summary>
public sealed class SpellingFamilyTests
{
    private static List<string> Handles(string text) =>
        [.. Analyze.Text(text).Handles.Select(h => $"{h.Kind}:{h.Value}")];

    private static double? Price(string text)
    {
        PriceParser.Parse(text.ToLowerInvariant(), out _, out var price);
        return price;
    }

    /// <summary>Each case is drawn from one random seed (spelling, separator, numerals, values), so a failure replays.</summary>
    private static readonly FsCheck.Gen<int> Seeds = Gen.Choose(0, int.MaxValue - 1);

    private static T Pick<T>(Random rng, IReadOnlyList<T> from) => from[rng.Next(from.Count)];

    private static bool Near(double? parsed, double expected) => parsed is { } p && Math.Abs(p - expected) <= expected * 1e-6;

    // ---- contacts --------------------------------------------------------------------------------------------------

    private static readonly string[] QqCues = ["QQ", "Q Q", "扣扣", "蔻蔻", "寇寇", "抠抠", "企鹅", "球球", "🐧", "加扣"];
    private static readonly string[] WeChatCues = ["微信", "VX", "vx", "wx", "V信", "威信", "卫星", "加微", "绿泡泡", "➕V", "V❤", "vx同步"];
    private static readonly string[] TelegramCues = ["飞机", "纸飞机", "灰机", "电报", "TG", "tg搜", "✈", "✈️", "Telegram"];
    private static readonly string[] Separators = [":", "：", " ", "👉", " 👉 ", "➡️", "❤:", "：👉"];

    /// <summary>A number spelt the ways sellers disguise it.</summary>
    private static string Spell(string digits, int style)
    {
        const string lower = "零一二三四五六七八九";
        const string capital = "零壹贰叁肆伍陆柒捌玖";
        const string circled = "⓪①②③④⑤⑥⑦⑧⑨";
        const string dingbat = "⓿❶❷❸❹❺❻❼❽❾";
        const string doubled = "⓿⓵⓶⓷⓸⓹⓺⓻⓼⓽";
        var map = style switch
        {
            1 => lower,
            2 => capital,
            3 => circled,
            4 => dingbat,
            5 => doubled,
            _ => null,
        };
        if (map is not null)
        {
            return string.Concat(digits.Select(d => map[d - '0']));
        }

        return style switch
        {
            6 => string.Join(' ', digits.ToCharArray()),                                              // 1 2 3 4 5
            7 => string.Concat(digits.Select(d => (char)(d - '0' + '０'))),                            // full width
            8 => digits.Length > 7 ? digits[..^3] + " " + digits[^3..] : digits,                        // 567000 012
            9 => string.Join('-', Enumerable.Range(0, (digits.Length + 3) / 4).Select(k => digits.Substring(k * 4, Math.Min(4, digits.Length - (k * 4))))),
            _ => digits,
        };
    }

    [Fact]
    public void A_qq_number_reads_back_whatever_cue_separator_and_digits()
    {
        Properties.Hold(Seeds, seed =>
        {
            var rng = new Random(seed);
            var (cue, separator, style, length) = (Pick(rng, QqCues), Pick(rng, Separators), rng.Next(10), rng.Next(5, 12));
            var digits = (char)('1' + rng.Next(9)) + string.Concat(Enumerable.Range(1, length - 1).Select(_ => (char)('0' + rng.Next(10))));
            var text = $"出 车主料 带姓名 {cue}{separator}{Spell(digits, style)}\n可测";
            Assert.Equal(["qq:" + digits], Handles(text));
        });
    }

    [Fact]
    public void A_wechat_id_reads_back_whatever_cue_and_separator()
    {
        Properties.Hold(Seeds, seed =>
        {
            var rng = new Random(seed);
            var (cue, separator) = (Pick(rng, WeChatCues), Pick(rng, Separators));
            var id = (char)('a' + rng.Next(26)) + string.Concat(Enumerable.Range(0, 4 + rng.Next(10)).Select(_ => "abcdefghijklmnopqrstuvwxyz_0123456789"[rng.Next(37)])) + rng.Next(10);
            var text = $"医美客户 一手 {cue}{separator}{(rng.Next(2) == 0 ? id : id.ToUpperInvariant())}\n先测后买";
            Assert.Equal(["wechat:" + id], Handles(text));
        });
    }

    [Fact]
    public void A_telegram_user_reads_back_whatever_cue_and_separator()
    {
        string[] separators = [":", "：", " ", " @", "：@", "👉", " 👉 @"];
        Properties.Hold(Seeds, seed =>
        {
            var rng = new Random(seed);
            var (cue, separator) = (Pick(rng, TelegramCues), Pick(rng, separators));
            var user = (char)('a' + rng.Next(26)) + string.Concat(Enumerable.Range(0, 4 + rng.Next(12)).Select(_ => "abcdefghijklmnopqrstuvwxyz_0123456789"[rng.Next(37)]));
            var text = $"查档 一次 二百 {cue}{separator}{(rng.Next(2) == 0 ? user : user.ToUpperInvariant())}\n";
            Assert.Equal(["telegram:" + user], Handles(text));
        });
    }

    [Fact]
    public void A_mobile_with_the_same_number_on_wechat_reads_however_grouped()
    {
        Properties.Hold(Seeds, seed =>
        {
            var rng = new Random(seed);
            var (tail, join, suffix) = (rng.Next(10_000), Pick(rng, ["", " ", "-"]), Pick(rng, ["微信同号", "(微信同号)", " 同微"]));
            var mobile = "1390000" + tail.ToString("D4", System.Globalization.CultureInfo.InvariantCulture);
            var written = string.Join(join, mobile[..3], mobile[3..7], mobile[7..]);
            Assert.Equal(["mobile:" + mobile], Handles($"收 股民 数据 {written}{suffix}"));
        });
    }

    [Theory]
    // A one-character cue and a number standing alone after a space: a QQ number, not an amount.
    [InlineData("出 四件套 扣 2030405060", "qq:2030405060")]
    // An icon is a label: 🐧 for QQ, ✈ for Telegram, a pointing hand between cue and id.
    [InlineData("老号 出 🐧 4 0 5 0 6 0 7", "qq:4050607")]
    [InlineData("代查 ✈ CHAXUN_ZHAN", "telegram:chaxun_zhan")]
    [InlineData("料 找我 ➕V👉 lao_zhou77", "wechat:lao_zhou77")]
    [InlineData("联系 📱 139 0000 2211 微信同号", "mobile:13900002211")]
    public void Contacts_written_with_nicknames_and_icons_are_read(string text, string first) =>
        Assert.Equal(first, Handles(text)[0]);

    [Theory]
    // An amount after a one-character cue-like word is not a QQ number.
    [InlineData("工资 扣 300000 元")]
    [InlineData("扣 1500块 押金")]
    // A QQ Mail address is an e-mail handle, as the synthetic corpus labels it (set c's labels also want the QQ number).
    [InlineData("需求发 邮箱 20304050@qq.com 看到回")]
    public void Amounts_and_mailboxes_are_not_qq_numbers(string text) =>
        Assert.DoesNotContain(Handles(text), h => h.StartsWith("qq:", StringComparison.Ordinal));

    // ---- prices ----------------------------------------------------------------------------------------------------

    /// <summary>A whole number of yuan in Chinese numerals, common or capital (一千零五十, 壹仟零伍拾).</summary>
    internal static string Chinese(int n, bool capital, bool liang)
    {
        var digits = capital ? "零壹贰叁肆伍陆柒捌玖" : "零一二三四五六七八九";
        var units = capital ? "仟佰拾" : "千百十";
        var places = new[] { n / 1000, n / 100 % 10, n / 10 % 10, n % 10 };
        var sb = new System.Text.StringBuilder();
        var zero = false;
        for (var p = 0; p < 4; p++)
        {
            var d = places[p];
            if (d == 0)
            {
                zero = sb.Length > 0;
                continue;
            }

            if (zero)
            {
                sb.Append(digits[0]);
                zero = false;
            }

            // 十五, not 一十五, at the head of the number.
            if (!(p == 2 && d == 1 && sb.Length == 0))
            {
                sb.Append(d == 2 && liang && !capital && p < 2 ? '两' : digits[d]);
            }

            if (p < 3)
            {
                sb.Append(units[p]);
            }
        }

        return sb.ToString();
    }

    [Fact]
    public void Chinese_numerals_common_and_capital_price_a_unit()
    {
        string[] forms = ["{0}元一个", "{0}块一张", "{0}一套", "一张 {0}元", "一套 {0}", "一次{0}元", "单查一次 {0}", "一个给你 {0}", "{0}元/次"];
        Properties.Hold(Seeds, seed =>
        {
            var rng = new Random(seed);
            var (n, form, capital, liang) = (rng.Next(1, 10_000), Pick(rng, forms), rng.Next(2) == 0, rng.Next(2) == 0);
            var spelt = Chinese(n, capital, liang);
            // Unit first, a bare Chinese number must read as an amount: with 十/百/千 in it (五 alone could be a count).
            if (!form.Contains('元', StringComparison.Ordinal) && !form.StartsWith("{0}", StringComparison.Ordinal) && n < 10)
            {
                return;
            }

            var text = "出 二类户 带卡 " + string.Format(System.Globalization.CultureInfo.InvariantCulture, form, spelt) + " 可验";
            Assert.True(Near(Price(text), n), $"{text} → {Price(text)}, not {n}");
        });
    }

    [Fact]
    public void Spoken_small_money_prices_a_record_with_or_without_its_unit()
    {
        const string digits = "一二三四五六七八九";
        string[] after = ["一条", " 一条", "/条", " ", "\n", "收", "起"];
        Properties.Hold(Seeds, seed =>
        {
            var rng = new Random(seed);
            var (jiao, fen, unit, tail, money) = (rng.Next(1, 10), rng.Next(10), Pick(rng, ["毛", "角"]), Pick(rng, after), rng.Next(2) == 0);
            var first = jiao == 2 && money ? "两" : digits[jiao - 1].ToString();
            var spelt = first + unit + (fen > 0 ? digits[fen - 1].ToString() : money ? "钱" : string.Empty);
            var text = "车主 数据 新鲜 " + spelt + tail + "可测";
            var expected = (jiao / 10.0) + (fen / 100.0);
            Assert.True(Near(Price(text), expected), $"{text} → {Price(text)}, not {expected}");
        });
    }

    [Fact]
    public void Cents_and_chinese_decimals_price_a_record()
    {
        const string digits = "一二三四五六七八九";
        // Cents stand alone too ("八分"); a decimal needs its unit ("零点三" alone is no price).
        Properties.Hold(Seeds, seed =>
        {
            var rng = new Random(seed);
            var (d, form, tail) = (rng.Next(1, 10), rng.Next(3), Pick(rng, ["一条", " 一条", "\n", "/条"]));
            tail = form > 0 && tail == "\n" ? "一条" : tail;
            var (spelt, expected) = form switch
            {
                0 => (digits[d - 1] + "分" + tail, d / 100.0),
                1 => ("零点" + digits[d - 1] + tail, d / 10.0),
                _ => ("一点" + digits[d - 1] + "元" + tail, 1 + (d / 10.0)),
            };
            var text = "股民 数据 " + spelt + " 量大";
            Assert.True(Near(Price(text), expected), $"{text} → {Price(text)}, not {expected}");
        });
    }

    [Fact]
    public void A_batch_then_its_price_divides_however_the_batch_is_written()
    {
        (string Batch, double Count)[] batches = [("千条", 1_000), ("一千条", 1_000), ("1000条", 1_000), ("1k条", 1_000), ("万条", 10_000), ("一万条", 10_000), ("1w条", 10_000), ("壹仟条", 1_000)];
        Properties.Hold(Seeds, seed =>
        {
            var rng = new Random(seed);
            var ((batch, count), amount, gap, chinese) = (Pick(rng, batches), rng.Next(10, 991), Pick(rng, [" ", "", " / ", "\n"]), rng.Next(2) == 0);
            var written = chinese ? Chinese(amount, capital: false, liang: false) : amount.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var text = "家长 资源 带电话，" + batch + gap + written + " 试10条";
            Assert.True(Near(Price(text), amount / count), $"{text} → {Price(text)}, not {amount / count}");
        });
    }

    [Fact]
    public void Money_then_the_count_it_buys_in_any_notation()
    {
        string[] forms = ["{0}元{1}条", "{0}元/{1}条", "{0} per line", "{0} each", "{0} one time", "{0}百/万"];
        Properties.Hold(Seeds, seed =>
        {
            var rng = new Random(seed);
            var (amount, count, form) = (rng.Next(1, 10), Pick(rng, [1, 10, 100, 1000]), Pick(rng, forms));
            var expected = form switch
            {
                "{0}元{1}条" or "{0}元/{1}条" => (double)amount / count,
                "{0}百/万" => amount * 100 / 10_000.0,
                _ => amount,
            };
            var text = "fresh leads 数据 " + string.Format(System.Globalization.CultureInfo.InvariantCulture, form, amount, count) + " 可测";
            Assert.True(Near(Price(text), expected), $"{text} → {Price(text)}, not {expected}");
        });
    }

    [Theory]
    // The least a buyer takes is a quantity, not a price: 起出, or 万起 beside a price per record.
    [InlineData("三分一条 五万起", 0.03)]
    [InlineData("0.2一条 十万起出", 0.2)]
    // A unit, a day, then its rent; a month's rent.
    [InlineData("一张 每天 二十", 20)]
    [InlineData("对公 五件套 月租 六千", 6000)]
    // 八百一个: 800 for one, not 810 of them.
    [InlineData("成品号 八百一个", 800)]
    [InlineData("一位三百 出结果付", 300)]
    [InlineData("一项 450", 450)]
    public void Units_days_and_least_orders_as_written(string text, double expected) =>
        Assert.True(Near(Price(text), expected), $"{text} → {Price(text)}, not {expected}");

    [Theory]
    // A starting amount alone or beside a price of its scale stays what it was: a lone price, or two prices (none).
    [InlineData("买断 12000起，信用卡 6万起")]
    // 十分 is "very", 百分 per cent, 分钟 minutes: no cents.
    [InlineData("十分 新鲜 的 数据")]
    [InlineData("五分钟 回复")]
    [InlineData("百分百 真实")]
    public void Look_alike_prices_give_none(string text) => Assert.Null(Price(text));

    [Fact]
    public void A_contact_number_is_never_a_price()
    {
        Properties.Hold(Seeds, seed =>
        {
            var rng = new Random(seed);
            var (cue, separator, style, length) = (Pick(rng, QqCues), Pick(rng, Separators), rng.Next(10), rng.Next(5, 12));
            var digits = (char)('1' + rng.Next(9)) + string.Concat(Enumerable.Range(1, length - 1).Select(_ => (char)('0' + rng.Next(10))));
            var analysis = Analyze.Text($"出 车主料 带姓名 {cue}{separator}{Spell(digits, style)}\n一手");
            Assert.Null(analysis.UnitPrice);
        });
    }
}
