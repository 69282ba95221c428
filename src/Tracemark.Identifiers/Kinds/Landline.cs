using Tracemark.Identifiers.Reference;
using Tracemark.Identifiers.Text;

namespace Tracemark.Identifiers.Kinds;

/// <summary>What a valid landline number consists of.</summary>
public readonly record struct LandlineFacts(string AreaCode, string? City, string? Extension);

/// <summary>
/// Fixed-line number: 0 + area code + local number. Area codes 010 and 020–029 have two digits after the 0, all
/// others (03xx–09xx) three; only assigned codes are accepted, each with the local-number lengths it has (0571: 8
/// digits, 0759: 7), from libphonenumber's metadata (<see cref="AreaCodes"/>). Local numbers start 2–9.
/// Accepts +86/0086 (area code then written without its 0, or with it in parentheses: +86 (0)10 …), parentheses,
/// spaces, dashes, and an extension after
/// 转, 分机, ext, x or #, or as a trailing dash group ("010-12345678-123"). Canonical form: "0755-88888888".
/// </summary>
public static class Landline
{
    /// <summary>Longest canonical form: 4-digit area code, dash, 8 digits.</summary>
    public const int MaxLength = 13;

    private const int WorkLength = 48;

    /// <summary>Folds and validates; writes the canonical form to <paramref name="canonical"/> (at least 13 long).</summary>
    public static Verdict Check(ReadOnlySpan<char> raw, Span<char> canonical)
    {
        Span<char> work = stackalloc char[WorkLength];
        var verdict = Parse(raw, work, out var parts);
        if (!verdict.IsValid)
        {
            return verdict;
        }

        var area = work[parts.Area];
        var local = work[parts.Local];
        area.CopyTo(canonical);
        canonical[area.Length] = '-';
        local.CopyTo(canonical[(area.Length + 1)..]);
        return verdict;
    }

    /// <summary>Whether local numbers under <paramref name="areaCode"/> (with its trunk 0, e.g. "0571") may have
    /// <paramref name="digits"/> digits; false for an unassigned code.</summary>
    public static bool HasLocalLength(ReadOnlySpan<char> areaCode, int digits) =>
        areaCode is ['0', .. var rest] && int.TryParse(rest, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number)
        && digits is >= 0 and < 32 && AreaCodes.TryGet(number, out var code) && (code.LocalLengths & (1 << digits)) != 0;

    /// <summary>Area code, city for the two-digit codes, and extension of a valid raw number.</summary>
    public static LandlineFacts Describe(ReadOnlySpan<char> raw)
    {
        Span<char> work = stackalloc char[WorkLength];
        if (!Parse(raw, work, out var parts).IsValid)
        {
            throw new ArgumentException("not a valid landline number", nameof(raw));
        }

        var area = work[parts.Area].ToString();
        var extension = work[parts.Extension];
        return new LandlineFacts(area, CityOf(area), extension.IsEmpty ? null : extension.ToString());
    }

    private static string? CityOf(string area) =>
        AreaCodes.TryGet(Ascii.Digits(area.AsSpan(1)), out var code) && code.City.Length > 0 ? code.City : null;

    private readonly record struct Parts(Range Area, Range Local, Range Extension);

