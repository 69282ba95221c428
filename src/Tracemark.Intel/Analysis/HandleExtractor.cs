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
        ("qq号", Kind.Qq, false), ("qq", Kind.Qq, true), ("扣扣", Kind.Qq, false), ("企鹅", Kind.Qq, false), ("q号", Kind.Qq, false), ("q群", Kind.Qq, false), ("q", Kind.Qq, true),
        ("微信号", Kind.WeChat, false), ("微信", Kind.WeChat, false), ("威信", Kind.WeChat, false), ("薇信", Kind.WeChat, false), ("v信", Kind.WeChat, false), ("vx", Kind.WeChat, true), ("wx", Kind.WeChat, true), ("加微", Kind.WeChat, false), ("薇", Kind.WeChat, false), ("v", Kind.WeChat, true),
        ("telegram", Kind.Telegram, true), ("纸飞机", Kind.Telegram, false), ("飞机", Kind.Telegram, false), ("电报", Kind.Telegram, false), ("tg", Kind.Telegram, true),
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

        for (var h = 0; h < found.Count; h++)
        {
            var from = Math.Max(0, found[h].Start - 8);
            var before = lower[from..found[h].Start];
            if (before.Contains("担保", StringComparison.Ordinal) || before.Contains("中介", StringComparison.Ordinal))
            {
                found[h] = found[h] with { Escrow = true };
            }
        }
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

            if (ascii && i > 0 && IsWordChar(lower[i - 1]))
            {
                continue;
            }

            // 实名微信号 and 微信老号 are goods (accounts for sale), not a contact cue.
            if (kind == Kind.WeChat && (lower[..i].EndsWith("实名", StringComparison.Ordinal) || lower[..i].EndsWith('老')))
            {
                continue;
            }

            var j = cueEnd;
            var separated = false;
            while (j < lower.Length && j - cueEnd < 4 && lower[j] is ' ' or ':' or '：' or '=' or '-' or '(' or '（' or '【' or '[' or '\t')
            {
                j++;
                separated = true;
            }

            if (j < lower.Length && lower[j] == '@')
            {
                j++;
                separated = true;
            }

            // A one-letter cue (Q, V) needs a separator or a digit straight after it, or it is just a letter; a
            // one-character Chinese cue (薇) needs a colon: 汪薇 is a name.
            if (cue.Length == 1 && !separated && (j >= lower.Length || !char.IsAsciiDigit(lower[j])))
            {
                continue;
            }

            if (cue.Length == 1 && !ascii && !lower[(i + 1)..j].ContainsAny(':', '：'))
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
            return true;
        }

        return false;
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

        if (char.IsAsciiDigit(c) && (i == 0 || !char.IsAsciiDigit(lower[i - 1])) && i + 11 <= lower.Length)
        {
            var end = i + 11;
            if (end < lower.Length && char.IsAsciiDigit(lower[end]))
            {
                return;
            }

            var rest = lower[end..];
            var trimmed = rest.TrimStart(" (（");
            if (trimmed.StartsWith("微信同号", StringComparison.Ordinal) || trimmed.StartsWith("同微", StringComparison.Ordinal))
            {
                Span<char> canonical = stackalloc char[16];
                if (MobileNumber.Check(lower.Slice(i, 11), canonical).IsValid)
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
                    var end = Digits(lower, j);
                    var n = end - j;
                    if (n is < 5 or > 11 || lower[j] == '0')
                    {
                        return -1;
                    }

                    value = lower[j..end].ToString();
                    return end;
                }

            case Kind.WeChat:
                {
                    var end = j;
                    while (end < lower.Length && (char.IsAsciiLetterOrDigit(lower[end]) || lower[end] is '_' or '-') && end - j <= 20)
                    {
                        end++;
                    }

                    var n = end - j;
                    if (n < 5 || n > 20 || (end < lower.Length && (IsWordChar(lower[end]) || lower[end] is ':' or '/' or '.' or '@')))
                    {
                        return -1; // too short or long, or the start of a URL or an address, not an id
                    }

                    var id = lower[j..end];
                    if ((!char.IsAsciiLetter(id[0]) && id.ContainsAnyExcept(DecimalDigits)) || id is "trc20" or "erc20" or "usdt" or "email" or "telegram")
                    {
                        return -1;
                    }

                    value = id.ToString();
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
                    }

                    var end = Digits(lower, at);
                    if (end - at != 11)
                    {
                        return -1;
                    }

                    Span<char> canonical = stackalloc char[16];
                    if (!MobileNumber.Check(lower[at..end], canonical).IsValid)
                    {
                        return -1;
                    }

                    value = canonical[..11].ToString();
                    var trimmed = lower[end..].TrimStart(" (（");
                    if (trimmed.StartsWith("微信同号", StringComparison.Ordinal))
                    {
                        end = lower.Length - trimmed.Length + 4;
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
