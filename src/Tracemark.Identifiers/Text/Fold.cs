using System.Collections.Concurrent;
using System.Text;

namespace Tracemark.Identifiers.Text;

/// <summary>Which separators <see cref="Fold.Compact"/> drops.</summary>
[Flags]
internal enum Strip
{
    None = 0,
    Spaces = 1,
    Dashes = 2,
    Dots = 4,
    MiddleDots = 8,
    Parentheses = 16,
    /// <summary>Upper-case ASCII letters while copying (ID check character, codes).</summary>
    Upper = 32,
    Numeric = Spaces | Dashes | Dots,
}

/// <summary>
/// Unicode NFKC folding for the characters leaked files actually use (full-width digits and letters,
/// ideographic space, dash variants), plus separator removal, into a caller buffer.
/// Hand-written because string.Normalize allocates per call and identifiers are checked on the scanner's hot path;
/// rare characters fall back to the framework's NFKC through a per-character cache.
/// Public for <see cref="Character"/> only: the scanner folds text with the same table the identifier checks use, so a
/// full-width number is found where it is validated.
/// </summary>
public static class Fold
{
    private static readonly ConcurrentDictionary<char, string> RareCache = new();

    /// <summary>Folds one character. Returns the folded ASCII or BMP character; '\uFFFF' when the NFKC form is longer than one character.</summary>
    public static char Character(char c)
    {
        if (c < 0x80)
        {
            return c;
        }

        // U+FF01..U+FF5E are the full-width forms of U+0021..U+007E; NFKC maps them by this constant offset.
        if (c is >= '\uFF01' and <= '\uFF5E')
        {
            return (char)(c - 0xFEE0);
        }

        switch (c)
        {
            case '\u3000' or '\u00A0' or '\u2002' or '\u2003' or '\u2009' or '\u200B' or '\u202F':
                return ' ';
            case >= '\u2010' and <= '\u2015' or '\u2212' or '\uFE63' or '\uFE58':
                return '-';
            case '\u00B7' or '\u30FB' or '\u2022' or '\uFF65' or '\u2027':
                return '·';
            case '\u3002':
                return '.';
            case >= '\u4E00' and <= '\u9FFF':
                return c; // CJK unified ideographs are NFKC-stable.
            default:
                break;
        }

        if (char.IsSurrogate(c))
        {
            return c;
        }

        // The NFKC form may itself be a character the table above maps further (⁻ → U+2212 → '-', ｡ → 。 → '.');
        // folding it once more keeps folding idempotent. NFKC is idempotent, so this recursion is one level deep.
        var folded = RareCache.GetOrAdd(c, static ch => Nfkc(ch));
        return folded.Length != 1 ? '\uFFFF' : folded[0] == c ? c : Character(folded[0]);
    }

    // Noncharacters (U+FFFE, U+FDD0…) are rejected by string.Normalize; they stay as they are (found by the
    // arbitrary-bytes property test: U+FFFE decoded from a misplaced byte-order mark crashed a scan).
    private static string Nfkc(char c)
    {
        try
        {
            return c.ToString().Normalize(NormalizationForm.FormKC);
        }
        catch (ArgumentException)
        {
            return c.ToString();
        }
    }

    /// <summary>
    /// Copies <paramref name="source"/> into <paramref name="destination"/> folded, dropping the separators in <paramref name="strip"/>
    /// and trimming surrounding white space. Returns the count written, or -1 when it does not fit.
    /// </summary>
    internal static int Compact(ReadOnlySpan<char> source, Span<char> destination, Strip strip)
    {
        // Most identifier values in leaked files (mobiles, resident IDs without X, QQ numbers, cards) are plain ASCII
        // digits, which nothing folds, drops or trims: one vectorized check and a copy instead of a step per
        // character (Compact was 3 % of a JSON Lines scan, issue 16). CompactEach is the general path.
        if (source.Length <= destination.Length && !source.IsEmpty && !source.ContainsAnyExceptInRange('0', '9'))
        {
            source.CopyTo(destination);
            return source.Length;
        }

        // Addresses and names are mostly CJK ideographs, digits and capitals, which folding leaves as they are and no
        // strip drops: that prefix is copied at once and folding starts at the first other character (CompactEach was
        // 2 % of a JSON Lines scan, issue 16). Such a prefix holds no space, so the trimming below is unchanged.
        var plain = PlainPrefix(source, strip);
        if (plain > destination.Length)
        {
            return -1;
        }

        source[..plain].CopyTo(destination);
        return CompactEach(source[plain..], destination, strip, plain);
    }

    // The length of the start of s that CompactEach would copy unchanged.
    private static int PlainPrefix(ReadOnlySpan<char> s, Strip strip)
    {
        var lowerKept = (strip & Strip.Upper) == 0;
        var i = 0;
        for (; i < s.Length; i++)
        {
            var c = s[i];
            if (!((uint)(c - '\u4E00') <= '\u9FFF' - '\u4E00' || char.IsAsciiDigit(c) || char.IsAsciiLetterUpper(c) || (lowerKept && char.IsAsciiLetterLower(c))))
            {
                break;
            }
        }

        return i;
    }

    /// <summary>What <see cref="Compact"/> does, one character at a time, for any input; <paramref name="n"/> characters
    /// already in <paramref name="destination"/> (none of them white space) come first.</summary>
    internal static int CompactEach(ReadOnlySpan<char> source, Span<char> destination, Strip strip, int n = 0)
    {
        foreach (var raw in source)
        {
            // Most characters in identifiers are ASCII: skip the folding table for them.
            var c = raw < 0x80 ? raw : Character(raw);
            if (c != '\uFFFF')
            {
                if (!Append(c, destination, ref n, strip))
                {
                    return -1;
                }

                continue;
            }

            // Multi-character NFKC expansions (⑩ → "10") are rare enough to take the slow path.
            foreach (var e in RareCache[raw])
            {
                var f = Character(e);
                if (f != '\uFFFF' && !Append(f, destination, ref n, strip))
                {
                    return -1;
                }
            }
        }

        // Interior white space was already dropped when Spaces is set; otherwise trim the ends here.
        if ((strip & Strip.Spaces) == 0)
        {
            var start = 0;
            while (start < n && IsSpace(destination[start]))
            {
                start++;
            }

            while (n > start && IsSpace(destination[n - 1]))
            {
                n--;
            }

            if (start > 0)
            {
                destination[start..n].CopyTo(destination);
                n -= start;
            }
        }

        return n;
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static bool Append(char c, Span<char> destination, ref int n, Strip strip)
    {
        if (IsDropped(c, strip))
        {
            return true;
        }

        if ((strip & Strip.Upper) != 0 && c is >= 'a' and <= 'z')
        {
            c = (char)(c - 32);
        }

        if (n >= destination.Length)
        {
            return false;
        }

        destination[n++] = c;
        return true;
    }

    internal static bool IsSpace(char c) => c is ' ' or '\t' or '\r' or '\n';

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static bool IsDropped(char c, Strip strip) => c switch
    {
        ' ' or '\t' or '\r' or '\n' => (strip & Strip.Spaces) != 0,
        '-' or '_' => (strip & Strip.Dashes) != 0,
        '.' => (strip & Strip.Dots) != 0,
        '·' => (strip & Strip.MiddleDots) != 0,
        '(' or ')' => (strip & Strip.Parentheses) != 0,
        _ => false,
    };
}
