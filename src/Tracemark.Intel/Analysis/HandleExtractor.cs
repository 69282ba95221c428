using Tracemark.Identifiers.Kinds;

namespace Tracemark.Intel.Analysis;

/// <summary>A contact or payment handle found in a post, with the span it (and its cue word) took.</summary>
internal readonly record struct FoundHandle(string Kind, string Value, int Start, int End, bool Escrow);

/// <summary>
/// Finds the handles sellers leave: after a cue (QQ / 扣扣 / 企鹅 / Q, 微信 / V / vx / wx / 薇 / 加微, TG / 飞机 / 电报,
/// 电话 / 手机 / 联系 / tel, 邮箱, USDT / trc20 / U地址 / 收款地址) and without one where the form is unmistakable:
/// @name and t.me/name (Telegram), e-mail addresses, TRON addresses (Base58Check verified), 0x… ERC-20 addresses,
/// and a mobile followed by 微信同号. A bare mobile without a cue is not a handle: in a post it is more often a
/// test sample. A handle right after 担保/中介 is the escrow's, not the seller's, and is marked so (not used to link).
/// Works on folded, lower-case text (so V: and ｖｘ： read alike); TRON addresses are read from the folded original,
/// their case matters.
/// </summary>
internal static class HandleExtractor
{
    private enum Kind : byte { Qq, WeChat, Telegram, Mobile, Email, Usdt }

    // Longest first within each starting letter, so "qq号" wins over "qq" and "q".
    private static readonly (string Cue, Kind Kind, bool Ascii)[] Cues =
    [
        ("qq号", Kind.Qq, false), ("qq", Kind.Qq, true), ("扣扣", Kind.Qq, false), ("蔻蔻", Kind.Qq, false), ("寇寇", Kind.Qq, false), ("抠抠", Kind.Qq, false), ("🐧", Kind.Qq, false), ("企鹅", Kind.Qq, false), ("球球", Kind.Qq, false), ("q号", Kind.Qq, false), ("q群", Kind.Qq, false), ("q", Kind.Qq, true), ("加扣", Kind.Qq, false), ("扣", Kind.Qq, false),
        ("微信号", Kind.WeChat, false), ("微信", Kind.WeChat, false), ("威信", Kind.WeChat, false), ("薇信", Kind.WeChat, false), ("维信", Kind.WeChat, false), ("徽信", Kind.WeChat, false), ("卫星", Kind.WeChat, false), ("v信", Kind.WeChat, false), ("vx", Kind.WeChat, true), ("wx", Kind.WeChat, true), ("加微", Kind.WeChat, false), ("绿泡泡", Kind.WeChat, false), ("绿色泡泡", Kind.WeChat, false), ("加薇", Kind.WeChat, false), ("加威", Kind.WeChat, false), ("薇", Kind.WeChat, false), ("微", Kind.WeChat, false), ("威", Kind.WeChat, false), ("喂", Kind.WeChat, false), ("v", Kind.WeChat, true),
        ("telegram", Kind.Telegram, true), ("纸飞机", Kind.Telegram, false), ("飞机", Kind.Telegram, false), ("电报", Kind.Telegram, false), ("灰机", Kind.Telegram, false), ("✈", Kind.Telegram, false), ("tg", Kind.Telegram, true),
        ("电话", Kind.Mobile, false), ("手机", Kind.Mobile, false), ("联系", Kind.Mobile, false), ("tel", Kind.Mobile, true), ("热线", Kind.Mobile, false),
        ("邮箱", Kind.Email, false), ("email", Kind.Email, true), ("e-mail", Kind.Email, true),
        ("usdt", Kind.Usdt, true), ("trc20", Kind.Usdt, true), ("u地址", Kind.Usdt, false), ("收款地址", Kind.Usdt, false), ("钱包", Kind.Usdt, false),
    ];