    // Collects digits into work[0..], remembering where the last dash/space group began, then splits.
    private static Verdict Parse(ReadOnlySpan<char> raw, Span<char> work, out Parts parts)
    {
        const IdentifierKind kind = IdentifierKind.Landline;
        parts = default;
        Span<char> folded = stackalloc char[WorkLength];
        var n = Fold.Compact(raw, folded, Strip.None);
        if (n < 0)
        {
            return Verdict.Fail(kind, Problem.Length, raw.Length);
        }

        var s = folded[..n];
        var extAt = IndexOfExtension(s, out var extStart);
        var main = extAt >= 0 ? s[..extAt] : s;
        var count = 0;
        var lastGroup = 0;
        var groups = 0;
        var inGroup = false;
        var plus = false;
        for (var i = 0; i < main.Length; i++)
        {
            var c = main[i];
            if (Ascii.IsDigit(c))
            {
                if (count >= WorkLength / 2)
                {
                    return Verdict.Fail(kind, Problem.Length, raw.Length);
                }

                if (!inGroup)
                {
                    groups++;
                    lastGroup = count;
                }

                work[count++] = c;
                inGroup = true;
            }
            else if (c is ' ' or '-' or '(' or ')' or '.')
            {
                inGroup = false;
            }
            else if (c == '+' && count == 0)
            {
                plus = true;
            }
            else
            {
                return Verdict.Fail(kind, Problem.Character, i + 1, c);
            }
        }

        if (count == 0)
        {
            return Verdict.Fail(kind, Problem.Empty);
        }

        // International form drops the trunk 0: +86 10 1234 5678 → 010-12345678.
        var start = 0;
        var country = plus && work[..count].StartsWith("86") ? 2 : work[..count].StartsWith("0086") ? 4 : 0;
        if (country > 0)
        {
            if (count == country || (work[country] == '0' && (count == country + 1 || work[country + 1] == '0')))
            {
                return Verdict.Fail(kind, Problem.AreaCode, 2);
            }

            if (work[country] == '0')
            {
                // +86 (0)10 …: the trunk 0 written in parentheses after the country code.
                start = country;
            }
            else
            {
                start = country - 1;
                work[start] = '0';
            }
        }

        var verdict = Split(work[start..count], out var areaLength);
        var end = count;
        if (!verdict.IsValid && verdict.Problem == Problem.LocalNumber && extAt < 0 && groups >= 3 && lastGroup > start)
        {
            // "010-12345678-123": the trailing group is an extension.
            var retry = Split(work[start..lastGroup], out areaLength);
            if (retry.IsValid)
            {
                verdict = retry;
                end = lastGroup;
            }
        }

        if (!verdict.IsValid)
        {
            return verdict;
        }

        var extension = new Range(count, count);
        if (end < count)
        {
            extension = new Range(end, count);
        }
        else if (extAt >= 0)
        {
            var extFrom = count;
            foreach (var c in s[extStart..])
            {
                if (Ascii.IsDigit(c) && count < WorkLength)
                {
                    work[count++] = c;
                }
            }

            extension = new Range(extFrom, count);
        }

        parts = new Parts(new Range(start, start + areaLength), new Range(start + areaLength, end), extension);
        return Verdict.Valid(kind, end - start + 1);
    }

    private static Verdict Split(ReadOnlySpan<char> d, out int areaLength)
    {
        const IdentifierKind kind = IdentifierKind.Landline;
        areaLength = 0;
        if (d[0] != '0' || d.Length < 2)
        {
            return Verdict.Fail(kind, Problem.Shape);
        }

        switch (d[1])
        {
            case '0':
                return Verdict.Fail(kind, Problem.AreaCode, 2);
            case '1' when d.Length < 3 || d[2] != '0':
                return Verdict.Fail(kind, Problem.AreaCode, 3);
            case '1' or '2':
                areaLength = 3;
                break;
            default:
                areaLength = 4;
                break;
        }

        if (d.Length < areaLength)
        {
            return Verdict.Fail(kind, Problem.LocalNumber, 0, 0);
        }

        var areaNumber = Ascii.Digits(d[1..areaLength]);
        if (!AreaCodes.TryGet(areaNumber, out var area))
        {
            return Verdict.Fail(kind, Problem.UnassignedAreaCode, areaNumber, areaLength - 1);
        }

        var localDigits = d.Length - areaLength;
        if (localDigits >= 16 || (area.LocalLengths & (1 << localDigits)) == 0)
        {
            return Verdict.Fail(kind, Problem.LocalNumber, localDigits, areaNumber);
        }

        return (area.FirstDigits & (1 << (d[areaLength] - '0'))) == 0
            ? Verdict.Fail(kind, Problem.LocalNumberStart, d[areaLength] - '0')
            : Verdict.Valid(kind, d.Length + 1);
    }

    private static int IndexOfExtension(ReadOnlySpan<char> s, out int extStart)
    {
        ReadOnlySpan<string> markers = ["转", "分机", "ext.", "ext", "EXT", "Ext", "x", "X", "#"];
        foreach (var m in markers)
        {
            var at = s.IndexOf(m.AsSpan(), StringComparison.Ordinal);
            if (at > 0)
            {
                extStart = at + m.Length;
                return at;
            }
        }

        extStart = -1;
        return -1;
    }
}
