using System.Buffers.Binary;

namespace Tracemark.Store.Tags;

/// <summary>
/// A keyed tag: the first 16 bytes of HMAC-SHA256(store key, kind code ‖ 0x00 ‖ canonical value). Held as two
/// big-endian halves so that ordering tags in memory matches the byte order the databases sort blobs in.
/// </summary>
public readonly record struct Tag(ulong High, ulong Low) : IComparable<Tag>
{
    /// <summary>Bytes of a tag as the databases store it.</summary>
    public const int Size = 16;

    /// <summary>The tag whose big-endian bytes start <paramref name="bytes"/>.</summary>
    public static Tag Read(ReadOnlySpan<byte> bytes) =>
        new(BinaryPrimitives.ReadUInt64BigEndian(bytes), BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]));

    /// <summary>Writes the tag's <see cref="Size"/> big-endian bytes.</summary>
    public void Write(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt64BigEndian(destination, High);
        BinaryPrimitives.WriteUInt64BigEndian(destination[8..], Low);
    }

    public byte[] ToArray()
    {
        var bytes = new byte[Size];
        Write(bytes);
        return bytes;
    }

    public int CompareTo(Tag other)
    {
        var c = High.CompareTo(other.High);
        return c != 0 ? c : Low.CompareTo(other.Low);
    }

    public static bool operator <(Tag left, Tag right) => left.CompareTo(right) < 0;

    public static bool operator <=(Tag left, Tag right) => left.CompareTo(right) <= 0;

    public static bool operator >(Tag left, Tag right) => left.CompareTo(right) > 0;

    public static bool operator >=(Tag left, Tag right) => left.CompareTo(right) >= 0;

    public override string ToString() => $"{High:x16}{Low:x16}";
}

/// <summary>A tag with the kind of identifier it was made from (kept so counts per kind need no plaintext).</summary>
internal readonly record struct TaggedIdentifier(Tag Tag, byte Kind) : IComparable<TaggedIdentifier>
{
    public int CompareTo(TaggedIdentifier other) => Tag.CompareTo(other.Tag);

    /// <summary>Sorts by tag and drops repeats in place; returns how many distinct remain.</summary>
    public static int SortDistinct(Span<TaggedIdentifier> items)
    {
        if (items.Length == 0)
        {
            return 0;
        }

        items.Sort();
        var n = 1;
        for (var i = 1; i < items.Length; i++)
        {
            if (items[i].Tag != items[n - 1].Tag)
            {
                items[n++] = items[i];
            }
        }

        return n;
    }
}
