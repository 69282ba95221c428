using Tracemark.Identifiers;

namespace Tracemark.Scanning.Analysis;

/// <summary>
/// Resident IDs and mobiles as one 64-bit key each: a mobile's 11 digits, or an ID's first 17 digits (the check
/// character follows from them). The top bits say which, so the two never collide. Other kinds get a 64-bit hash
/// of their canonical value (collisions are negligible below billions of values).
/// </summary>
internal static class IdentifierKey
{
    private const long MobileTag = 1L << 60;
    private const long IdTag = 2L << 60;
    private const long ValueMask = (1L << 60) - 1;

    /// <summary>The linking key for a canonical mobile or resident ID; false for other kinds.</summary>
    public static bool TryLinkKey(IdentifierKind kind, ReadOnlySpan<char> canonical, out long key)
    {
        switch (kind)
        {
            case IdentifierKind.Mobile:
                key = MobileTag | Digits(canonical);
                return true;
            case IdentifierKind.ResidentId:
                key = IdTag | Digits(canonical[..17]);
                return true;
            default:
                key = 0;
                return false;
        }
    }

    public static bool IsResidentId(long key) => (key & ~ValueMask) == IdTag;

    public static bool IsMobile(long key) => (key & ~ValueMask) == MobileTag;

    /// <summary>The 17 leading digits of an ID key, written into <paramref name="digits"/>.</summary>
    public static void IdDigits(long key, Span<char> digits)
    {
        var v = key & ValueMask;
        for (var i = 16; i >= 0; i--)
        {
            digits[i] = (char)('0' + (v % 10));
            v /= 10;
        }
    }

    /// <summary>A 64-bit hash of a kind and canonical value for distinct counting (FNV-1a, then a finalizing mix).</summary>
    public static ulong Hash(IdentifierKind kind, ReadOnlySpan<char> canonical)
    {
        var h = 14695981039346656037UL ^ (ulong)kind;
        foreach (var c in canonical)
        {
            h = (h ^ c) * 1099511628211UL;
        }

        h ^= h >> 33;
        h *= 0xff51afd7ed558ccdUL;
        h ^= h >> 33;
        return h;
    }

    private static long Digits(ReadOnlySpan<char> s)
    {
        long v = 0;
        foreach (var c in s)
        {
            v = (v * 10) + (c - '0');
        }

        return v;
    }
}
