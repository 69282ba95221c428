namespace Tracemark.Identifiers;

/// <summary>
/// Small allocation-free helpers over ASCII digits, public for the scanner's per-field checks (column headers, the
/// digits of a resident ID key); framework helpers such as IndexOfAnyExceptInRange allocated on these short spans.
/// </summary>
public static class Ascii
{
    /// <summary>True for '0'..'9' only (not full-width or other Unicode digits).</summary>
    public static bool IsDigit(char c) => (uint)(c - '0') <= 9;

    internal static bool IsUpper(char c) => (uint)(c - 'A') <= 'Z' - 'A';

    /// <summary>True when every character is an ASCII digit (and for an empty span).</summary>
    public static bool AllDigits(ReadOnlySpan<char> s)
    {
        foreach (var c in s)
        {
            if (!IsDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Parses up to 9 ASCII digits.</summary>
    internal static bool TryParseDigits(ReadOnlySpan<char> s, out int value)
    {
        value = 0;
        if (s.Length is 0 or > 9)
        {
            return false;
        }

        foreach (var c in s)
        {
            if (!IsDigit(c))
            {
                value = 0;
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        return true;
    }

    /// <summary>The value of digits known to be ASCII digits; the caller checked them (e.g. with <see cref="AllDigits"/>),
    /// since any other character gives a meaningless value rather than an error.</summary>
    public static int Digits(ReadOnlySpan<char> s)
    {
        var value = 0;
        foreach (var c in s)
        {
            value = (value * 10) + (c - '0');
        }

        return value;
    }

    /// <summary>Index of the first character that is not an ASCII digit, or -1.</summary>
    /// <remarks>A loop, not MemoryExtensions.IndexOfAnyExceptInRange: identifiers are under 20 characters, and that
    /// helper allocated 96 bytes per call here (AllocationTests), which the per-identifier hot path cannot afford.</remarks>
    internal static int IndexOfNonDigit(ReadOnlySpan<char> s)
    {
        for (var i = 0; i < s.Length; i++)
        {
            if (!IsDigit(s[i]))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>True when any character is an ASCII digit.</summary>
    public static bool ContainsDigit(ReadOnlySpan<char> s)
    {
        foreach (var c in s)
        {
            if (IsDigit(c))
            {
                return true;
            }
        }

        return false;
    }
}
