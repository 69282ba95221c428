using System.Collections.Frozen;

namespace Tracemark.Identifiers.Reference;

/// <summary>What an allocated number segment is used for.</summary>
public enum SegmentUse
{
    /// <summary>Personal 11-digit mobile numbers.</summary>
    Mobile,
    /// <summary>11-digit data-only SIMs (145, 147, 149).</summary>
    DataOnly,
    /// <summary>13-digit IoT numbers (1440x, 146, 148): never a personal 11-digit mobile.</summary>
    Iot13,
}

/// <summary>An allocated mobile number segment (prefix of 3–5 digits).</summary>
public sealed record MobileSegment(string Prefix, string Carrier, SegmentUse Use, string? Note);

/// <summary>Mobile segment table (docs/domain.md §2, 2022 allocations plus 19x), loaded once.</summary>
public static class MobileSegments
{
    // Key: prefix length * 100000 + prefix value, so 134 and 1340 never collide.
    private static readonly FrozenDictionary<int, MobileSegment> ByPrefix = Load();

    // First three digits that begin at least one personal (non-IoT) segment, for masked numbers like 138****8000.
    private static readonly bool[] PersonalStarts = BuildStarts();

    /// <summary>Every segment, ordered by prefix.</summary>
    public static IReadOnlyList<MobileSegment> All { get; } = [.. ByPrefix.Values.OrderBy(s => s.Prefix, StringComparer.Ordinal)];

    /// <summary>Finds the segment of a number given as ASCII digits (at least 5), trying 5-, 4- then 3-digit prefixes.</summary>
    public static bool TryFind(ReadOnlySpan<char> digits, out MobileSegment segment)
    {
        for (var len = 5; len >= 3; len--)
        {
            if (digits.Length >= len && ByPrefix.TryGetValue((len * 100000) + Ascii.Digits(digits[..len]), out segment!))
            {
                return true;
            }
        }

        segment = null!;
        return false;
    }

    /// <summary>True when three ASCII digits begin some segment of personal or data-only numbers.</summary>
    public static bool BeginsPersonalSegment(ReadOnlySpan<char> first3) =>
        first3.Length == 3 && Ascii.AllDigits(first3) && PersonalStarts[Ascii.Digits(first3)];

    private static bool[] BuildStarts()
    {
        var starts = new bool[1000];
        foreach (var s in ByPrefix.Values)
        {
            if (s.Use != SegmentUse.Iot13)
            {
                starts[Ascii.Digits(s.Prefix.AsSpan(0, 3))] = true;
            }
        }

        return starts;
    }

    private static FrozenDictionary<int, MobileSegment> Load()
    {
        var map = new Dictionary<int, MobileSegment>();
        foreach (var row in Tsv.Read("mobile-segments.tsv"))
        {
            var use = row[2] switch
            {
                "mobile" => SegmentUse.Mobile,
                "data" => SegmentUse.DataOnly,
                "iot13" => SegmentUse.Iot13,
                _ => throw new InvalidDataException($"mobile-segments.tsv: unknown use '{row[2]}' for {row[0]}"),
            };
            var note = row.Length > 3 && row[3].Length > 0 ? row[3] : null;
            map[(row[0].Length * 100000) + Ascii.Digits(row[0])] = new MobileSegment(row[0], row[1], use, note);
        }

        return map.ToFrozenDictionary();
    }
}
