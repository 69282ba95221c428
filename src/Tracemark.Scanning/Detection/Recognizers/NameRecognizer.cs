using System.Collections.Frozen;
using Tracemark.Identifiers;
using Tracemark.Identifiers.Kinds;
using Tracemark.Identifiers.Reference;

namespace Tracemark.Scanning.Detection.Recognizers;

/// <summary>
/// Names in free text. Many ordinary words are surname + one or two characters, so a name needs evidence: a word
/// before it (客户, 户名, 收件人, 联系人 …), an honorific after it (先生, 女士), or an identifier right next to it
/// (张三 13812345678, 张三----138…). A run of Chinese characters is cut where a known word begins, so 客户张三手机
/// gives 张三.
/// </summary>
internal static class NameRecognizer
{
    public const float WithContext = 0.9f;

    public const float NextToIdentifier = 0.75f;

    /// <summary>Next to a number shaped like a phone or ID that did not validate (a mistyped mobile).</summary>
    public const float NextToNumber = 0.6f;

    /// <summary>Words before a name (客户, 户名, 收件人 …): the kind's context words.</summary>
    public static readonly string[] Before = [.. KindSpecs.For(IdentifierKind.Name).Context];

    /// <summary>Surnames by rank that cover about 85 % of people; rarer ones are often ordinary words (要, 和, 于).</summary>
    public const int CommonSurnames = 100;

    public static readonly string[] Honorifics = ["先生", "女士", "小姐"];

    /// <summary>Remarks that brokers put after a victim's name (docs/domain.md §1: 有资金需求 marks targets of loan fraud).</summary>
    public static readonly string[] After = ["有资金需求", "急用钱", "需要资金", "缺钱", "要贷款", "想贷款", "有贷款需求"];

    // Words that end a name inside a run of Chinese characters (客户张三手机 → 张三). Surnames such as 和 are not here.
    private static readonly string[] Stops =
    [
        "手机", "电话", "身份证", "证件", "号码", "地址", "住址", "卡号", "银行", "邮箱", "有资金", "资金", "需求", "急用", "先生", "女士", "小姐",
        "联系", "性别", "出生", "年龄", "微信", "已经", "今天", "需要", "要的", "的", "是", "在", "与", "已", "男", "女", "电", "手",
    ];

    /// <summary>
    /// The name at the start of <paramref name="run"/> (Chinese characters only): the longest 2–4 character prefix
    /// that is a valid name and is followed by the run's end or a stop word; else a 3- or 2-character valid prefix.
    /// Returns its length, 0 when none.
    /// </summary>
    public static int NameAtStart(ReadOnlySpan<char> run, bool requireBoundary)
    {
        Span<char> canonical = stackalloc char[PersonName.MaxLength];

        // A stop word inside the run ends the name there (仇斌先生 → 仇斌, 张三手机 → 张三).
        var limit = run.Length;
        for (var p = 1; p < run.Length; p++)
        {
            if (run[p] != ' ' && StartsWithStop(run[p..]))
            {
                limit = p;
                break;
            }
        }

        run = run[..limit];
        for (var n = Math.Min(run.Contains(' ') ? 5 : 4, run.Length); n >= 2; n--)
        {
            if (IsName(run[..n], canonical) && (n == run.Length || StartsWithStop(run[n..])))
            {
                return n;
            }
        }

        if (requireBoundary)
        {
            return 0;
        }

        // Without a boundary the prefix is a guess: only with a common surname, or 客户要求加急 gives 要求加 (要 is a
        // surname too, and the ordinary words after a name word are many).
        if (!Surnames.TryMatch(run, out var surname) || surname.Rank > CommonSurnames)
        {
            return 0;
        }

        foreach (var n in (ReadOnlySpan<int>)[3, 2])
        {
            if (run.Length >= n && IsName(run[..n], canonical))
            {
                return n;
            }
        }

        return 0;
    }

    /// <summary>True when a victim remark follows position <paramref name="end"/> across spaces (张三 有资金需求).</summary>
    public static bool FollowedByMarker(ReadOnlySpan<char> text, int end)
    {
        var i = end;
        while (i < text.Length && text[i] is ' ' or '\t' or ',' or '，')
        {
            i++;
        }

        if (i == end)
        {
            return false;
        }

        foreach (var m in After)
        {
            if (text[i..].StartsWith(m, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    // Word lists indexed by first (stops) and last (context) character: most characters start or end no word, so the
    // common case is one dictionary probe instead of comparing every word.
    private static readonly FrozenDictionary<char, string[]> StopsByFirst =
        Stops.GroupBy(w => w[0]).ToFrozenDictionary(g => g.Key, g => g.ToArray());

    private static readonly FrozenDictionary<char, string[]> BeforeByLast =
        Before.GroupBy(w => w[^1]).ToFrozenDictionary(g => g.Key, g => g.ToArray());

    /// <summary>True when a stop word begins <paramref name="text"/>.</summary>
    public static bool StartsWithStop(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty || !StopsByFirst.TryGetValue(text[0], out var words))
        {
            return false;
        }

        foreach (var w in words)
        {
            if (text.StartsWith(w, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The recognizer's name in explanations.</summary>
    public const string Name = "NameRecognizer";

    /// <summary>The context word <paramref name="text"/> ends with (the constant, so that explaining allocates nothing), or null.</summary>
    public static string? ContextWordEnding(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty || !BeforeByLast.TryGetValue(text[^1], out var words))
        {
            return null;
        }

        foreach (var w in words)
        {
            if (text.EndsWith(w, StringComparison.Ordinal))
            {
                return w;
            }
        }

        return null;
    }

    /// <summary>Length of the name-context word that <paramref name="text"/> ends with, or 0.</summary>
    public static int EndsWithContext(ReadOnlySpan<char> text) => ContextWordEnding(text)?.Length ?? 0;

    private static bool IsName(ReadOnlySpan<char> text, Span<char> canonical) =>
        !StartsWithStop(text) && PersonName.Check(text, canonical).IsValid;

    /// <summary>The kind reported for a name, masked when it contains mask characters.</summary>
    public static IdentifierKind KindOf(ReadOnlySpan<char> text) => text.Contains('*') ? IdentifierKind.NameMasked : IdentifierKind.Name;
}
