using System.Text;

namespace Tracemark.Guard;

/// <summary>
/// Dictionary keys as UTF-8 bytes, looked up by a span of a log's or a database's bytes: a name already seen costs a
/// hash of its bytes and no decoding to UTF-16 (docs/benchmarks.md, guard).
/// </summary>
internal sealed class Utf8Keys : IEqualityComparer<byte[]>, IAlternateEqualityComparer<ReadOnlySpan<byte>, byte[]>
{
    public static readonly Utf8Keys Instance = new();

    public static Dictionary<byte[], int> Map() => new(Instance);

    public bool Equals(byte[]? x, byte[]? y) => x is null ? y is null : y is not null && x.AsSpan().SequenceEqual(y);

    public int GetHashCode(byte[] obj) => GetHashCode((ReadOnlySpan<byte>)obj);

    public bool Equals(ReadOnlySpan<byte> alternate, byte[] other) => alternate.SequenceEqual(other);

    public int GetHashCode(ReadOnlySpan<byte> alternate)
    {
        var hash = default(HashCode);
        hash.AddBytes(alternate);
        return hash.ToHashCode();
    }

    public byte[] Create(ReadOnlySpan<byte> alternate) => alternate.ToArray();

    /// <summary>The key of a string.</summary>
    public static byte[] Of(string text) => Encoding.UTF8.GetBytes(text);
}
