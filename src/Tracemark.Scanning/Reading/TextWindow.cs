using System.Text;
using System.Text.Unicode;

namespace Tracemark.Scanning.Reading;

/// <summary>
/// Decoded text from a stream, exposed as a window of characters that parsers consume from the front and refill
/// at the back. The window grows to hold a whole record, up to <see cref="MaxWindow"/>; beyond that parsers must
/// consume in pieces, so memory is bounded whatever the input (a 1 GB single line included).
/// </summary>
internal sealed class TextWindow : IDisposable
{
    /// <summary>The largest window: records longer than this are read in pieces.</summary>
    public const int MaxWindow = 4 * 1024 * 1024;

    /// <summary>The largest window of raw bytes: room for <see cref="MaxWindow"/> characters of three-byte UTF-8.</summary>
    public const int MaxByteWindow = 3 * MaxWindow;

    private const int ByteChunk = 256 * 1024;

    private readonly Stream _stream;
    private readonly Decoder _decoder;
    private byte[] _bytes = new byte[ByteChunk];
    private int _validated;
    private Decoder? _counter;
    private char[]? _counted;
    private int _byteStart;
    private int _byteEnd;
    private bool _streamDone;
    private char[] _chars = new char[128 * 1024];
    private int _start;
    private int _end;

    public TextWindow(Stream stream, Decoder decoder, ReadOnlySpan<byte> alreadyRead)
    {
        _stream = stream;
        _decoder = decoder;
        alreadyRead.CopyTo(_bytes);
        _byteEnd = alreadyRead.Length;
        BytesRead = alreadyRead.Length;
    }

    /// <summary>Characters decoded and not yet consumed.</summary>
    public ReadOnlySpan<char> Available => _chars.AsSpan(_start, _end - _start);

    /// <summary>True when the stream is exhausted and every decoded character is in <see cref="Available"/>.</summary>
    public bool AtEnd => _streamDone && _byteStart == _byteEnd;

    /// <summary>Bytes read from the stream so far.</summary>
    public long BytesRead { get; private set; }

    /// <summary>U+FFFD characters produced for invalid byte sequences.</summary>
    public long Replacements { get; private set; }

    /// <summary>Consumes <paramref name="count"/> characters from the front.</summary>
    public void Advance(int count) => _start += count;

    /// <summary>
    /// Decodes more text so that more than the currently available characters are there, growing the window up
    /// to <see cref="MaxWindow"/>. Returns false when nothing more could be added (end of input, or the window is
    /// full of unconsumed text).
    /// </summary>
    public bool Fill()
    {
        if (AtEnd)
        {
            return false;
        }

        if (_start > 0)
        {
            _chars.AsSpan(_start, _end - _start).CopyTo(_chars);
            _end -= _start;
            _start = 0;
        }

        if (_end > _chars.Length - 1024)
        {
            if (_chars.Length >= MaxWindow)
            {
                return false;
            }

            Array.Resize(ref _chars, Math.Min(MaxWindow, _chars.Length * 2));
        }

        var before = _end;
        while (_end == before && !AtEnd)
        {
            if (_byteStart == _byteEnd && !_streamDone)
            {
                _byteStart = 0;
                _byteEnd = _stream.Read(_bytes, 0, _bytes.Length);
                BytesRead += _byteEnd;
                _streamDone = _byteEnd == 0;
            }

            _decoder.Convert(_bytes, _byteStart, _byteEnd - _byteStart, _chars, _end, _chars.Length - _end, _streamDone, out var used, out var produced, out _);
            _byteStart += used;
            Count(_chars.AsSpan(_end, produced));
            _end += produced;
        }

        return _end > before;
    }

    private void Count(ReadOnlySpan<char> decoded) => Replacements += decoded.Count('\uFFFD');

    // Raw UTF-8 mode: a reader of UTF-8 input may take the bytes themselves instead of decoded characters (JSON Lines
    // feeds them to Utf8JsonReader, which would otherwise get them re-encoded from the decoded text). A reader uses
    // one mode or the other for the whole stream.

