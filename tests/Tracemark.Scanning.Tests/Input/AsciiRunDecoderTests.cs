using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Tracemark.Scanning.Input;
using Tracemark.Tests;

namespace Tracemark.Scanning.Tests.Input;

/// <summary>The GB18030 decoder with ASCII runs widened at once gives the framework decoder's characters, whatever the bytes and however they arrive.</summary>
public sealed class AsciiRunDecoderTests
{
    // The scanner's own GB18030 (invalid sequences become U+FFFD, which the readers count).
    private static readonly Encoding Gb18030 = Sniffer.EncodingFor(TextEncoding.Gb18030);

    // Pieces that make the hard cases: two-byte characters whose trail byte is an ASCII letter (GBK 0x40–0x7E), four-byte
    // forms with ASCII digit bytes (U+3400, a supplementary character), lone and misplaced lead bytes, 0x80 and 0xFF,
    // a lead byte before a digit that does not continue as a four-byte form, and runs of ASCII of every length.
    private static readonly byte[][] Pieces =
    [
        .. new[] { "张", "三", "丂", "乣", "㐀", "€", "😀", "路", "·", "\u3000", "１" }.Select(Gb18030.GetBytes),
        "0"u8.ToArray(), "1"u8.ToArray(), "a"u8.ToArray(), "@"u8.ToArray(), "-"u8.ToArray(), "\n"u8.ToArray(),
        "----"u8.ToArray(), "13800138000"u8.ToArray(),
        [0x81], [0xFE], [0x80], [0xFF], [0x81, 0x30], [0x81, 0x30, 0x81], [0x81, 0x30, 0x41, 0x30], [0x81, 0x7F], [0x81, 0x20],
    ];

    // Any two bytes from the lead and trail ranges and around them: assigned and unassigned pairs, 0x7F, four-byte starts.
    private static Gen<byte[]> AnyPair => Gen.Zip(Gen.Choose(0x7F, 0xFF), Gen.Choose(0x2F, 0xFF)).Select(p => new[] { (byte)p.Item1, (byte)p.Item2 });

    private static Gen<byte[]> Bytes => Gen.ListOf(Gen.OneOf(Gen.Elements(Pieces), Gen.Elements(Pieces), AnyPair)).Select(ps => ps.SelectMany(p => p).ToArray());

    [Fact]
    public void Gives_the_framework_decoders_characters_for_any_bytes_chunks_and_output_room() =>
        Properties.Hold(Gen.Zip(Bytes, Gen.Zip(Gen.NonEmptyListOf(Gen.Choose(1, 40)), Gen.Choose(4, 64))), input =>
        {
            var (bytes, (chunks, room)) = input;
            var expected = Drive(Gb18030.GetDecoder(), bytes, [.. chunks], room);
            var actual = Drive(new AsciiRunDecoder(Gb18030.GetDecoder()), bytes, [.. chunks], room);
            Assert.Equal(expected, actual);
        }, count: 3000);

    [Fact]
    public void Every_two_byte_pair_alone_and_between_ascii_decodes_as_the_framework_decodes_it()
    {
        for (var lead = 0x80; lead <= 0xFF; lead++)
        {
            for (var trail = 0x30; trail <= 0xFF; trail++)
            {
                byte[] alone = [(byte)lead, (byte)trail];
                byte[] between = [(byte)'a', (byte)lead, (byte)trail, (byte)'1', (byte)lead, (byte)trail, (byte)lead];
                Assert.Equal(Gb18030.GetString(alone), Drive(new AsciiRunDecoder(Gb18030.GetDecoder()), alone, [2], 8));
                Assert.Equal(Drive(Gb18030.GetDecoder(), between, [3], 8), Drive(new AsciiRunDecoder(Gb18030.GetDecoder()), between, [3], 8));
            }
        }
    }

    [Fact]
    public void A_dump_line_decodes_as_the_framework_decodes_it()
    {
        var bytes = Gb18030.GetBytes("孙武----19771149953----131127199802261656\n㐀😀----15085802312\n");
        Assert.Equal(Gb18030.GetString(bytes), Drive(new AsciiRunDecoder(Gb18030.GetDecoder()), bytes, [7, 300], 1024));
    }

    [Fact]
    public void A_lead_byte_left_at_the_end_is_flushed_as_the_framework_flushes_it()
    {
        byte[] bytes = [.. "13800138000"u8, 0x81];
        Assert.Equal(Drive(Gb18030.GetDecoder(), bytes, [12], 64), Drive(new AsciiRunDecoder(Gb18030.GetDecoder()), bytes, [12], 64));
        Assert.Equal("13800138000\uFFFD", Drive(new AsciiRunDecoder(Gb18030.GetDecoder()), bytes, [12], 64));
    }

    // Feeds the bytes in chunks of the given sizes (cycled), as the text window reads a stream, into an output buffer of
    // the given room, flushing at the end.
    private static string Drive(Decoder decoder, byte[] bytes, int[] chunks, int room)
    {
        var text = new StringBuilder();
        var output = new char[room];
        var position = 0;
        var chunk = 0;
        do
        {
            var size = Math.Min(chunks[chunk++ % chunks.Length], bytes.Length - position);
            var flush = position + size == bytes.Length;
            var rest = bytes.AsSpan(position, size);
            while (true)
            {
                decoder.Convert(rest, output, flush, out var used, out var produced, out _);
                text.Append(output, 0, produced);
                rest = rest[used..];
                if (rest.IsEmpty && produced == 0)
                {
                    break;
                }

                Assert.True(used > 0 || produced > 0, "no progress");
            }

            position += size;
        }
        while (position < bytes.Length);

        return text.ToString();
    }
}
