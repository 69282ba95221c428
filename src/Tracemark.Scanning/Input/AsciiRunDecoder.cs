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
/// Where that decoder holds no state, a two-byte character (lead 0x81–0xFE, trail 0x40–0x7E or 0x80–0xFE; the
/// four-byte forms' second byte is a digit, so the two never overlap) is looked up in a table made from the framework
/// decoder's own output for every such pair: a dump's names and addresses are mostly two-byte characters, and the
/// framework's state machine took 5 % of a dump scan's CPU (issue 16). Pairs it does not map to one character
/// (unassigned, invalid) still go through it.
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
                // Two-byte characters one after another (a dump's names and addresses) are looked up in a loop of
                // their own: a vectorized search for the next ASCII byte before each of them cost more than the
                // lookup (3 % of a dump scan, issue 16).
                while (b + 1 < bytes.Length && c < chars.Length && bytes[b] >= 0x80)
                {
                    var pair = Pair(bytes[b], bytes[b + 1]);
                    if (pair == '\0')
                    {
                        break;
                    }

                    chars[c++] = pair;
                    b += 2;
                }

                if (b == bytes.Length || c == chars.Length)
                {
                    break;
                }

                if (bytes[b] < 0x80)
                {
                    var rest = bytes[b..];
                    var run = rest.IndexOfAnyInRange((byte)0x80, (byte)0xFF);
                    run = Math.Min(run < 0 ? rest.Length : run, chars.Length - c);
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

    private const int Trails = 0xFF - 0x40; // trail bytes 0x40–0xFE (0x7F is no trail: its entries stay empty)

    // The character of each two-byte pair as the framework decodes it alone, or '\0' when it gives anything else.
    private static readonly char[] Pairs = BuildPairs();

    private static char Pair(byte lead, byte trail)
    {
        var l = (uint)(lead - 0x81);
        var t = (uint)(trail - 0x40);
        return l < 0xFE - 0x81 + 1 && t < Trails ? Pairs[(l * Trails) + t] : '\0';
    }

    // Decodes every pair once, each followed by a line feed (never a GB18030 trail byte), so that a pair the framework
    // does not take as one character cannot disturb the next: a pair is kept when its line holds one character other
    // than U+FFFD. About 24,000 pairs, decoded in one call when the first GB18030 input is read.
    private static char[] BuildPairs()
    {
        var leads = 0xFE - 0x81 + 1;
        var bytes = new byte[leads * Trails * 3];
        var n = 0;
        for (var lead = 0x81; lead <= 0xFE; lead++)
        {
            for (var trail = 0x40; trail <= 0xFE; trail++)
            {
                bytes[n++] = (byte)lead;
                bytes[n++] = (byte)trail;
                bytes[n++] = (byte)'\n';
            }
        }

        var text = Sniffer.EncodingFor(TextEncoding.Gb18030).GetString(bytes).AsSpan();
        var table = new char[leads * Trails];
        for (var i = 0; i < table.Length; i++)
        {
            var line = text.IndexOf('\n');
            if (line == 1 && text[0] != '\uFFFD' && (i % Trails) != 0x7F - 0x40)
            {
                table[i] = text[0];
            }

            text = text[(line + 1)..];
        }

        return table;
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
