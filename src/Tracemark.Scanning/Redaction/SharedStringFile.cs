using System.Buffers.Binary;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace Tracemark.Scanning.Redaction;

/// <summary>
/// A workbook's shared-string table kept on disk for random access by index: the texts as UTF-8 in one temporary
/// file, their end offsets (8 bytes each) in another, and a small direct-mapped cache in memory for the strings a
/// sheet repeats (a bank's name, a city). The table can hold millions of distinct strings (a leak's names and
/// addresses), so keeping it in memory — as a list or the SDK's DOM — would grow with the file; this stays at the
/// cache's size. Both files are deleted when it is disposed (or the process ends).
/// </summary>
internal sealed class SharedStringFile : IDisposable
{
    private const int CacheSize = 4096;
    private readonly FileStream _texts;
    private readonly FileStream _ends;
    private readonly int[] _cachedIndex = new int[CacheSize];
    private readonly string?[] _cachedText = new string?[CacheSize];
    private readonly byte[] _offsets = new byte[16];
    private byte[] _buffer = new byte[256];
    private long _written;
    private bool _sealed;

    public SharedStringFile()
    {
        _texts = Temporary();
        _ends = Temporary();
        Array.Fill(_cachedIndex, -1);
    }

    /// <summary>The number of strings added.</summary>
    public int Count { get; private set; }

    /// <summary>Appends the next string (index <see cref="Count"/>).</summary>
    public void Add(string text)
    {
        if (_sealed)
        {
            throw new InvalidOperationException("strings are added before any is read");
        }

        var length = Encoding.UTF8.GetByteCount(text);
        if (_buffer.Length < length)
        {
            _buffer = new byte[Math.Max(length, _buffer.Length * 2)];
        }

        Encoding.UTF8.GetBytes(text, _buffer);
        _texts.Write(_buffer, 0, length);
        _written += length;
        Span<byte> end = stackalloc byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(end, _written);
        _ends.Write(end);
        Count++;
    }

    /// <summary>The string at <paramref name="index"/> (0 ≤ index &lt; <see cref="Count"/>).</summary>
    public string Get(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
        var slot = index & (CacheSize - 1);
        if (_cachedIndex[slot] == index)
        {
            return _cachedText[slot]!;
        }

        if (!_sealed)
        {
            _texts.Flush();
            _ends.Flush();
            _sealed = true;
        }

        long start = 0;
        long end;
        if (index == 0)
        {
            ReadExactly(_ends.SafeFileHandle, _offsets.AsSpan(0, 8), 0);
            end = BinaryPrimitives.ReadInt64LittleEndian(_offsets);
        }
        else
        {
            ReadExactly(_ends.SafeFileHandle, _offsets, (index - 1) * 8L);
            start = BinaryPrimitives.ReadInt64LittleEndian(_offsets);
            end = BinaryPrimitives.ReadInt64LittleEndian(_offsets.AsSpan(8));
        }

        var length = checked((int)(end - start));
        if (_buffer.Length < length)
        {
            _buffer = new byte[Math.Max(length, _buffer.Length * 2)];
        }

        ReadExactly(_texts.SafeFileHandle, _buffer.AsSpan(0, length), start);
        var text = Encoding.UTF8.GetString(_buffer, 0, length);
        _cachedIndex[slot] = index;
        _cachedText[slot] = text;
        return text;
    }

    public void Dispose()
    {
        _texts.Dispose();
        _ends.Dispose();
    }

    private static void ReadExactly(SafeFileHandle handle, Span<byte> into, long offset)
    {
        while (!into.IsEmpty)
        {
            var read = RandomAccess.Read(handle, into, offset);
            if (read == 0)
            {
                throw new EndOfStreamException("shared-string spill file ended early");
            }

            into = into[read..];
            offset += read;
        }
    }

    private static FileStream Temporary() =>
        new(Path.Combine(Path.GetTempPath(), $"tracemark-sst-{Guid.NewGuid():N}.tmp"), FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
}
