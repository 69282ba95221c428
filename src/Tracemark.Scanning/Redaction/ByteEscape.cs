using System.Text;

namespace Tracemark.Scanning.Redaction;

/// <summary>
/// Lossless decoding for rewriting a file: a byte that does not decode becomes a private-use character U+10FF00 +
/// the byte (Python's surrogateescape idea, with a valid code point), and the writer turns it back into that byte. So
/// decode → redact → encode gives back every byte outside the replaced values, even in a file with broken bytes.
/// (U+10FF00–U+10FFFF, the last 256 code points of Supplementary Private Use Area-B, do not occur in leaked files; a
/// file that holds them would be written with single bytes in their place.)
/// </summary>
internal static class ByteEscape
{
    private const char High = '\uDBFF';
    private const char LowBase = '\uDF00';

    /// <summary>The file's encoding with escaping decoding (the encoder never meets an unencodable character).</summary>
    public static Encoding For(Input.TextEncoding encoding)
    {
        var e = (Encoding)Input.Sniffer.EncodingFor(encoding).Clone();
        e.DecoderFallback = new Fallback();
        return e;
    }

    /// <summary>Encodes <paramref name="text"/>, writing escaped bytes back as themselves.</summary>
    public static void Write(Encoding encoding, ReadOnlySpan<char> text, Stream output, ref byte[] buffer)
    {
        while (!text.IsEmpty)
        {
            var escape = text.IndexOf(High);
            while (escape >= 0 && !(escape + 1 < text.Length && text[escape + 1] >= LowBase && text[escape + 1] <= '\uDFFF'))
            {
                var next = text[(escape + 1)..].IndexOf(High);
                escape = next < 0 ? -1 : escape + 1 + next;
            }

            var run = escape < 0 ? text : text[..escape];
            if (!run.IsEmpty)
            {
                var needed = encoding.GetMaxByteCount(run.Length);
                if (buffer.Length < needed)
                {
                    buffer = new byte[Math.Max(needed, buffer.Length * 2)];
                }

                var n = encoding.GetBytes(run, buffer);
                output.Write(buffer, 0, n);
            }

            if (escape < 0)
            {
                return;
            }

            output.WriteByte((byte)(text[escape + 1] - LowBase));
            text = text[(escape + 2)..];
        }
    }

    private sealed class Fallback : DecoderFallback
    {
        public override int MaxCharCount => 16;

        public override DecoderFallbackBuffer CreateFallbackBuffer() => new Buffer();

        private sealed class Buffer : DecoderFallbackBuffer
        {
            private char[] _chars = new char[16];
            private int _count;
            private int _position;

            public override int Remaining => _count - _position;

            public override bool Fallback(byte[] bytesUnknown, int index)
            {
                if (_chars.Length < bytesUnknown.Length * 2)
                {
                    _chars = new char[bytesUnknown.Length * 2];
                }

                _count = 0;
                _position = 0;
                foreach (var b in bytesUnknown)
                {
                    _chars[_count++] = High;
                    _chars[_count++] = (char)(LowBase + b);
                }

                return true;
            }

            public override char GetNextChar() => _position < _count ? _chars[_position++] : '\0';

            public override bool MovePrevious()
            {
                if (_position == 0)
                {
                    return false;
                }

                _position--;
                return true;
            }

            public override void Reset()
            {
                _count = 0;
                _position = 0;
            }
        }
    }
}
