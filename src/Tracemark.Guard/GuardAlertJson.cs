using System.Globalization;

namespace Tracemark.Guard;

/// <summary>
/// Writes an alert as the record `tracemark guard --json` prints, a webhook receives and the store's ledger keeps,
/// and reads one back. The record is a contract of Tracemark.Reports, which Guard must not reference (layering), so
/// the follower takes the writer from its caller (the CLI passes one backed by the Reports record).
/// </summary>
public interface IGuardAlertCodec
{
    /// <summary>The alert as one line of JSON.</summary>
    string Write(GuardAlert alert);

    /// <summary>The alert again from a line <see cref="Write"/> wrote.</summary>
    GuardAlert Read(string json);
}

/// <summary>
/// How an alert's times are written in its record: ISO 8601 to the second with the offset (docs/guard.md). Shared by
/// every <see cref="IGuardAlertCodec"/> and the text table so that they cannot drift apart.
/// </summary>
public static class GuardAlertTime
{
    private const string Format = "yyyy-MM-ddTHH:mm:sszzz";

    /// <summary>The time as the record writes it, e.g. 2025-09-24T22:04:47+00:00.</summary>
    public static string Text(DateTimeOffset time) => time.ToString(Format, CultureInfo.InvariantCulture);

    /// <summary>A time <see cref="Text"/> wrote, with its offset.</summary>
    public static DateTimeOffset Parse(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);
}

/// <summary>What identifies an alert in the store's ledger.</summary>
public static class GuardAlertKey
{
    /// <summary>
    /// An alert's channel, the start of its span and when it was raised. It does not change when the alert later
    /// grows (its end) or is sharpened (its kind), and a deterministic replay of the same rows raises it with the same key.
    /// </summary>
    public static string Of(GuardAlert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        return $"{alert.Channel}|{alert.From.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)}|{alert.FirstAlert.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)}";
    }
}
