using System.Text;

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

    private const int ByteChunk = 256 * 1024;

    private readonly Stream _stream;
    private readonly Decoder _decoder;
    private readonly byte[] _bytes = new byte[ByteChunk];
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

    public void Dispose() => _stream.Dispose();
}