    private static readonly System.Buffers.SearchValues<char> CueStarts = System.Buffers.SearchValues.Create(string.Concat(Cues.Select(c => c.Cue[0])));

    private static readonly System.Buffers.SearchValues<char> LowerHex = System.Buffers.SearchValues.Create("0123456789abcdef");
    private static readonly System.Buffers.SearchValues<char> DecimalDigits = System.Buffers.SearchValues.Create("0123456789");

    private static readonly string[] KindNames = ["qq", "wechat", "telegram", "mobile", "email", "usdt"];

    public static void Extract(ReadOnlySpan<char> folded, ReadOnlySpan<char> lower, List<FoundHandle> found)
    {
        for (var i = 0; i < lower.Length; i++)
        {
            if (Covered(found, i))
            {
                continue;
            }

            if (TryCue(folded, lower, i, found))
            {
                continue;
            }

            TryBare(folded, lower, i, found);
        }

        // 担保/中介 right before a handle names the escrow's contact; "欢迎各大盘口老板/中介" before a seller's handle
        // invites brokers and says nothing of the handle.
        for (var h = 0; h < found.Count; h++)
        {
            var before = lower[Math.Max(0, found[h].Start - 6)..found[h].Start].TrimEnd(" :：@-(（【[，,");
            var tail = before[Math.Max(0, before.Length - 3)..];
            if ((tail.Contains("担保", StringComparison.Ordinal) || tail.Contains("中介", StringComparison.Ordinal)) && !Invited(lower[Math.Max(0, found[h].Start - 16)..found[h].Start]))
            {
                found[h] = found[h] with { Escrow = true };
            }
        }
    }

    private static readonly System.Buffers.SearchValues<char> Breaks = System.Buffers.SearchValues.Create("，。,.!！|\n；;");

    /// <summary>"欢迎各大盘口老板/中介" with no break between 欢迎 and the handle: brokers invited, not an escrow named.</summary>
    private static bool Invited(ReadOnlySpan<char> before)
    {
        var at = before.LastIndexOf("欢迎", StringComparison.Ordinal);
        return at >= 0 && before[at..].IndexOfAny(Breaks) < 0;
    }

    private static bool EndsAt(List<FoundHandle> found, int i)
    {
        foreach (var h in found)
        {
            if (h.End == i)
            {
                return true;
            }
        }

        return false;
    }

    private static bool Covered(List<FoundHandle> found, int i)
    {
        foreach (var h in found)
        {
            if (i >= h.Start && i < h.End)
            {
                return true;
            }
        }

        return false;
    }

