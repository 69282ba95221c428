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
