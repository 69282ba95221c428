namespace Tracemark.Scanning.Detection;

/// <summary>
/// Reads the date and time a record happened from the forms leaks carry: 2025-03-01 08:15:00, 2025/3/1 8:15,
/// 2025-03-01T08:15:00+08:00, 2025年3月1日, 20250301. Hand-written over the span because it runs on every value of
/// a time column and DateTime.TryParse allocates and accepts far more than a record time looks like.
/// </summary>
public static class RecordTime
{
    // Outside these years a value is a placeholder (1900-01-01, 9999-12-31), not when a record happened.
    private const int MinYear = 1990;
    private const int MaxYear = 2100;

    /// <summary>The time <paramref name="text"/> names, in one of the forms above, as the wall time the record says (a
    /// trailing fraction or zone is ignored); false for anything else or a year outside 1990–2100. Public for the owner's access-log import.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out DateTime time)
    {
        time = default;
        var i = 0;
        if (!Number(text, ref i, 4, 4, out var year) || year is < MinYear or > MaxYear)
        {
            return false;
        }

        int month, day;
        if (i < text.Length && text[i] is '-' or '/' or '.' or '年')
        {
            var separator = text[i++];
            if (!Number(text, ref i, 1, 2, out month))
            {
                return false;
            }

            var expected = separator == '年' ? '月' : separator;
            if (i >= text.Length || text[i] != expected)
            {
                return false;
            }

            i++;
            if (!Number(text, ref i, 1, 2, out day))
            {
                return false;
            }

            if (separator == '年' && i < text.Length && text[i] == '日')
            {
                i++;
            }
        }
        else if (!Number(text, ref i, 2, 2, out month) || !Number(text, ref i, 2, 2, out day))
        {
            return false;
        }

        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        int hour = 0, minute = 0, second = 0;
        if (i < text.Length && text[i] is ' ' or 'T')
        {
            i++;
            if (!Number(text, ref i, 1, 2, out hour) || i >= text.Length || text[i] != ':')
            {
                return false;
            }

            i++;
            if (!Number(text, ref i, 2, 2, out minute))
            {
                return false;
            }

            if (i < text.Length && text[i] == ':')
            {
                i++;
                if (!Number(text, ref i, 2, 2, out second))
                {
                    return false;
                }
            }

            if (hour > 23 || minute > 59 || second > 59)
            {
                return false;
            }

            // Fractions and a zone (".123", "Z", "+08:00") follow; the local wall time is what the record says.
            while (i < text.Length && (char.IsAsciiDigit(text[i]) || text[i] is '.' or 'Z' or '+' or '-' or ':'))
            {
                i++;
            }
        }

        if (i != text.Length)
        {
            return false;
        }

        time = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Unspecified);
        return true;
    }

    private static bool Number(ReadOnlySpan<char> text, ref int i, int min, int max, out int value)
    {
        value = 0;
        var start = i;
        while (i < text.Length && i - start < max && char.IsAsciiDigit(text[i]))
        {
            value = (value * 10) + (text[i] - '0');
            i++;
        }

        return i - start >= min;
    }
}