    private static bool TryCue(ReadOnlySpan<char> folded, ReadOnlySpan<char> lower, int i, List<FoundHandle> found)
    {
        if (!CueStarts.Contains(lower[i]))
        {
            return false;
        }

        foreach (var (cue, kind, ascii) in Cues)
        {
            var cueEnd = MatchCue(lower, i, cue);
            if (cueEnd < 0)
            {
                continue;
            }

            // A letter inside a word is no cue, unless a handle just ended there ("@abc12V:def34").
            if (ascii && i > 0 && IsWordChar(lower[i - 1]) && !EndsAt(found, i))
            {
                continue;
            }

            // 实名微信号 and 微信老号 are goods (accounts for sale), not a contact cue.
            if (kind == Kind.WeChat && (lower[..i].EndsWith("实名", StringComparison.Ordinal) || lower[..i].EndsWith('老')))
            {
                continue;
            }

            var j = SkipSeparators(lower, cueEnd, out var separated, out var colon);

            // An icon (🐧 for QQ, ✈ for Telegram) is a label, never a word: it stands for a colon.
            colon |= !char.IsLetter(cue[0]);

            // A one-letter cue (Q, V) needs a separator or a digit straight after it, or it is just a letter; a
            // one-character Chinese cue (薇, 微, 扣) needs a separator or an ASCII id glued to it: 汪薇 is a name,
            // 微博 a word.
            if (cue.Length == 1 && char.IsLetter(cue[0]) && !separated && (j >= lower.Length || !char.IsAsciiDigit(lower[j])))
            {
                if (ascii || j >= lower.Length || !char.IsAsciiLetter(lower[j]))
                {
                    continue;
                }
            }

            // 喂 and 威 are words of their own ("喂，你好", 威武): only with a colon they stand for 微信. Other
            // one-character cues take a colon or a value glued on (微Gsoqem56, 扣⑦⑥⑨): "汪薇 137…" is a name.
            // A value no name is followed by — digits spelt one by one or disguised ("扣 1 5 9 3 4", "扣 ②⑥⑧"), or an
            // id of letters with digits, _ or - ("微 shop_abc", "威 wxhao-chu") — makes the cue a cue after a space too.
            if (((cue is "喂" or "威" && !colon) || (cue.Length == 1 && !ascii && separated && !colon)) && !(separated && Disguised(lower, j, kind)))
            {
                continue;
            }

            if (ascii && !separated && cue.Length > 1 && j < lower.Length && IsWordChar(lower[j]) && !char.IsAsciiDigit(lower[j]))
            {
                continue; // "tgbot", "qqmusic": a word, not a cue
            }

            var end = ReadValue(folded, lower, j, kind, out var value);
            if (end < 0)
            {
                continue;
            }

            found.Add(new FoundHandle(KindNames[(int)kind], value, i, end, false));

            // "加微信15480827815或14633476245": one cue, several values.
            while (end + 1 < lower.Length && lower[end] is '或' or '、' or '和' or '及' or '/' && kind is Kind.Qq or Kind.WeChat or Kind.Mobile)
            {
                var at = end + 1;
                if (DigitValue(lower[at]) < 0 || char.IsAsciiLetter(lower[at]))
                {
                    break;
                }

                var more = ReadValue(folded, lower, at, kind, out var another);
                if (more < 0)
                {
                    break;
                }

                found.Add(new FoundHandle(KindNames[(int)kind], another, at, more, false));
                end = more;
            }

            return true;
        }

        return false;
    }

    /// <summary>
    /// How many letters at the end of an id are the next cue glued to it: "@uorf94TG：@uorf62", "@abc12V:def34",
    /// "t.me/abc123https://…". An id followed by a colon ends in a label, not in its own letters.
    /// </summary>
    private static int GluedLabel(ReadOnlySpan<char> lower, int start, int end)
    {
        if (end >= lower.Length || lower[end] is not (':' or '：'))
        {
            return 0;
        }

        var id = lower[start..end];
        foreach (var scheme in (ReadOnlySpan<string>)["https", "http"])
        {
            if (id.EndsWith(scheme, StringComparison.Ordinal) && id.Length > scheme.Length)
            {
                return scheme.Length;
            }
        }

        var letters = 0;
        while (letters < id.Length && char.IsAsciiLetter(id[id.Length - 1 - letters]))
        {
            letters++;
        }

        return letters is >= 1 and <= 4 && letters < id.Length && char.IsAsciiDigit(id[id.Length - 1 - letters]) ? letters : 0;
    }

    /// <summary>Past what stands between a cue and its value: separators (":", "：", "+", "➕", "❤", "@"), and the
    /// filler words sellers put there ("飞机号：", "VX咨询：", "飞机搜：", "联系方式:").</summary>
    private static int SkipSeparators(ReadOnlySpan<char> lower, int j, out bool separated, out bool colon)
    {
        separated = false;
        colon = false;
        var start = j;
        while (j < lower.Length && j - start < 8)
        {
            var c = lower[j];
            if (c is ' ' or ':' or '：' or '=' or '-' or '(' or '（' or '【' or '[' or '\t' or '+' or '➕' or '❤' or '♥' or '；' or ';' or '>' or '~' or '—' or '\uFE0F' or '@' or '︰')
            {
                colon |= c is ':' or '：' or '+' or '➕' or '❤' or '︰';
                j++;
                separated = true;
                continue;
            }

            // An emoji or arrow between the cue and its value ("V👉 abc_12", "联系 📱 138…", "➡"): a pointer, like a colon.
            var icon = Icon(lower, j);
            if (icon > 0)
            {
                j += icon;
                separated = true;
                colon = true;
                continue;
            }

            var filler = Filler(lower[j..]);
            if (filler > 0)
            {
                j += filler;
                continue;
            }

            break;
        }

        return j;
    }

