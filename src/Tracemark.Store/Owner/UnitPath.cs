namespace Tracemark.Store.Owner;

/// <summary>
/// Units are paths of the owner's organisation (`outlet-07/route-03`). A unit covers another when it equals it or is
/// a prefix of it at a `/`: `outlet-07` covers `outlet-07/route-03` but not `outlet-070`.
/// </summary>
public static class UnitPath
{
    /// <summary>Trims spaces and slashes at either end and drops empty segments; null for an empty unit.</summary>
    public static string? Normalize(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var parts = text.Split('/', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return parts.Length == 0 ? null : string.Join('/', parts);
    }

    /// <summary><paramref name="unit"/> equals <paramref name="other"/> or is a prefix of it at a `/` (both normalized).</summary>
    public static bool Covers(string unit, string other)
    {
        ArgumentNullException.ThrowIfNull(unit);
        ArgumentNullException.ThrowIfNull(other);
        return other.StartsWith(unit, StringComparison.Ordinal) && (other.Length == unit.Length || other[unit.Length] == '/');
    }
}
