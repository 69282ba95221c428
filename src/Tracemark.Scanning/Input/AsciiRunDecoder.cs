using System.Text;

namespace Tracemark.Scanning.Input;

/// <summary>
/// GB18030 decoding that widens runs of ASCII bytes at once (vectorized) and hands only the stretches around other
/// bytes to the framework's decoder, which otherwise takes every byte through its state machine: a dump or a GBK
/// CSV is mostly ASCII digits and separators, and decoding runs on the one reader thread (issue 16).
/// Output is the framework decoder's, character for character: a GB18030 sequence is at most four bytes and its
/// later bytes may be ASCII (two-byte trails 0x40–0x7E, the digits of four-byte forms; an invalid sequence is retried
/// from its second byte), so after a byte ≥ 0x80 the framework's decoder gets everything up to and including the
/// fourth of four consecutive ASCII bytes. The last of those cannot belong to any sequence, so there the framework's
/// decoder holds no state and the next ASCII byte is that character.
/// </summary>
internal sealed class AsciiRunDecoder(Decoder inner) : Decoder
{
    // The inner decoder may hold part of a sequence (a stretch ended without four ASCII bytes, or output ran out).
    private bool _innerBusy;

    public override void Convert(byte[] bytes, int byteIndex, int byteCount, char[] chars, int charIndex, int charCount, bool flush, out int bytesUsed, out int charsUsed, out bool completed) =>
        Convert(bytes.AsSpan(byteIndex, byteCount), chars.AsSpan(charIndex, charCount), flush, out bytesUsed, out charsUsed, out completed);

    public override void Convert(ReadOnlySpan<byte> bytes, Span<char> chars, bool flush, out int bytesUsed, out int charsUsed, out bool completed)
    {
        int b = 0, c = 0;
        var innerCompleted = true;
        while (b < bytes.Length && c < chars.Length)
        {
            if (!_innerBusy)
            {
                var rest = bytes[b..];
                var run = rest.IndexOfAnyInRange((byte)0x80, (byte)0xFF);
                run = Math.Min(run < 0 ? rest.Length : run, chars.Length - c);
                if (run > 0)
                {
                    Ascii.ToUtf16(rest[..run], chars[c..], out _);
                    b += run;
                    c += run;
                    continue;
                }
            }

            // The framework's decoder throws rather than split a surrogate pair over one free character: stop here
            // and let the caller come back with room, as it does when the buffer is full.
            if (c > 0 && chars.Length - c < 2)
            {
                break;
            }

            var end = SafeEnd(bytes, b);
            var last = end < 0;
            var stretch = last ? bytes[b..] : bytes[b..end];
            inner.Convert(stretch, chars[c..], flush && last, out var used, out var produced, out innerCompleted);
            b += used;
            c += produced;
            _innerBusy = used < stretch.Length || (last && !flush);
            if (used < stretch.Length)
            {
                break;
            }
        }

        // Flushing at the end of input: a sequence the inner decoder still holds becomes its replacement characters.
        if (flush && _innerBusy && b == bytes.Length && c < chars.Length)
        {
            inner.Convert(ReadOnlySpan<byte>.Empty, chars[c..], flush: true, out _, out var produced, out innerCompleted);
            c += produced;
            _innerBusy = !innerCompleted;
        }

        bytesUsed = b;
        charsUsed = c;
        completed = b == bytes.Length && (!_innerBusy || innerCompleted);
    }

    // The index just after the first four consecutive ASCII bytes at or after from; -1 when there are none.
    private static int SafeEnd(ReadOnlySpan<byte> bytes, int from)
    {
        var i = from;
        while (true)
        {
            var ascii = bytes[i..].IndexOfAnyInRange((byte)0, (byte)0x7F);
            if (ascii < 0)
            {
                return -1;
            }

            i += ascii;
            var other = bytes[i..].IndexOfAnyInRange((byte)0x80, (byte)0xFF);
            if ((other < 0 ? bytes.Length - i : other) >= 4)
            {
                return i + 4;
            }

            if (other < 0)
            {
                return -1;
            }

            i += other;
        }
    }

    public override int GetChars(byte[] bytes, int byteIndex, int byteCount, char[] chars, int charIndex)
    {
        Convert(bytes, byteIndex, byteCount, chars, charIndex, chars.Length - charIndex, flush: false, out var used, out var produced, out _);
        return used == byteCount ? produced : throw new ArgumentException("the output buffer is too small", nameof(chars));
    }

    // Counting would have to leave the carried state untouched; nothing asks this decoder to count.
    public override int GetCharCount(byte[] bytes, int index, int count) =>
        throw new NotSupportedException("AsciiRunDecoder converts; it does not count");

    public override void Reset()
    {
        inner.Reset();
        _innerBusy = false;
    }
}