    // 是 and 同号: "我QQ是 49385721", "微信同号 138…" (the WeChat id is the number); 同步: "vx同步 abc_12" (the same id).
    private static readonly string[] Fillers = ["联系方式", "联系人", "联系", "咨询", "搜索", "账号", "号码", "同号", "同步", "号", "搜", "id", "是"];

    /// <summary>How many chars an emoji (a surrogate pair, with its variation selector) or a pictograph or arrow
    /// (U+2190–U+21FF, U+2600–U+27BF but not the dingbat digits ❶–➓, U+2B00–U+2BFF) at <paramref name="j"/> takes; 0 if none.</summary>
    private static int Icon(ReadOnlySpan<char> lower, int j)
    {
        var c = lower[j];
        var n = char.IsHighSurrogate(c) && j + 1 < lower.Length && char.IsLowSurrogate(lower[j + 1]) ? 2
            : c is (>= '\u2190' and <= '\u21FF') or (>= '\u2600' and <= '\u2775') or (>= '\u2794' and <= '\u27BF') or (>= '\u2B00' and <= '\u2BFF') ? 1 : 0;
        // 🐧 and ✈ are cues of their own (QQ, Telegram), not pointers.
        if (c == '✈' || (n == 2 && lower[j + 1] == '\uDC27' && c == '\uD83D'))
        {
            return 0;
        }

        if (n > 0 && j + n < lower.Length && lower[j + n] == '\uFE0F')
        {
            n++;
        }

        return n;
    }

    /// <summary>
    /// A value written the way only contacts are: at least five digits each standing alone or disguised
    /// (1 5 9 3 4, ②⑥⑧⑥⑤, 三六九四零), or an id of 6–20 letters and digits with a digit, _ or - in it.
    /// </summary>
    private static bool Disguised(ReadOnlySpan<char> lower, int j, Kind kind)
    {
        if (j >= lower.Length)
        {
            return false;
        }

        if (!char.IsAsciiLetter(lower[j]))
        {
            Span<char> digits = stackalloc char[16];
            var end = ReadDigits(lower, j, digits, out var count);
            // Spelt one by one ("1 5 9 3 4") or in groups ("6000 7000 88", "1234 5000 7"): a number split to slip past
            // filters, as no amount or count is written.
            if (end > 0 && count >= 5 && (!char.IsAsciiDigit(lower[j]) || end - j >= (2 * count) - 1 || (end - j > count && count <= 11)))
            {
                return true;
            }

            // "扣 1357900024": a QQ number standing alone after a one-character cue — no amount is written with six
            // digits or more and no unit after it.
            // (Not after 微/薇: "汪薇 138…" is a name and a mobile.)
            return kind is Kind.Qq && end > 0 && end - j == count && count is >= 6 and <= 11 && !UnitAfter(lower, end);
        }

        var at = j;
        var marked = false;
        while (at < lower.Length && (char.IsAsciiLetterOrDigit(lower[at]) || lower[at] is '_' or '-'))
        {
            marked |= !char.IsAsciiLetter(lower[at]);
            at++;
        }

        return marked && at - j is >= 6 and <= 20;
    }

