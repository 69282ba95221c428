using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace Tracemark.Guard;

/// <summary>
/// An access row's time from its UTF-8 bytes, as Unix seconds: the same instant DateTimeOffset.TryParse gives (invariant
/// culture; no offset means UTC). The log's usual forms — yyyy-MM-ddTHH:mm:ss (or a space for the T), optionally
/// followed by Z or ±HH:MM — are read digit by digit without a string; anything else goes through TryParse.
/// </summary>
internal static class AccessTime
{
    public static bool TryParse(ReadOnlySpan<byte> utf8, out long seconds)
    {
        if (TryFast(utf8, out seconds))
        {
            return true;
        }

        if (DateTimeOffset.TryParse(Encoding.UTF8.GetString(utf8), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time))
        {
            seconds = time.ToUnixTimeSeconds();
            return true;
        }

        seconds = 0;
        return false;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool TryFast(ReadOnlySpan<byte> s, out long seconds)
    {
        seconds = 0;
        if (s.Length is not (19 or 20 or 25) || s[4] != '-' || s[7] != '-' || s[10] is not ((byte)'T' or (byte)' ') || s[13] != ':' || s[16] != ':')
        {
            return false;
        }

        if (!Digits(s, 0, 4, out var year) || !Digits(s, 5, 2, out var month) || !Digits(s, 8, 2, out var day)
            || !Digits(s, 11, 2, out var hour) || !Digits(s, 14, 2, out var minute) || !Digits(s, 17, 2, out var second))
        {
            return false;
        }

        if (year is < 1000 or > 9998 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        var offset = 0;
        if (s.Length == 20)
        {
            if (s[19] is not ((byte)'Z' or (byte)'z'))
            {
                return false;
            }
        }
        else if (s.Length == 25)
        {
            if (s[19] is not ((byte)'+' or (byte)'-') || s[22] != ':' || !Digits(s, 20, 2, out var oh) || !Digits(s, 23, 2, out var om) || oh > 14 || om > 59 || (oh == 14 && om > 0))
            {
                return false;
            }

            offset = ((oh * 60) + om) * 60 * (s[19] == '-' ? -1 : 1);
        }

        var ticks = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Utc).Ticks;
        seconds = ((ticks - DateTime.UnixEpoch.Ticks) / TimeSpan.TicksPerSecond) - offset;
        return true;
    }

    private static bool Digits(ReadOnlySpan<byte> s, int start, int count, out int value)
    {
        value = 0;
        for (var i = start; i < start + count; i++)
        {
            var d = s[i] - '0';
            if ((uint)d > 9)
            {
                return false;
            }

            value = (value * 10) + d;
        }

        return true;
    }
}
