using Tracemark.Identifiers.Reference;

namespace Tracemark.Identifiers;

/// <summary>
/// How identifiers appear in terminal and HTML output unless the user asks to reveal them: enough left to tell
/// values apart and to check a hit by eye (the masked forms Chinese receipts and exports use), never enough to use.
/// </summary>
public static class Masking
{
    /// <summary>Masks a value of <paramref name="kind"/> (canonical or as written), by the kind's own rule (<see cref="KindSpec.Mask"/>).</summary>
    public static string Mask(IdentifierKind kind, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Length == 0 ? value : KindSpecs.For(kind).Mask(value);
    }

    /// <summary>Masks text whose kind is unknown: first two and last two characters stay.</summary>
    public static string MaskUnknown(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Length <= 4 ? new string('*', value.Length) : Keep(value, 2, 2);
    }

    internal static string Keep(string value, int head, int tail) =>
        string.Concat(value.AsSpan(0, head), new string('*', value.Length - head - tail), value.AsSpan(value.Length - tail));

    // The surname stays (欧阳**, not 欧***): it is what victims and investigators recognize, and it says little.
    internal static string MaskName(string value)
    {
        var keep = Surnames.TryMatch(value, out var surname) && surname.Text.Length < value.Length ? surname.Text.Length : 1;
        return string.Concat(value.AsSpan(0, keep), new string('*', value.Length - keep));
    }

    internal static string MaskEmail(string value)
    {
        var at = value.IndexOf('@', StringComparison.Ordinal);
        if (at <= 0)
        {
            return MaskUnknown(value);
        }

        var keep = at >= 3 ? 2 : 1;
        return string.Concat(value.AsSpan(0, keep), "***", value.AsSpan(at));
    }

    // The region part of an address is shown (it is what a victim count by province needs); the rest is hidden.
    internal static string MaskAddress(string value)
    {
        RegionNames.Resolve(value, out var consumed);
        var keep = consumed > 0 ? consumed : Math.Min(3, value.Length / 3);
        return string.Concat(value.AsSpan(0, keep), "****");
    }

    // The area code stays: it says where a line is, not whose.
    internal static string MaskLandline(string value) =>
        value.IndexOf('-', StringComparison.Ordinal) is > 0 and var dash
            ? value[..(dash + 1)] + new string('*', Math.Max(0, value.Length - dash - 3)) + value[^2..]
            : MaskUnknown(value);
}
