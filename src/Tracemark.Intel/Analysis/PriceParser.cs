namespace Tracemark.Intel.Analysis;

/// <summary>
/// Prices and quantities as the trade writes them, on folded lower-case text with handles and long digit runs blanked:
/// <list type="bullet">
/// <item>amount [元|块] then per-unit: "1.2一条", "1.5/条", "20元/万条", "200/w", "20一万", "30元/千条", "500块一次";</item>
/// <item>count then amount: "一万条20元", "每条1.2元", "每万条30块", "查一次50";</item>
/// <item>spoken money: "一毛五一条" (0.15), "两毛" (0.2), "五分一条", "3分钱一条", "一块二一条", "1块5一条";</item>
/// <item>packages: "10万条打包200元" (0.002 a record); "单价1.2";</item>
/// <item>quantities: 5000条, 5万条, 50W, 1.5w, 五万条, 现有100个, 库存300万.</item>
/// </list>
/// A unit price is per record (条), per account (个), per card (张), per kit (套) or per lookup (次).
/// </summary>
internal static class PriceParser
{
    private const string ChineseDigits = "零一二两三四五六七八九";

    public static void Parse(ReadOnlySpan<char> text, out long? quantity, out double? unitPrice)
    {
        quantity = null;
        unitPrice = null;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '每')
            {
                // 每[N][万]条 X元
                var at = i + 1;
                var count = 1.0;
                if (TryNumber(text, at, out var n, out var afterNumber))
                {
                    count = n;
                    at = afterNumber;
                }

                var afterCount = CountUnit(text, at, ref count, out var hasUnit);
                if (hasUnit && TryAmount(text, afterCount, requireMoney: false, out var amount, out var afterAmount))
                {
                    unitPrice ??= amount / count;
                    i = afterAmount;
                    continue;
                }

                i++;
                continue;
            }

            if ((c == '单' && At(text, i, "单价")) || (c == '价' && At(text, i, "价格")))
            {
                var at = i + 2;
                while (at < text.Length && text[at] is ':' or '：' or ' ')
                {
                    at++;
                }

                if (TryAmount(text, at, requireMoney: false, out var amount, out var afterAmount))
                {
                    var (per, afterPer) = PerUnit(text, afterAmount);
                    unitPrice ??= amount / per;
                    i = afterPer;
                    continue;
                }

                i += 2;
                continue;
            }

            if (!StartsNumber(text, i))
            {
                i++;
                continue;
            }

            if (!TryNumber(text, i, out var value, out var end))
            {
                i++;
                continue;
            }

            // Spoken money: 一块二, 1块5, 两毛, 一毛五, 五分, 3分钱.
            if (TrySpokenMoney(text, value, end, out var money, out var afterMoney))
            {
                var (per, afterPer) = PerUnit(text, afterMoney);
                if (afterPer > afterMoney)
                {
                    unitPrice ??= money / per;
                    i = afterPer;
                    continue;
                }
            }

            // amount [元|块] per-unit
            var m = end;
            var hasMoney = false;
            if (m < text.Length && text[m] is '元' or '块')
            {
                m++;
                hasMoney = true;
            }

            var (perCount, afterPerUnit) = PerUnit(text, m);
            if (afterPerUnit > m)
            {
                unitPrice ??= value / perCount;
                i = afterPerUnit;
                continue;
            }

            if (hasMoney)
            {
                i = m;
                continue;
            }

