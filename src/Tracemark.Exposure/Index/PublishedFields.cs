using Tracemark.Identifiers;

namespace Tracemark.Exposure.Index;

/// <summary>
/// The fields that leaked together in one record, as a bitset over the kinds that are published fields (those whose
/// <see cref="KindSpec.PublishField"/> is set), in registry order. Its size follows the registry, one byte per eight
/// fields, so no kind can fall off the end: a fixed 16-bit mask once silently dropped kinds numbered 16 and above.
/// </summary>
internal static class PublishedFields
{
    private static readonly KindSpec[] Fields = [.. KindSpecs.All.Where(s => s.PublishField is not null)];

    // By the kind's value (the enum is a byte): its bit, or -1 when the kind is not a published field.
    private static readonly short[] Bits = BuildBits();

    /// <summary>Bytes of one record's set.</summary>
    public static int Bytes { get; } = (Fields.Length + 7) / 8;

    /// <summary>The field names in bit order: a spool written under another list is not resumed.</summary>
    public static string Layout { get; } = string.Join(",", Fields.Select(f => f.PublishField));

    /// <summary>Adds <paramref name="kind"/> to <paramref name="set"/> when it is a published field.</summary>
    public static void Add(Span<byte> set, IdentifierKind kind)
    {
        var bit = Bits[(byte)kind];
        if (bit >= 0)
        {
            set[bit >> 3] |= (byte)(1 << (bit & 7));
        }
    }

    /// <summary>Adds every field of <paramref name="other"/> to <paramref name="set"/>.</summary>
    public static void Union(Span<byte> set, ReadOnlySpan<byte> other)
    {
        for (var i = 0; i < set.Length; i++)
        {
            set[i] |= other[i];
        }
    }

    /// <summary>The names of the fields in <paramref name="set"/>, in registry order.</summary>
    public static string[] Names(ReadOnlySpan<byte> set)
    {
        var names = new List<string>();
        for (var bit = 0; bit < Fields.Length; bit++)
        {
            if ((set[bit >> 3] & (1 << (bit & 7))) != 0)
            {
                names.Add(Fields[bit].PublishField!);
            }
        }

        return [.. names];
    }

    private static short[] BuildBits()
    {
        var bits = new short[byte.MaxValue + 1];
        Array.Fill(bits, (short)-1);
        for (var i = 0; i < Fields.Length; i++)
        {
            bits[(byte)Fields[i].Kind] = (short)i;
        }

        return bits;
    }
}
