using Tracemark.Identifiers.Reference;
using Tracemark.Identifiers.Text;

namespace Tracemark.Identifiers.Kinds;

/// <summary>What a name's structure tells.</summary>
public readonly record struct PersonNameFacts(Surname? Surname, string GivenName, bool Transliterated);

/// <summary>
/// A person's name in Chinese characters: a surname from the table (compound ones such as 欧阳 first) and 1–3
/// given-name characters; or a transliterated name whose parts are joined by a middle dot (买买提·艾力). Many
/// ordinary words have this shape too, so callers need a name column or context (客户, 户名, 先生/女士).
/// Canonical form: the characters without spaces, middle dots folded to U+00B7.
/// </summary>
public static class PersonName
{
    /// <summary>Longest name accepted (transliterated names run long).</summary>
    public const int MaxLength = 24;

    /// <summary>Folds and validates; writes the name to <paramref name="canonical"/> (at least 24 long).</summary>
    public static Verdict Check(ReadOnlySpan<char> raw, Span<char> canonical)
    {
        const IdentifierKind kind = IdentifierKind.Name;
        Span<char> buf = stackalloc char[MaxLength + 1];
        var n = Fold.Compact(raw, buf, Strip.Spaces);
        if (n == 0)
        {
            return Verdict.Fail(kind, Problem.Empty);
        }

        if (n < 0 || n > MaxLength)
        {
            return Verdict.Fail(kind, Problem.Length, n < 0 ? raw.Length : n);
        }

        var s = buf[..n];
        var dots = 0;
        for (var i = 0; i < n; i++)
        {
            if (s[i] == '·' && i > 0 && i < n - 1 && s[i - 1] != '·')
            {
                dots++;
            }
            else if (!IsHan(s[i]))
            {
                return Verdict.Fail(kind, s[i] == '·' ? Problem.Shape : Problem.Character, i + 1, s[i]);
            }
        }

        if (dots == 0)
        {
            if (n is < 2 or > 5)
            {
                return Verdict.Fail(kind, Problem.Length, n);
            }

            if (!Surnames.TryMatch(s, out var surname) || n - surname.Text.Length > 3)
            {
                return Verdict.Fail(kind, Problem.Surname);
            }
        }
        else if (n < 4)
        {
            return Verdict.Fail(kind, Problem.Length, n);
        }

        s.CopyTo(canonical);
        return Verdict.Valid(kind, n);
    }

    /// <summary>Surname and given name of a canonical name.</summary>
    public static PersonNameFacts Describe(ReadOnlySpan<char> canonical)
    {
        if (canonical.Contains('·'))
        {
            return new PersonNameFacts(null, canonical.ToString(), true);
        }

        return Surnames.TryMatch(canonical, out var surname)
            ? new PersonNameFacts(surname, canonical[surname.Text.Length..].ToString(), false)
            : throw new ArgumentException("not a valid canonical name", nameof(canonical));
    }

    /// <summary>CJK unified ideographs (basic block and extension A).</summary>
    public static bool IsHan(char c) => c is (>= '\u4E00' and <= '\u9FFF') or (>= '\u3400' and <= '\u4DBF');
}