    /// <summary>Raw mode: bytes read and not yet consumed.</summary>
    public ReadOnlySpan<byte> AvailableBytes => _bytes.AsSpan(_byteStart, _byteEnd - _byteStart);

    /// <summary>Raw mode: true when the stream is exhausted (every byte is in <see cref="AvailableBytes"/>).</summary>
    public bool BytesAtEnd => _streamDone;

    /// <summary>Raw mode: true once a byte sequence that is not UTF-8 was read (readers then check what they take).</summary>
    public bool InvalidUtf8Seen { get; private set; }

    /// <summary>Starts raw mode: the bytes already read (the sniffed head) are checked as later reads will be.</summary>
    public void BeginBytes() => CountInvalid();

    /// <summary>Raw mode: consumes <paramref name="count"/> bytes from the front.</summary>
    public void AdvanceBytes(int count) => _byteStart += count;

    /// <summary>
    /// Raw mode: reads more bytes, growing the window up to <see cref="MaxByteWindow"/>. Returns false at the end of
    /// input or when the window is full of unconsumed bytes. Invalid sequences are counted in
    /// <see cref="Replacements"/> as they are read, as decoding would have counted them.
    /// </summary>
    public bool FillBytes()
    {
        if (_streamDone)
        {
            return false;
        }

        if (_byteStart > 0)
        {
            _bytes.AsSpan(_byteStart, _byteEnd - _byteStart).CopyTo(_bytes);
            _byteEnd -= _byteStart;
            _validated -= _byteStart;
            _byteStart = 0;
        }

        if (_byteEnd > _bytes.Length - 1024)
        {
            if (_bytes.Length >= MaxByteWindow)
            {
                return false;
            }

            Array.Resize(ref _bytes, Math.Min(MaxByteWindow, _bytes.Length * 2));
        }

        var read = _stream.Read(_bytes, _byteEnd, _bytes.Length - _byteEnd);
        BytesRead += read;
        _byteEnd += read;
        _streamDone = read == 0;
        CountInvalid();
        return read > 0;
    }

    // Counts U+FFFD as the decoder would have produced them for the bytes read since the last call: a sequence cut
    // at the end of what was read waits for the next read. Valid UTF-8 (the usual case) is checked with one
    // vectorized pass and only literal U+FFFD characters are counted.
    private void CountInvalid()
    {
        var end = _streamDone ? _byteEnd : CompleteEnd(_bytes.AsSpan(_validated, _byteEnd - _validated)) + _validated;
        var fresh = _bytes.AsSpan(_validated, end - _validated);
        if (!InvalidUtf8Seen && Utf8.IsValid(fresh))
        {
            Replacements += fresh.Count("\uFFFD"u8);
        }
        else
        {
            // From the first invalid sequence on, a decoder counts: it carries a broken sequence's state to the next read.
            InvalidUtf8Seen = true;
            _counter ??= new UTF8Encoding(false, false).GetDecoder();
            _counted ??= new char[ByteChunk];
            do
            {
                _counter.Convert(fresh, _counted, _streamDone, out var used, out var produced, out _);
                Replacements += _counted.AsSpan(0, produced).Count('\uFFFD');
                fresh = fresh[used..];
            }
            while (!fresh.IsEmpty);
        }

        _validated = end;
    }

    // The length of the bytes up to the start of a multi-byte sequence that is cut off at their end.
    private static int CompleteEnd(ReadOnlySpan<byte> bytes)
    {
        for (var back = 1; back <= Math.Min(3, bytes.Length); back++)
        {
            var b = bytes[^back];
            if ((b & 0xC0) == 0x80)
            {
                continue;
            }

            var needed = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
            return needed > back ? bytes.Length - back : bytes.Length;
        }

        return bytes.Length;
    }

    public void Dispose() => _stream.Dispose();
}