    /// <summary>A money or count word after a number (元, 块, 条, 万, w …): the number is an amount or a count.</summary>
    private static bool UnitAfter(ReadOnlySpan<char> lower, int end)
    {
        var rest = lower[end..].TrimStart(' ');
        return rest.Length > 0 && rest[0] is '元' or '块' or '米' or '条' or '个' or '张' or '套' or '次' or '万' or 'w' or 'k' or '千' or '百' or '.' or '%' or '人' or '份' or '单';
    }

    private static int Filler(ReadOnlySpan<char> at)
    {
        foreach (var f in Fillers)
        {
            if (at.StartsWith(f, StringComparison.Ordinal) && !(f == "id" && at.Length > 2 && char.IsAsciiLetterOrDigit(at[2])))
            {
                return f.Length;
            }
        }

        return 0;
    }

    /// <summary>A digit as sellers disguise it: ASCII (full-width is folded before), circled ①, Chinese 一/壹/〇.</summary>
    internal static int DigitValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= '\u2460' and <= '\u2468' => c - '\u2460' + 1, // ①–⑨
        >= '\u2776' and <= '\u277E' => c - '\u2776' + 1, // ❶–❾
        >= '\u2780' and <= '\u2788' => c - '\u2780' + 1, // ➀–➈
        >= '\u278A' and <= '\u2792' => c - '\u278A' + 1, // ➊–➒
        >= '\u24F5' and <= '\u24FD' => c - '\u24F5' + 1, // ⓵–⓽
        >= '\u2474' and <= '\u247C' => c - '\u2474' + 1, // ⑴–⑼
        >= '\u2488' and <= '\u2490' => c - '\u2488' + 1, // ⒈–⒐
        '⓪' or '⓿' or '〇' or '零' => 0,
        '一' or '壹' => 1,
        '二' or '贰' or '貳' => 2,
        '三' or '叁' or '參' => 3,
        '四' or '肆' => 4,
        '五' or '伍' => 5,
        '六' or '陆' or '陸' => 6,
        '七' or '柒' => 7,
        '八' or '捌' => 8,
        '九' or '玖' => 9,
        _ => -1,
    };

    /// <summary>
    /// A number written to slip past filters: disguised digits with single separators between them ("9-9-8-3",
    /// "571×699390", "138 0013 8000", "⑦⑥⑨"). Canonical digits out; -1 when no digit starts here.
    /// </summary>
    internal static int ReadDigits(ReadOnlySpan<char> lower, int j, Span<char> digits, out int count)
    {
        count = 0;
        var end = j;
        var at = j;
        var group = 0;
        var style = -1;
        while (at < lower.Length && count < digits.Length)
        {
            var d = DigitValue(lower[at]);

            // One disguise per number: "1500一套" is 1500 and a word, not 15001.
            var kind = char.IsAsciiDigit(lower[at]) ? 0 : lower[at] is (>= '\u2460' and <= '\u24FF') or (>= '\u2776' and <= '\u2793') ? 1 : 2;
            // ASCII and circled digits mix ("4⑤1②3⑧"), circled and Chinese too; ASCII and Chinese do not.
            if (d >= 0 && (style < 0 || style == kind || style + kind != 2))
            {
                style = style < 0 ? kind : style;
                digits[count++] = (char)('0' + d);
                group++;
                at++;
                end = at;
                continue;
            }

            // A separator joins short groups only (138 0013 8000, 9-9-8-3, 571×699390, 50005 0006 8): after a long
            // group a space ends the number ("QQ 266151535 1元一条").
            // …and so does a short run of them ("5 0 6 - 3 3 8").
            var gap = at;
            while (gap < lower.Length && gap - at < 3 && lower[gap] is '-' or ' ' or '.' or '×' or '*' or '·')
            {
                gap++;
            }

            if (count > 0 && (group <= 5 || TailGroup(lower, at, gap, count)) && gap > at && gap < lower.Length && DigitValue(lower[gap]) >= 0)
            {
                group = 0;
                at = gap;
                continue;
            }

            break;
        }

        return count == 0 ? -1 : end;
    }

    /// <summary>
    /// "567000 012": after a long group, one space and a short last group that ends the number (end of text or line,
    /// punctuation, or a space before a word that is not a unit) — the whole at most 11 digits. "QQ 266151535 1元一条"
    /// stays a QQ number and a price.
    /// </summary>
    private static bool TailGroup(ReadOnlySpan<char> lower, int at, int gap, int count)
    {
        if (gap != at + 1 || lower[at] != ' ')
        {
            return false;
        }

        var end = gap;
        while (end < lower.Length && char.IsAsciiDigit(lower[end]))
        {
            end++;
        }

        if (end == gap || end - gap > 5 || count + (end - gap) > 11)
        {
            return false;
        }

        return end >= lower.Length || lower[end] is '\n' or '\r' or '，' or ',' or '。' or '!' or '！' or ')' or '）' || (lower[end] == ' ' && !UnitAfter(lower, end));
    }

    /// <summary>Where <paramref name="cue"/> ends if it starts at <paramref name="i"/>, allowing one space between
    /// its characters ("Q Q", "威 信", "V X": sellers split cues to slip past keyword filters); -1 if it does not.</summary>
    private static int MatchCue(ReadOnlySpan<char> lower, int i, string cue)
    {
        var at = i;
        for (var k = 0; k < cue.Length; k++)
        {
            if (k > 0 && at < lower.Length && lower[at] == ' ' && cue[k] != ' ' && at + 1 < lower.Length && lower[at + 1] == cue[k])
            {
                at++;
            }

            if (at >= lower.Length || lower[at] != cue[k])
            {
                return -1;
            }

            at++;
        }

        return at;
    }

    private static void TryBare(ReadOnlySpan<char> folded, ReadOnlySpan<char> lower, int i, List<FoundHandle> found)
    {
        var c = lower[i];
        if (c == 't' && (i == 0 || !IsWordChar(lower[i - 1])))
        {
            foreach (var prefix in (ReadOnlySpan<string>)["t.me/", "telegram.me/"])
            {
                if (lower[i..].StartsWith(prefix, StringComparison.Ordinal))
                {
                    var end = ReadTelegram(lower, i + prefix.Length, out var user);
                    if (end > 0)
                    {
                        found.Add(new FoundHandle("telegram", user, i, end, false));
                        return;
                    }
                }
            }

            var tron = ReadTron(folded, i);
            if (tron > 0)
            {
                found.Add(new FoundHandle("usdt", folded[i..tron].ToString(), i, tron, false));
                return;
            }
        }

        if (c == '@' && (i == 0 || !IsEmailChar(lower[i - 1])))
        {
            var end = ReadTelegram(lower, i + 1, out var user);
            if (end > 0)
            {
                found.Add(new FoundHandle("telegram", user, i, end, false));
            }

            return;
        }

        if (c == '@')
        {
            // An e-mail address: walk back over the local part.
            var start = i;
            while (start > 0 && IsEmailChar(lower[start - 1]) && !Covered(found, start - 1))
            {
                start--;
            }

            var end = ReadEmail(lower, start, out var email);
            if (end > 0)
            {
                found.Add(new FoundHandle("email", email, start, end, false));
            }

            return;
        }

        if (c == '0' && i + 42 <= lower.Length && lower[i + 1] == 'x' && (i == 0 || !IsWordChar(lower[i - 1])))
        {
            var hex = lower.Slice(i + 2, 40);
            if (!hex.ContainsAnyExcept(LowerHex) && (i + 42 == lower.Length || !IsWordChar(lower[i + 42])))
            {
                found.Add(new FoundHandle("usdt", lower.Slice(i, 42).ToString(), i, i + 42, false));
            }

            return;
        }

        if (char.IsAsciiDigit(c) && (i == 0 || !char.IsAsciiDigit(lower[i - 1])))
        {
            // A mobile, maybe grouped ("138 0000 3377"), then 微信同号 / 同微.
            Span<char> digits = stackalloc char[16];
            var end = ReadDigits(lower, i, digits, out var n);
            if (end < 0 || n != 11 || (end < lower.Length && char.IsAsciiDigit(lower[end])))
            {
                return;
            }

            var rest = lower[end..];
            var trimmed = rest.TrimStart(" (（");
            if (trimmed.StartsWith("微信同号", StringComparison.Ordinal) || trimmed.StartsWith("同微", StringComparison.Ordinal))
            {
                Span<char> canonical = stackalloc char[16];
                if (MobileNumber.Check(digits[..11], canonical).IsValid)
                {
                    var suffix = trimmed.StartsWith("微信同号", StringComparison.Ordinal) ? 4 : 2;
                    var stop = end + (rest.Length - trimmed.Length) + suffix;
                    if (stop < lower.Length && lower[stop] is ')' or '）')
                    {
                        stop++;
                    }

                    found.Add(new FoundHandle("mobile", canonical[..11].ToString(), i, stop, false));
                }
            }
        }
    }

    private static int ReadValue(ReadOnlySpan<char> folded, ReadOnlySpan<char> lower, int j, Kind kind, out string value)
    {
        value = string.Empty;
        switch (kind)
        {
            case Kind.Qq:
                {
                    Span<char> digits = stackalloc char[16];
                    var end = ReadDigits(lower, j, digits, out var n);
                    if (end < 0 || n is < 5 or > 11 || digits[0] == '0' || (end < lower.Length && char.IsAsciiLetterOrDigit(lower[end]) && DigitValue(lower[end]) < 0))
                    {
                        return -1;
                    }

                    value = digits[..n].ToString();
                    return end;
                }

            case Kind.WeChat:
                {
                    if (j < lower.Length && DigitValue(lower[j]) >= 0 && !char.IsAsciiLetter(lower[j]))
                    {
                        // A number as the WeChat id: a mobile or QQ number, however disguised.
                        Span<char> digits = stackalloc char[16];
                        var numberEnd = ReadDigits(lower, j, digits, out var count);
                        if (numberEnd > 0 && count is >= 6 and <= 15 && (numberEnd >= lower.Length || !char.IsAsciiLetter(lower[numberEnd])))
                        {
                            value = digits[..count].ToString();
                            return numberEnd;
                        }
                    }

                    var end = j;
                    Span<char> id = stackalloc char[24];
                    var length = 0;
                    while (end < lower.Length && length < id.Length)
                    {
                        var c = lower[end];
                        if (char.IsAsciiLetterOrDigit(c) || c is '_' or '-')
                        {
                            id[length++] = c;
                        }
                        else if (length > 0 && DigitValue(c) >= 0 && end + 1 < lower.Length && char.IsAsciiLetterOrDigit(lower[end + 1]))
                        {
                            id[length++] = (char)('0' + DigitValue(c)); // t7五2t46: a Chinese digit inside the id
                        }
                        else
                        {
                            break;
                        }

                        end++;
                    }

                    var glued = GluedLabel(lower, j, end);
                    end -= glued;
                    length -= glued;

                    // WeChat ids are 6–20 characters and start with a letter.
                    if (length < 6 || length > 20 || (end < lower.Length && (IsWordChar(lower[end]) || lower[end] is '/' or '.' && end + 1 < lower.Length && char.IsAsciiLetter(lower[end + 1]) || lower[end] == '@')))
                    {
                        return -1; // too short or long, or the start of a URL or an address, not an id
                    }

                    var text = id[..length];
                    if ((!char.IsAsciiLetter(text[0]) && text.ContainsAnyExcept(DecimalDigits)) || text is "trc20" or "erc20" or "usdt" or "email" or "telegram")
                    {
                        return -1;
                    }

                    value = text.ToString();
                    return end;
                }

            case Kind.Telegram:
                return ReadTelegram(lower, j, out value);

            case Kind.Mobile:
                {
                    var at = j;
                    if (lower[at..].StartsWith("+86", StringComparison.Ordinal))
                    {
                        at += 3;
                        while (at < lower.Length && lower[at] is ' ' or '-')
                        {
                            at++;
                        }
                    }

                    Span<char> digits = stackalloc char[16];
                    var end = ReadDigits(lower, at, digits, out var n);
                    var from = n == 13 && digits.StartsWith("86") ? 2 : 0; // "+86 172 3005 4038" after a cue that took the +
                    if (end < 0 || n - from != 11 || (end < lower.Length && char.IsAsciiDigit(lower[end])))
                    {
                        return -1;
                    }

                    Span<char> canonical = stackalloc char[16];
                    if (!MobileNumber.Check(digits.Slice(from, 11), canonical).IsValid)
                    {
                        return -1;
                    }

                    value = canonical[..11].ToString();
                    var trimmed = lower[end..].TrimStart(" (（");
                    if (trimmed.StartsWith("微信同号", StringComparison.Ordinal) || trimmed.StartsWith("同号", StringComparison.Ordinal))
                    {
                        end = lower.Length - trimmed.Length + (trimmed.StartsWith("同号", StringComparison.Ordinal) ? 2 : 4);
                        if (end < lower.Length && lower[end] is ')' or '）')
                        {
                            end++;
                        }
                    }

                    return end;
                }

            case Kind.Email:
                return ReadEmail(lower, j, out value);

            default:
                {
                    var tron = ReadTron(folded, j);
                    if (tron > 0)
                    {
                        value = folded[j..tron].ToString();
                        return tron;
                    }

                    if (j + 42 <= lower.Length && lower[j..].StartsWith("0x", StringComparison.Ordinal) && !lower.Slice(j + 2, 40).ContainsAnyExcept(LowerHex))
                    {
                        value = lower.Slice(j, 42).ToString();
                        return j + 42;
                    }

                    return -1;
                }
        }
    }

    private static int ReadTelegram(ReadOnlySpan<char> lower, int j, out string value)
    {
        value = string.Empty;
        var end = j;
        while (end < lower.Length && (char.IsAsciiLetterOrDigit(lower[end]) || lower[end] == '_'))
        {
            end++;
        }

        end -= GluedLabel(lower, j, end);
        var n = end - j;
        if (n is < 5 or > 32 || !char.IsAsciiLetter(lower[j]))
        {
            return -1;
        }

        value = lower[j..end].ToString();
        return end;
    }

    private static int ReadEmail(ReadOnlySpan<char> lower, int start, out string value)
    {
        value = string.Empty;
        var end = start;
        while (end < lower.Length && (IsEmailChar(lower[end]) || lower[end] == '@'))
        {
            end++;
        }

        while (end > start && lower[end - 1] is '.' or '-')
        {
            end--;
        }

        var candidate = lower[start..end];
        if (candidate.IndexOf('@') <= 0)
        {
            return -1;
        }

        Span<char> canonical = stackalloc char[320];
        if (candidate.Length > 254 || !EmailAddress.Check(candidate, canonical).IsValid)
        {
            return -1;
        }

        value = candidate.ToString();
        return end;
    }

    private static int ReadTron(ReadOnlySpan<char> folded, int j)
    {
        if (j + TronAddress.Length > folded.Length || folded[j] != 'T')
        {
            return -1;
        }

        var end = j + TronAddress.Length;
        if (end < folded.Length && char.IsAsciiLetterOrDigit(folded[end]))
        {
            return -1;
        }

        return TronAddress.IsValid(folded[j..end]) ? end : -1;
    }

    private static int Digits(ReadOnlySpan<char> text, int j)
    {
        while (j < text.Length && char.IsAsciiDigit(text[j]))
        {
            j++;
        }

        return j;
    }

    private static bool IsWordChar(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';

    private static bool IsEmailChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '%' or '+' or '-';
}
