using System.Globalization;

namespace Tracemark.Intel.Posts;

/// <summary>Post times: ISO 8601 or "yyyy-MM-dd HH:mm:ss"; a time without an offset is China time (UTC+8).</summary>
internal static class PostTime
{
    public static readonly TimeSpan China = TimeSpan.FromHours(8);

    public static DateTimeOffset? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var hasOffset = text.EndsWith('Z') || (text.Length > 19 && (text[^6] is '+' or '-'));
        if (hasOffset && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var withOffset))
        {
            return withOffset;
        }

        if (DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), China);
        }

        return long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var unix) && unix is > 0 and < 100_000_000_000
            ? DateTimeOffset.FromUnixTimeSeconds(unix).ToOffset(China)
            : null;
    }
}
