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

    private static readonly System.Buffers.SearchValues<char> Capitals = System.Buffers.SearchValues.Create("壹贰貳叁參肆伍陆陸柒捌玖拾佰仟");

    /// <summary>Capital numerals (壹佰伍, 捌佰, 伍元) as the common ones, so one grammar reads both; folded only in a copy
    /// for prices (陆 and 伍 are words too), and only when the text has one.</summary>
    private static char Common(char c) => c switch
    {
        '壹' => '一',
        '贰' or '貳' => '二',
        '叁' or '參' => '三',
        '肆' => '四',
        '伍' => '五',
        '陆' or '陸' => '六',
        '柒' => '七',
        '捌' => '八',
        '玖' => '九',
        '拾' => '十',
        '佰' => '百',
        '仟' => '千',
        _ => c,
    };

    public static void Parse(ReadOnlySpan<char> text, out long? quantity, out double? unitPrice)
    {
        if (text.ContainsAny(Capitals))
        {
            var copy = System.Buffers.ArrayPool<char>.Shared.Rent(text.Length);
            try
            {
                for (var k = 0; k < text.Length; k++)
                {
                    copy[k] = Common(text[k]);
                }

                ParseFolded(copy.AsSpan(0, text.Length), out quantity, out unitPrice);
            }
            finally
            {
                System.Buffers.ArrayPool<char>.Shared.Return(copy);
            }

            return;
        }

        ParseFolded(text, out quantity, out unitPrice);
    }

    private static void ParseFolded(ReadOnlySpan<char> text, out long? quantity, out double? unitPrice)
    {
        // A post that names several unit prices (a price list, 日结488 隔夜780) has no one price: null.
        Span<double> prices = stackalloc double[8];
        var found = 0;
        double? fallback = null;
        ParseAll(text, out quantity, prices, ref found, ref fallback);
        unitPrice = null;
        if (fallback is { } weak)
        {
            // "八分一条 十万起": beside a price per record, a starting amount in 万 is the least order. Beside a price of its
            // own scale ("买断15000起 … 8万起") it is a second price.
            if (found == 0)
            {
                unitPrice = weak;
                return;
            }

            var cheap = true;
            for (var k = 0; k < found; k++)
            {
                cheap &= prices[k] < 100;
            }

            if (!cheap)
            {
                Add(prices, ref found, weak);
            }
        }

        for (var k = 0; k < found; k++)
        {
            if (unitPrice is { } first && Math.Abs(prices[k] - first) > 0.01 * first)
            {
                unitPrice = null;
                return;
            }

            unitPrice ??= prices[k];
        }
    }

    private static void ParseAll(ReadOnlySpan<char> text, out long? quantity, Span<double> prices, ref int found, ref double? fallback)
    {
        quantity = null;
        double? total = null;
        var i = 0;
        while (i < text.Length)
        {
            i = Step(text, i, ref quantity, ref total, prices, ref found, ref fallback);
        }
    }

    private static void Add(Span<double> prices, ref int found, double price)
    {
        if (found < prices.Length && price > 0 && double.IsFinite(price))
        {
            prices[found++] = price;
        }
    }

    /// <summary>One step of the scan from <paramref name="i"/>: reads what starts there, returns where to go on.</summary>
    private static int Step(ReadOnlySpan<char> text, int i, ref long? quantity, ref double? total, Span<double> prices, ref int found, ref double? fallback)
    {
        {
            var c = text[i];

            // Rent per account and day: 日结500, zm260, 隔夜780. A subscription (包月300, 包天50) is no unit price:
            // its number is read and dropped.
            // Step runs at every character: the first-character test keeps the sixteen word comparisons off all the
            // characters that cannot start one (they were the largest single cost of the parser in a perf profile).
            foreach (var (word, rate) in PeriodStarts.Contains(c) ? Periods : [])
            {
                if (At(text, i, word))
                {
                    var at = i + word.Length;
                    while (at < text.Length && text[at] is ' ' or '>' or ':' or '：' or '『' or '「' or '【')
                    {
                        at++;
                    }

                    // "每天给你50": the rent paid to the account's owner.
                    at += At(text, at, "给你") ? 2 : At(text, at, "给") ? 1 : 0;
                    while (at < text.Length && text[at] == ' ')
                    {
                        at++;
                    }

                    // …but "隔夜 5000条" is fresh records, not a night's rent; and 一天, 每天, 实时 and 当日 take digits
                    // ("一天 40", "实时 1r"), not words ("一天一结", "实时一手").
                    if ((word is not ("一天" or "每天" or "实时" or "当日") || (at < text.Length && char.IsAsciiDigit(text[at]))) && TryAmount(text, at, requireMoney: false, out var rent, out var afterRent) && !(afterRent < text.Length && text[afterRent] is '条' or '个' or '张' or '套' or '次' or '份' or '万' or 'w' or '多' or '余' or '小' or '单'))
                    {
                        if (rate)
                        {
                            Add(prices, ref found, rent);
                        }

                        return afterRent;
                    }

                    return i + word.Length;
                }
            }

            // 百3 = 3 yuan a hundred records (0.03 each); 百分百 and 百家乐 are not prices.
            if (c == '百' && (i == 0 || !(text[i - 1] == '分' || char.IsAsciiDigit(text[i - 1]) || ChineseDigits.Contains(text[i - 1], StringComparison.Ordinal) || text[i - 1] is '十' or '千' or '万'))
                && i + 1 < text.Length && (char.IsAsciiDigit(text[i + 1]) || ChineseDigits.Contains(text[i + 1], StringComparison.Ordinal)) && TryNumber(text, i + 1, out var hundred, out var afterHundred)
                && !(afterHundred < text.Length && text[afterHundred] is '-' or '~' or '%' or '万' or 'w' or '条' or '个' or '张' or '套' or '次' or '份' or '左' or '二' or '三' or '四' or '五' or '六' or '七' or '八' or '九'))
            {
                Add(prices, ref found, hundred / 100);
                return afterHundred;
            }

            // 单张3万起, 一张80, 一条1.2, 一户 2万, 一套 两千五, 一张给两百: the unit, then its price; 一单200 and
            // 单查150 are a lookup's price per order.
            if (c is '单' or '一' && i + 2 < text.Length && (text[i + 1] is '张' or '条' or '个' or '套' or '份' or '次' or '户' or '位' or '项' || (c == '一' && text[i + 1] == '单') || (c == '单' && text[i + 1] == '查')))
            {
                // What may stand between the unit and its price: "一个给你 一百五" (paid to the seller), "单查一次 一百二"
                // (the lookup counted again), "一张 一天 十五" (a day's rent of the card).
                var at = SkipToAmount(text, i + 2);

                if (at < text.Length && (char.IsAsciiDigit(text[at]) || ((ChineseDigits.Contains(text[at], StringComparison.Ordinal) || text[at] == '十') && (c == '单' || ChineseAmount(text, at)))) && TryAmount(text, at, requireMoney: false, out var each, out var afterEach))
                {
                    Add(prices, ref found, each);
                    return afterEach;
                }
            }

            // "共有200多万条" after a price for the lot: the lot's price over its records.
            if (c is '共' or '总' or '一' && (At(text, i, "共有") || At(text, i, "共计") || At(text, i, "一共") || At(text, i, "总共") || At(text, i, "总计") || (c == '共' && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1]))))
            {
                var at = i + (c == '共' && char.IsAsciiDigit(text[i + 1]) ? 1 : 2);
                var count = 0.0;
                if (TryNumber(text, at, out count, out var afterNumber))
                {
                    var afterLot = CountUnit(text, afterNumber, ref count, out var lotCounted);
                    var next = afterLot;
                    while (next < text.Length && text[next] is ' ' or '，' or ',')
                    {
                        next++;
                    }

                    // "共5000条打包7500元" is a package: the count's own path reads it.
                    if (lotCounted && text[afterLot - 1] == '条' && !At(text, next, "打包") && !At(text, next, "整包") && !At(text, next, "一口价"))
                    {
                        quantity ??= (long)Math.Round(count);
                        if (total is { } lot && found == 0 && count > 0)
                        {
                            Add(prices, ref found, lot / count);
                        }

                        return afterLot;
                    }
                }
            }

            // "约80万条 含姓名 … 打包价 4万": the lot's price further on from its count, divided by it (with no count
            // before, a lot price is no unit price: kept for a "共有N条" after it).
            if (c is '打' or '一' or '整' && (At(text, i, "打包价") || At(text, i, "一口价") || At(text, i, "打包") || At(text, i, "整包")))
            {
                var at = i + (At(text, i, "打包价") || At(text, i, "一口价") ? 3 : 2);
                while (at < text.Length && text[at] is ' ' or ':' or '：' or '\n' or '\r')
                {
                    at++;
                }

                if (at < text.Length && (char.IsAsciiDigit(text[at]) || text[at] is '¥' or '￥' || ChineseAmount(text, at)) && TryAmount(text, at, requireMoney: false, out var lot, out var afterLot) && PerUnit(text, afterLot).End == afterLot)
                {
                    if (quantity is { } records && records >= 1000 && found == 0)
                    {
                        Add(prices, ref found, lot / records);
                    }
                    else
                    {
                        total ??= lot;
                    }

                    return afterLot;
                }

                return i + 2;
            }

            // "¥600": the currency sign says money; per the unit after it, or per lookup, account or kit.
            if (c is '¥' or '￥' && TryAmount(text, i, requireMoney: false, out var yen, out var afterYen))
            {
                var (per, afterPer) = PerUnit(text, afterYen);
                Add(prices, ref found, yen / per);
                return afterPer;
            }

            // "单条0.5 量大0.3": a second price for volume — the post names no one price.
            if (c == '量' && At(text, i, "量大"))
            {
                var at = i + 2;
                while (at < text.Length && text[at] == ' ')
                {
                    at++;
                }

                if (at < text.Length && char.IsAsciiDigit(text[at]) && TryAmount(text, at, requireMoney: false, out var bulk, out var afterBulk) && PerUnit(text, afterBulk).End == afterBulk && (afterBulk >= text.Length || !char.IsLetterOrDigit(text[afterBulk])))
                {
                    Add(prices, ref found, bulk);
                    return afterBulk;
                }

                return i + 2;
            }

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
                if (hasUnit && TryAmount(text, SkipToAmount(text, afterCount), requireMoney: false, out var amount, out var afterAmount))
                {
                    Add(prices, ref found, amount / count);
                    return afterAmount;
                }

                return i + 1;
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
                    Add(prices, ref found, amount / per);
                    return afterPer;
                }

                return i + 2;
            }

            if (!StartsNumber(text, i))
            {
                return i + 1;
            }

            if (!TryNumber(text, i, out var value, out var end))
            {
                return i + 1;
            }

            // Spoken money: 一块二, 1块5, 两毛, 一毛五, 五分, 3分钱.
            if (TrySpokenMoney(text, value, end, out var money, out var afterMoney))
            {
                var (per, afterPer) = PerUnit(text, afterMoney);
                if (afterPer > afterMoney)
                {
                    Add(prices, ref found, money / per);
                    return afterPer;
                }

                // "七毛", "两毛收", "八分": small money standing alone is what one record costs — no lot costs cents. Not
                // 十分/百分 (very, per cent), 分钟, nor 块 alone (一块 is "together").
                if (text[end] is '毛' or '角' or '分' && money < 10 && !(text[end] == '分' && (text[i] is '十' or '百' || end + 1 < text.Length && text[end + 1] is '之' or '钟' or '类' or '享' or '别' or '开' or '期' or '组' or '配' or '析' or '布' or '手')) && StandsAlone(text, afterMoney))
                {
                    Add(prices, ref found, money);
                    return afterMoney;
                }
            }

            // A range (0.5-0.8一条, 20~35万一套) is read as its low end.
            if (end + 1 < text.Length && text[end] is '-' or '~' or '～' or '到' or '至' && TryNumber(text, end + 1, out var high, out var afterHigh) && high > value && (char.IsAsciiDigit(text[end + 1]) == char.IsAsciiDigit(text[i])))
            {
                end = afterHigh;

                // "15~25万一套": the multiplier after the high end scales the low end too.
                if (end < text.Length && text[end] is '万' or 'w' or '千' or 'k' && PerUnit(text, end + 1).End > end + 1)
                {
                    value *= text[end] is '万' or 'w' ? 10_000 : 1_000;
                    end++;
                }
            }

            // "0.15起", "2w起", "3万起": a starting price.
            var from = end;
            var scaled = value;
            if (from < text.Length && text[from] is '万' or 'w' or '千' or 'k' && from + 1 < text.Length && text[from + 1] == '起')
            {
                scaled *= text[from] is '万' or 'w' ? 10_000 : 1_000;
                from++;
            }

            if (from < text.Length && text[from] is '元' or '块' or '米' && from + 1 < text.Length && text[from + 1] == '起')
            {
                from++;
            }

            // …but 一起 is "together" ("一起出"): a Chinese starting price is an amount (三万起).
            if (from < text.Length && text[from] == '起' && (char.IsAsciiDigit(text[i]) || ChineseAmount(text, i)))
            {
                // "十万起出", "1w起拿": the least a buyer takes, a quantity; "十万起" alone beside a price per record is
                // that too — a starting amount in 万 is a price only where the post names no other.
                if (from + 1 < text.Length && text[from + 1] is '出' or '拿' or '批' or '售' or '订' or '购' or '收' or '卖')
                {
                    quantity ??= (long)Math.Round(scaled);
                    return from + 2;
                }

                if (scaled >= 10_000 && (from > end || text[end - 1] == '万'))
                {
                    fallback ??= scaled;
                    return from + 1;
                }

                Add(prices, ref found, scaled);
                return from + 1;
            }

            // "3百/万", "5千一套": an Arabic number with a Chinese multiplier, then its per-unit.
            if (char.IsAsciiDigit(text[i]) && end < text.Length && text[end] is '百' or '千')
            {
                var scaledEnd = end + 1;
                if (scaledEnd < text.Length && text[scaledEnd] is '元' or '块')
                {
                    scaledEnd++;
                }

                var (perScaled, afterScaled) = PerUnit(text, scaledEnd);
                if (afterScaled > scaledEnd)
                {
                    Add(prices, ref found, value * (text[end] == '百' ? 100 : 1000) / perScaled);
                    return afterScaled;
                }
            }

            // amount [元|块|米] per-unit (米 is the trade's slang for 元: 1.2米一条), each part maybe a word of its own
            // ("0.6 米 一 条").
            var m = end;
            var hasMoney = false;
            var unitAt = m + 1 < text.Length && text[m] == ' ' && text[m + 1] is '元' or '块' or '米' ? m + 1 : m;
            // 米 is also a metre ("误差50米 一次300"): as money its per-unit follows as closely as 米 follows the number.
            if (unitAt < text.Length && (text[unitAt] is '元' or '块' || YuanR(text, unitAt) || (text[unitAt] == '米' && PerUnit(text, unitAt + 1, spaced: unitAt > m).End > unitAt + 1)))
            {
                m = unitAt + 1;
                hasMoney = true;
                if (m < text.Length && text[m] == '钱')
                {
                    m++;
                }
            }

            // "80 一个": a small amount then its unit as the next word (a quantity, "库存5000 一条1元", is not).
            var (perCount, afterPerUnit) = PerUnit(text, m, spaced: hasMoney || value < 1000);
            if (afterPerUnit > m)
            {
                Add(prices, ref found, value / perCount);
                return afterPerUnit;
            }

            // "1元1条", "100元1000条": money, then the count it buys in Arabic digits.
            if (hasMoney && m < text.Length && char.IsAsciiDigit(text[m]) && TryNumber(text, m, out var bought, out var afterBought))
            {
                var afterBoughtUnit = CountUnit(text, afterBought, ref bought, out var boughtCounted);
                if (boughtCounted && bought > 0)
                {
                    Add(prices, ref found, value / bought);
                    return afterBoughtUnit;
                }
            }

            if (hasMoney)
            {
                total = value; // the price of a lot, if "共有N条" follows
                return m;
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
                if (package > 0 && TryAmount(text, at + package, requireMoney: false, out var lot, out var afterTotal))
                {
                    quantity ??= (long)Math.Round(counted);
                    Add(prices, ref found, lot / counted);
                    return afterTotal;
                }

                // "查一次50": per lookup the price may go without 元.
                // (…but "5000条 1.2元一条" is a quantity, then a price of its own.)
                if (TryAmount(text, afterCountUnit, requireMoney: text[afterCountUnit - 1] != '次', out var price, out var afterPrice) && counted > 0 && PerUnit(text, afterPrice).End == afterPrice)
                {
                    Add(prices, ref found, price / counted);
                    return afterPrice;
                }

                // "一万条400", "一万条 六百", "十万条\n2000", "一万条 ¥350": a batch of a thousand records or more, then a
                // bare amount standing alone — its price.
                var bare = afterCountUnit;
                while (bare < text.Length && text[bare] is ' ' or '\n' or '\r' or '¥' or '￥' or '/')
                {
                    bare++;
                }

                if (counted >= 1000 && text[afterCountUnit - 1] is '条' or '行' && bare < text.Length && (char.IsAsciiDigit(text[bare]) || ChineseAmount(text, bare))
                    && TryAmount(text, bare, requireMoney: false, out price, out afterPrice) && (afterPrice >= text.Length || text[afterPrice] is ' ' or '，' or ',' or '。' or '\n' or '\r'))
                {
                    quantity ??= (long)Math.Round(counted);
                    Add(prices, ref found, price / counted);
                    return afterPrice;
                }

                if (counted >= 10)
                {
                    quantity ??= (long)Math.Round(counted);
                }

                return afterCountUnit;
            }

            return end;
        }
    }

    /// <summary>Rents, freshness and subscriptions: true where the number is a price per account (a day's or a night's rent)
    /// or per record of that freshness (实时 1r, 隔夜 0.1r),
    /// false where it is a subscription to lookups (no unit price).</summary>
    private static readonly (string Word, bool Rate)[] Periods = [("日结", true), ("月租", true), ("日租", true), ("zm", true), ("隔夜", true), ("隔天", true), ("一天", true), ("每天", true), ("实时", true), ("当日", true), ("包月", false), ("包天", false), ("包年", false), ("包周", false), ("月卡", false), ("年卡", false)];

    // Declared after Periods: static fields are initialised in order.
    private static readonly System.Buffers.SearchValues<char> PeriodStarts = System.Buffers.SearchValues.Create(string.Concat(Periods.Select(p => p.Word[0])));

    private static bool At(ReadOnlySpan<char> text, int i, string word) => i < text.Length && text[i..].StartsWith(word, StringComparison.Ordinal);

    private static bool StartsNumber(ReadOnlySpan<char> text, int i)
    {
        var c = text[i];
        if (char.IsAsciiDigit(c))
        {
            // Not inside a word (V2u9ar84…) or a longer number.
            return i == 0 || !(char.IsAsciiLetterOrDigit(text[i - 1]) || text[i - 1] is '_' or '.');
        }

        // "千条八十", "万条 400": a thousand or ten thousand records without 一.
        if (c is '千' or '万' && i + 1 < text.Length && text[i + 1] == '条')
        {
            return i == 0 || !(char.IsAsciiDigit(text[i - 1]) || ChineseDigits.Contains(text[i - 1], StringComparison.Ordinal) || text[i - 1] is '十' or '百' or '千' or '万' or '多' or '余' or '+' or 'w' or 'k');
        }

        return ChineseDigits.Contains(c, StringComparison.Ordinal) || c == '十';
    }

    /// <summary>What may stand between a unit and its price: spaces and colons, 给/给你 (paid to the seller),
    /// a day (一天, 每天: a day's rent) or the lookup counted again (一次).</summary>
    private static int SkipToAmount(ReadOnlySpan<char> text, int at)
    {
        while (at < text.Length)
        {
            if (text[at] is ' ' or ':' or '：' or '给')
            {
                at++;
            }
            else if (At(text, at, "你") && at > 0 && text[at - 1] == '给')
            {
                at++;
            }
            else if ((At(text, at, "一天") || At(text, at, "每天") || At(text, at, "一次")) && at + 2 < text.Length && text[at + 2] is ' ' or ':' or '：' or '给')
            {
                at += 2;
            }
            else
            {
                break;
            }
        }

        return at;
    }

    /// <summary>An amount standing alone: the end of the text, a line or a phrase, or a buying or selling word after it.</summary>
    private static bool StandsAlone(ReadOnlySpan<char> text, int at) =>
        at >= text.Length || text[at] is ' ' or '\n' or '\r' or '，' or ',' or '。' or '!' or '！' or '/' or '收' or '出' or '起';

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

            if (end < text.Length && char.IsAsciiLetter(text[end]) && !IsAsciiMultiplier(text, end) && !YuanR(text, end))
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
                // 零 holds an empty place: 一百零五 is 105, 一千零五十 is 1,050.
                if (digit == 0 && end > 0 && text[end - 1] == '零' && d > 0)
                {
                    digit = d;
                    end++;
                    continue;
                }

                // 十五一万 is 15 for 10,000: a digit straight after a digit starts the next number; 八百一个 is 800 for
                // one: 一 before a unit is the per-unit, not the tenth of the hundred.
                if (digit >= 0 || (d == 1 && any && UnitAt(text, end + 1)))
                {
                    break;
                }

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
            else if (c is '万' or '亿' && (any || (end == i && end + 1 < text.Length && text[end + 1] == '条')))
            {
                // 万条 alone is ten thousand records.
                section += any ? Math.Max(digit, 0) : 1;
                any = true;
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

        // 一万二 = 12,000, 三千五 = 3,500, 两百五 = 250: a last digit straight after a unit is a tenth of that unit.
        if (digit > 0 && end >= 2 && text[end - 2] is '万' or '千' or '百')
        {
            var unit = text[end - 2] switch { '万' => 10_000, '千' => 1_000, _ => 100 };
            if (unit == 10_000)
            {
                total += digit * 1_000;
            }
            else
            {
                section += digit * unit / 10;
            }

            digit = 0;
        }

        value = total + section + Math.Max(digit, 0);

        // 零点七 = 0.7, 一点二 = 1.2: a Chinese decimal point, digits after it one by one.
        if (end + 1 < text.Length && text[end] == '点' && total == 0 && section == 0 && digit >= 0 && ChineseDigitValue(text[end + 1]) >= 0)
        {
            var at = end + 1;
            var place = 0.1;
            int d;
            while (at < text.Length && (d = ChineseDigitValue(text[at])) >= 0 && !(d == 1 && UnitAt(text, at + 1)))
            {
                value += d * place;
                place /= 10;
                at++;
            }

            end = at;
        }

        return value > 0;
    }

    private static bool UnitAt(ReadOnlySpan<char> text, int at) =>
        at < text.Length && text[at] is '条' or '个' or '张' or '套' or '次' or '份' or '位' or '项' or '户' or '单' or '万' or '千' or '码';

    private static int ChineseDigitValue(char c) => c == '两' ? 2 : ChineseDigits.IndexOf(c, StringComparison.Ordinal) is var d and > 2 ? d - 1 : ChineseDigits.IndexOf(c, StringComparison.Ordinal);

    /// <summary>"8r", "0.1r": r (RMB) for 元, a letter standing alone after the number.</summary>
    private static bool YuanR(ReadOnlySpan<char> text, int at) =>
        text[at] == 'r' && at > 0 && char.IsAsciiDigit(text[at - 1]) && (at + 1 >= text.Length || !char.IsAsciiLetterOrDigit(text[at + 1]));

    private static bool IsAsciiMultiplier(ReadOnlySpan<char> text, int at) =>
        text[at] is 'w' or 'k' && (at + 1 >= text.Length || !char.IsAsciiLetterOrDigit(text[at + 1]));

    /// <summary>[万|w|千|k|百] then [条|个|张|套|次]; a multiplier alone is a count too (5万, 50w).</summary>
    private static int CountUnit(ReadOnlySpan<char> text, int at, ref double count, out bool isCount)
    {
        isCount = false;

        // 200多万条, 5000余条: about so many.
        if (at + 1 < text.Length && text[at] is '多' or '余' or '+' && text[at + 1] is '万' or 'w' or '千' or 'k' or '条' or '个' or '张' or '套')
        {
            at++;
        }

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

        // 一个月, 三个星期: a span of time, not a unit.
        // 行 is a dump's rows (3000万行), a count only right after a multiplier.
        if (at < text.Length && (text[at] is '条' or '个' or '张' or '套' or '次' or '份' or '位' or '项' || (text[at] == '行' && isCount)) && !(text[at] == '个' && at + 1 < text.Length && text[at + 1] is '月' or '星' or '小'))
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

    private static readonly string[] EnglishPerUnit = ["per line", "per record", "per lead", "per row", "per piece", "per account", "per card", "per time", "per lookup", "per query", "per search", "one time", "a time", "each", "/line", "/record", "/lead", "/pc", "/time", "/query"];

    /// <summary>"一条", "/条", "/万条", "/w", "一万", "/千条", "/1000条", "每条": how many units the amount before buys.</summary>
    private static (double Count, int End) PerUnit(ReadOnlySpan<char> text, int at, bool spaced = true)
    {
        var start = at;
        if (spaced && at + 1 < text.Length && text[at] == ' ' && text[at + 1] is '/' or '一' or '每')
        {
            at++; // "二毛 一条": the per-unit as the next word
        }

        if (at >= text.Length)
        {
            return (1, start);
        }

        // "0.3 per line", "150 one time", "2 each", "/line": the trade's English ads.
        var english = text[start..].TrimStart(' ');
        foreach (var per in english.Length > 0 && english[0] is 'p' or 'o' or 'a' or 'e' or '/' ? EnglishPerUnit : [])
        {
            if (english.StartsWith(per, StringComparison.Ordinal) && (english.Length == per.Length || !char.IsAsciiLetter(english[per.Length])))
            {
                return (1, text.Length - english.Length + per.Length);
            }
        }

        var c = text[at];
        if (c is not ('/' or '一' or '每'))
        {
            return (1, start);
        }

        var j = at + 1;
        if (c == '一' && spaced && j + 1 < text.Length && text[j] == ' ' && text[j + 1] is '条' or '个' or '张' or '套' or '次' or '份')
        {
            j++; // "一 条"
        }

        var count = 1.0;
        if (c == '/' && j < text.Length && char.IsAsciiDigit(text[j]) && TryNumber(text, j, out var n, out var afterNumber))
        {
            count = n;
            j = afterNumber;
        }

        if (c == '一' && j < text.Length && text[j] == '单')
        {
            return (1, j + 1);
        }

        var end = CountUnit(text, j, ref count, out var isCount);
        return isCount ? (count, end) : (1, start);
    }

    /// <summary>A Chinese numeral that is an amount, not a count word: it has 十, 百, 千 or 万 in it, or 元/块 after it
    /// ("两千五", "八十"; "一套三件" is no price).</summary>
    private static bool ChineseAmount(ReadOnlySpan<char> text, int at)
    {
        if (!TryNumber(text, at, out _, out var end))
        {
            return false;
        }

        return text[at..end].IndexOfAny("十百千万") >= 0 || (end < text.Length && text[end] is '元' or '块');
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

        // 2w, 3万 as an amount (not 3万条, a count).
        if (after < text.Length && text[after] is '万' or 'w' or '千' or 'k' && !(after + 1 < text.Length && text[after + 1] is '条' or '个' or '张' or '套' or '次'))
        {
            amount *= text[after] is '万' or 'w' ? 10_000 : 1_000;
            after++;
        }

        if (after < text.Length && (text[after] is '元' or '块' or '米' || YuanR(text, after)))
        {
            end = after + 1;
            if (end < text.Length && text[end] == '钱')
            {
                end++;
            }

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

        if (unit is not ('毛' or '角' or '块'))
        {
            return false;
        }

        var scale = unit == '块' ? 1 : 0.1; // 角 is 毛 in writing
        money = value * scale;
        after = end + 1;
        if (after < text.Length && text[after] == '钱')
        {
            after++; // 一块钱一条
        }

        // A digit after 块/毛 is the next place (一块二 = 1.2, 一毛五 = 0.15) unless it starts a per-unit (一条, 一万).
        if (after < text.Length)
        {
            var next = text[after];
            var digit = char.IsAsciiDigit(next) ? next - '0' : next == '两' ? 2 : ChineseDigits.IndexOf(next, StringComparison.Ordinal) is var d and > 2 ? d - 1 : ChineseDigits.IndexOf(next, StringComparison.Ordinal);
            if (digit >= 0 && !(after + 1 < text.Length && text[after + 1] is '条' or '万' or 'w' or '千' or '个' or '张' or '套' or '次') && !(after + 1 < text.Length && char.IsAsciiDigit(text[after + 1])))
            {
                money += digit * scale / 10;
                after++;
                if (after < text.Length && text[after] is '毛' or '角' or '分')
                {
                    after++;
                }
            }
        }

        return true;
    }
}