            // A count: N [万|W|千|k] [条|个|张|套|次] — then maybe "X元" (price for that count) or 打包 X元.
            var counted = value;
            var afterCountUnit = CountUnit(text, end, ref counted, out var isCount);
            if (isCount)
            {
                var at = afterCountUnit;
                while (at < text.Length && text[at] is ' ' or '，' or ',')
                {
                    at++;
                }

                var package = At(text, at, "打包价") ? 3 : At(text, at, "打包") || At(text, at, "整包") ? 2 : At(text, at, "一口价") ? 3 : 0;
                if (package > 0 && TryAmount(text, at + package, requireMoney: false, out var total, out var afterTotal))
                {
                    quantity ??= (long)Math.Round(counted);
                    unitPrice ??= total / counted;
                    i = afterTotal;
                    continue;
                }

                // "查一次50": per lookup the price may go without 元.
                // (…but "5000条 1.2元一条" is a quantity, then a price of its own.)
                if (TryAmount(text, afterCountUnit, requireMoney: text[afterCountUnit - 1] != '次', out var price, out var afterPrice) && counted > 0 && PerUnit(text, afterPrice).End == afterPrice)
                {
                    unitPrice ??= price / counted;
                    i = afterPrice;
                    continue;
                }

                if (counted >= 10)
                {
                    quantity ??= (long)Math.Round(counted);
                }

                i = afterCountUnit;
                continue;
            }

