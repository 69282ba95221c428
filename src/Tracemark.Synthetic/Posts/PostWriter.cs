using System.Globalization;
using System.Text;

namespace Tracemark.Synthetic.Posts;

/// <summary>
/// Writes the pieces of trading posts the way the trade writes them: prices in 元/毛/分 per 条, 万条, W or 千,
/// quantities in 条/万/W, handles behind QQ:/扣扣/V:/vx/微信/@/t.me/, Chinese numerals. Each method returns the text
/// and leaves the value it encodes to the caller, who records it as the truth.
/// </summary>
internal static class PostWriter
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;
    private const string Digits = "零一二三四五六七八九";

    public static string Number(double value) => value.ToString("0.####", C);

    /// <summary>Chinese numeral for 1 ≤ n &lt; 10^8 of the round kinds posts use (五千, 两万, 二十万, 一百万).</summary>
    public static string Chinese(long n)
    {
        if (n >= 10_000 && n % 10_000 == 0)
        {
            return Chinese(n / 10_000) + "万";
        }

        if (n >= 1_000 && n < 10_000 && n % 1_000 == 0)
        {
            return (n == 2_000 ? "两" : Digits[(int)(n / 1_000)].ToString()) + "千";
        }

        if (n >= 100 && n < 1_000 && n % 100 == 0)
        {
            return (n == 200 ? "两" : Digits[(int)(n / 100)].ToString()) + "百";
        }

        if (n >= 10 && n < 100)
        {
            var tens = n / 10;
            var ones = n % 10;
            return (tens == 1 ? string.Empty : Digits[(int)tens].ToString()) + "十" + (ones == 0 ? string.Empty : Digits[(int)ones].ToString());
        }

        if (n is > 0 and < 10)
        {
            return Digits[(int)n].ToString();
        }

        return n.ToString(C);
    }

    /// <summary>A quantity of records: 5000条, 5万条, 50W, 五万条.</summary>
    public static string Quantity(ref SynthRandom rng, long n, string unit = "条")
    {
        var prefix = rng.PickOf(["库存", "现有", "共", "量：", "手上", "数量", string.Empty, string.Empty]);
        if (unit != "条")
        {
            return $"{prefix}{n.ToString(C)}{unit}";
        }

        var wan = n >= 10_000 && n % 10_000 == 0;
        return rng.Next(wan ? 7 : 2) switch
        {
            0 => $"{prefix}{n.ToString(C)}条",
            1 => $"{prefix}{Chinese(n)}条",
            2 => $"{prefix}{(n / 10_000).ToString(C)}万条",
            3 => $"{prefix}{(n / 10_000).ToString(C)}W",
            4 => $"{prefix}{(n / 10_000).ToString(C)}w",
            5 => $"{prefix}{(n / 10_000).ToString(C)}万",
            _ => $"{prefix}{(n / 10_000).ToString(C)}W条",
        };
    }

    /// <summary>A per-record price for personal data, in one of the ways sellers write it.</summary>
    public static string RecordPrice(ref SynthRandom rng, double p)
    {
        var yuan = rng.PickOf(["元", "块", string.Empty]);
        if (p < 0.01)
        {
            var perWan = Number(p * 10_000);
            return rng.Next(7) switch
            {
                0 => $"{perWan}元一万条",
                1 => $"{perWan}一万",
                2 => $"{perWan}/W",
                3 => $"{perWan}元/万条",
                4 => $"一万条{perWan}元",
                5 => $"每万条{perWan}{yuan}",
                _ => $"{perWan}块一万",
            };
        }

        if (p < 0.1)
        {
            var cents = p * 100;
            var wholeCents = Math.Abs(cents - Math.Round(cents)) < 1e-9;
            return rng.Next(wholeCents ? 5 : 3) switch
            {
                0 => $"{Number(p)}一条",
                1 => $"{Number(p * 1_000)}元/千条",
                2 => $"{Number(p)}元/条",
                3 => $"{Number(cents)}分一条",
                _ => $"{Chinese((long)Math.Round(cents))}分钱一条",
            };
        }

        if (p < 1)
        {
            var cents = (int)Math.Round(p * 100);
            var mao = cents / 10;
            var fen = cents % 10;
            var chinese = (mao == 2 ? "两" : Digits[mao].ToString()) + "毛" + (fen == 0 ? string.Empty : Digits[fen].ToString());
            return rng.Next(5) switch
            {
                0 => $"{Number(p)}一条",
                1 => $"{Number(p)}元/条",
                2 => $"{chinese}一条",
                3 => $"每条{Number(p)}元",
                _ => $"{Number(p)}/条",
            };
        }

        var whole = (int)p;
        var tenth = (int)Math.Round((p - whole) * 10);
        var kuai = tenth == 0 ? $"{Digits[whole]}块一条" : $"{Digits[whole]}块{Digits[tenth]}一条";
        return rng.Next(6) switch
        {
            0 => $"{Number(p)}一条",
            1 => $"{Number(p)}/条",
            2 => $"{Number(p)}元一条",
            3 => $"单价{Number(p)}{yuan}",
            4 => tenth == 0 ? kuai : $"{whole}块{tenth}一条",
            _ => kuai,
        };
    }

    /// <summary>A price per unit for goods counted in 次/个/张/套.</summary>
    public static string UnitPrice(ref SynthRandom rng, double p, string unit) => rng.Next(4) switch
    {
        0 => $"{Number(p)}一{unit}",
        1 => $"{Number(p)}元/{unit}",
        2 => $"{Number(p)}块一{unit}",
        _ => unit == "次" ? $"查一次{Number(p)}" : $"{Number(p)}元一{unit}",
    };

    public static string Qq(ref SynthRandom rng, string qq) => rng.Next(9) switch
    {
        8 => $"Q Q：{qq}",
        0 => $"QQ:{qq}",
        1 => $"QQ：{qq}",
        2 => $"qq {qq}",
        3 => $"扣扣{qq}",
        4 => $"Q：{qq}",
        5 => $"企鹅:{qq}",
        6 => $"QQ号：{qq}",
        _ => $"联系Q {qq}",
    };

    public static string WeChat(ref SynthRandom rng, string id) => rng.Next(11) switch
    {
        9 => $"V X：{id}",
        10 => $"威 信 {id}",
        0 => $"V:{id}",
        1 => $"v：{id}",
        2 => $"vx:{id}",
        3 => $"VX {id}",
        4 => $"微信:{id}",
        5 => $"微信号：{id}",
        6 => $"wx:{id}",
        7 => $"薇:{id}",
        _ => $"加微 {id}",
    };

    public static string Telegram(ref SynthRandom rng, string user) => rng.Next(7) switch
    {
        0 => $"@{user}",
        1 => $"TG:@{user}",
        2 => $"tg：{user}",
        3 => $"t.me/{user}",
        4 => $"https://t.me/{user}",
        5 => $"飞机:@{user}",
        _ => $"电报 @{user}",
    };

    public static string Mobile(ref SynthRandom rng, string mobile) => rng.Next(5) switch
    {
        0 => $"电话:{mobile}",
        1 => $"手机 {mobile}",
        2 => $"联系{mobile}",
        3 => $"tel:{mobile}",
        _ => $"{mobile}(微信同号)",
    };

    public static string Email(ref SynthRandom rng, string email) => rng.Next(2) == 0 ? $"邮箱:{email}" : $"Email {email}";

    public static string Usdt(ref SynthRandom rng, string address) => rng.Next(4) switch
    {
        0 => $"USDT(TRC20):{address}",
        1 => $"U地址 {address}",
        2 => $"收款地址：{address}",
        _ => $"trc20 {address}",
    };

    /// <summary>Random handle-like names: a letter then letters, digits and underscores.</summary>
    public static string Name(ref SynthRandom rng, int min, int max, bool mixedCase)
    {
        const string First = "abcdefghijklmnopqrstuvwxyz";
        const string Rest = "abcdefghijklmnopqrstuvwxyz0123456789_";
        var length = rng.Next(min, max + 1);
        var sb = new StringBuilder(length);
        sb.Append(First[rng.Next(First.Length)]);
        while (sb.Length < length)
        {
            var c = Rest[rng.Next(Rest.Length)];
            if (c == '_' && sb[^1] == '_')
            {
                continue;
            }

            sb.Append(c);
        }

        if (sb[^1] == '_')
        {
            sb[^1] = 'x';
        }

        if (mixedCase)
        {
            sb[0] = char.ToUpperInvariant(sb[0]);
        }

        return sb.ToString();
    }
}