            i = end;
        }
    }

    private static bool At(ReadOnlySpan<char> text, int i, string word) => i < text.Length && text[i..].StartsWith(word, StringComparison.Ordinal);

    private static bool StartsNumber(ReadOnlySpan<char> text, int i)
    {
        var c = text[i];
        if (char.IsAsciiDigit(c))
        {
            // Not inside a word (V2u9ar84…) or a longer number.
            return i == 0 || !(char.IsAsciiLetterOrDigit(text[i - 1]) || text[i - 1] is '_' or '.');
        }

        return ChineseDigits.Contains(c, StringComparison.Ordinal) || c == '十';
    }

    /// <summary>An Arabic number (with decimals) or a Chinese numeral (一万, 二十, 两千, 三百万).</summary>
    public static bool TryNumber(ReadOnlySpan<char> text, int i, out double value, out int end)
    {
        value = 0;
        end = i;
        if (i >= text.Length)
        {
            return false;
        }

        if (char.IsAsciiDigit(text[i]))
        {
            while (end < text.Length && (char.IsAsciiDigit(text[end]) || (text[end] == '.' && end + 1 < text.Length && char.IsAsciiDigit(text[end + 1]))))
            {
                end++;
            }

            if (end < text.Length && char.IsAsciiLetter(text[end]) && !IsAsciiMultiplier(text, end))
            {
                return false; // part of a word: 84wn, 5g
            }

            return double.TryParse(text[i..end], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out value);
        }

        // Chinese: sections of digit × 十/百/千, then × 万/亿.
        double total = 0, section = 0, digit = -1;
        var any = false;
        while (end < text.Length)
        {
            var c = text[end];
            var d = c == '两' ? 2 : ChineseDigits.IndexOf(c, StringComparison.Ordinal);
            if (c == '两')
            {
                d = 2;
            }
            else if (d > 2)
            {
                d--; // skip 两's slot in the table
            }

            if (d >= 0)
            {
                digit = d;
                any = true;
            }
            else if (c is '十' or '百' or '千')
            {
                var unit = c == '十' ? 10 : c == '百' ? 100 : 1000;
                section += (digit < 0 ? 1 : digit) * unit;
                digit = -1;
                any = true;
            }
            else if (c is '万' or '亿' && any)
            {
                section += Math.Max(digit, 0);
                total += section * (c == '万' ? 10_000 : 100_000_000);
                section = 0;
                digit = -1;
            }
            else
            {
                break;
            }

            end++;
        }

        if (!any)
        {
            return false;
        }

        value = total + section + Math.Max(digit, 0);
        return value > 0;
    }

    private static bool IsAsciiMultiplier(ReadOnlySpan<char> text, int at) =>
        text[at] is 'w' or 'k' && (at + 1 >= text.Length || !char.IsAsciiLetterOrDigit(text[at + 1]));

    /// <summary>[万|w|千|k|百] then [条|个|张|套|次]; a multiplier alone is a count too (5万, 50w).</summary>
    private static int CountUnit(ReadOnlySpan<char> text, int at, ref double count, out bool isCount)
    {
        isCount = false;
        if (at < text.Length)
        {
            var multiplier = text[at] switch
            {
                '万' or 'w' => 10_000,
                '千' or 'k' => 1_000,
                '百' => 100,
                _ => 0,
            };
            if (multiplier > 0 && (text[at] is not ('w' or 'k') || at + 1 >= text.Length || !char.IsAsciiLetterOrDigit(text[at + 1]) || text[at + 1] == '条'))
            {
                count *= multiplier;
                at++;
                isCount = true;
            }
        }

        if (at < text.Length && text[at] is '条' or '个' or '张' or '套' or '次')
        {
            at++;
            isCount = true;
            if (At(text, at, "数据"))
            {
                at += 2;
            }
        }

        return at;
    }

    /// <summary>"一条", "/条", "/万条", "/w", "一万", "/千条", "/1000条", "每条": how many units the amount before buys.</summary>
    private static (double Count, int End) PerUnit(ReadOnlySpan<char> text, int at)
    {
        if (at >= text.Length)
        {
            return (1, at);
        }

        var c = text[at];
        if (c is not ('/' or '一' or '每'))
        {
            return (1, at);
        }

        var j = at + 1;
        var count = 1.0;
        if (c == '/' && j < text.Length && char.IsAsciiDigit(text[j]) && TryNumber(text, j, out var n, out var afterNumber))
        {
            count = n;
            j = afterNumber;
        }

        var end = CountUnit(text, j, ref count, out var isCount);
        return isCount ? (count, end) : (1, at);
    }

    /// <summary>A number with [元|块], or (when money is not required) a bare number.</summary>
    private static bool TryAmount(ReadOnlySpan<char> text, int at, bool requireMoney, out double amount, out int end)
    {
        amount = 0;
        end = at;
        while (end < text.Length && text[end] is ' ' or '¥' or '￥')
        {
            end++;
        }

        if (end >= text.Length || !TryNumber(text, end, out amount, out var after))
        {
            return false;
        }

        if (TrySpokenMoney(text, amount, after, out var spoken, out var afterSpoken))
        {
            amount = spoken;
            end = afterSpoken;
            return true;
        }

        if (after < text.Length && text[after] is '元' or '块')
        {
            end = after + 1;
            return true;
        }

        if (requireMoney)
        {
            return false;
        }

        end = after;
        return true;
    }

    private static bool TrySpokenMoney(ReadOnlySpan<char> text, double value, int end, out double money, out int after)
    {
        money = 0;
        after = end;
        if (end >= text.Length)
        {
            return false;
        }

        var unit = text[end];
        if (unit == '分' && (end + 1 >= text.Length || text[end + 1] != '钟'))
        {
            money = value / 100;
            after = end + 1;
            if (At(text, after, "钱"))
            {
                after++;
            }

            return true;
        }

        if (unit is not ('毛' or '块'))
        {
            return false;
        }

        var scale = unit == '毛' ? 0.1 : 1;
        money = value * scale;
        after = end + 1;

        // A digit after 块/毛 is the next place (一块二 = 1.2, 一毛五 = 0.15) unless it starts a per-unit (一条, 一万).
        if (after < text.Length)
        {
            var next = text[after];
            var digit = char.IsAsciiDigit(next) ? next - '0' : next == '两' ? 2 : ChineseDigits.IndexOf(next, StringComparison.Ordinal) is var d and > 2 ? d - 1 : ChineseDigits.IndexOf(next, StringComparison.Ordinal);
            if (digit >= 0 && !(after + 1 < text.Length && text[after + 1] is '条' or '万' or 'w' or '千' or '个' or '张' or '套' or '次') && !(after + 1 < text.Length && char.IsAsciiDigit(text[after + 1])))
            {
                money += digit * scale / 10;
                after++;
                if (after < text.Length && text[after] is '毛' or '分')
                {
                    after++;
                }
            }
        }

        return true;
    }
}
