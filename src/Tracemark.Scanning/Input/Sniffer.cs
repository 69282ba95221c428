using System.Text;
using System.Text.Unicode;

namespace Tracemark.Scanning.Input;

/// <summary>What kind of container the bytes are.</summary>
internal enum Container
{
    /// <summary>Decodable text (CSV, TSV, JSON, plain text).</summary>
    Text,
    /// <summary>A zip archive (a workbook when it holds xl/workbook.xml).</summary>
    Zip,
    /// <summary>An OLE2 compound file: a legacy .xls workbook.</summary>
    Ole2,
    /// <summary>Anything else: images, executables, compressed files Tracemark does not open.</summary>
    Binary,
    /// <summary>No bytes at all.</summary>
    Empty,
}

/// <summary>Text encodings leaked files come in.</summary>
internal enum TextEncoding
{
    Utf8,
    Utf16Le,
    Utf16Be,
    Gb18030,
}

/// <summary>The verdict on a file's first bytes.</summary>
internal sealed record Sniffed(Container Container, TextEncoding Encoding, int BomLength, string? BinaryType = null);

/// <summary>
/// Tells containers and text encodings apart from the first bytes (content, not the extension). Text without a
/// byte-order mark is UTF-16 when its zero bytes fall on alternate positions, UTF-8 when the bytes are valid UTF-8,
/// and GB18030 (a superset of GBK) otherwise; many zero or control bytes mean binary.
/// </summary>
internal static class Sniffer
{
    /// <summary>How many leading bytes the sniffer wants.</summary>
    public const int SampleSize = 64 * 1024;

    private static readonly Encoding Gb18030;

    static Sniffer()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        Gb18030 = Encoding.GetEncoding(54936, EncoderFallback.ReplacementFallback, new DecoderReplacementFallback("\uFFFD"));
    }

    private static readonly (byte[] Magic, string Name)[] BinaryMagic =
    [
        ([0x25, 0x50, 0x44, 0x46], "PDF document"),
        ([0x89, 0x50, 0x4E, 0x47], "PNG image"),
        ([0xFF, 0xD8, 0xFF], "JPEG image"),
        ([0x47, 0x49, 0x46, 0x38], "GIF image"),
        ([0x7F, 0x45, 0x4C, 0x46], "ELF executable"),
        ([0x4D, 0x5A], "Windows executable"),
        ([0x1F, 0x8B], "gzip archive (decompress it first)"),
        ([0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C], "7-Zip archive (extract it first)"),
        ([0x52, 0x61, 0x72, 0x21, 0x1A, 0x07], "RAR archive (extract it first)"),
        ([0x42, 0x5A, 0x68], "bzip2 archive (decompress it first)"),
        ([0x53, 0x51, 0x4C, 0x69, 0x74, 0x65, 0x20, 0x66], "SQLite database"),
    ];

    /// <summary>Sniffs <paramref name="head"/>, the first bytes of a file (all of it when shorter than <see cref="SampleSize"/>).</summary>
    public static Sniffed Sniff(ReadOnlySpan<byte> head, TextEncoding? forced = null)
    {
        if (head.IsEmpty)
        {
            return new Sniffed(Container.Empty, TextEncoding.Utf8, 0);
        }

        if (head.StartsWith("PK\u0003\u0004"u8) || head.StartsWith("PK\u0005\u0006"u8))
        {
            return new Sniffed(Container.Zip, TextEncoding.Utf8, 0);
        }

        if (Starts(head, 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1))
        {
            return new Sniffed(Container.Ole2, TextEncoding.Utf8, 0);
        }

        if (forced is { } f)
        {
            return new Sniffed(Container.Text, f, BomLength(head, f));
        }

        if (Starts(head, 0xEF, 0xBB, 0xBF))
        {
            return new Sniffed(Container.Text, TextEncoding.Utf8, 3);
        }

        if (Starts(head, 0xFF, 0xFE) && !Starts(head, 0xFF, 0xFE, 0x00, 0x00))
        {
            return new Sniffed(Container.Text, TextEncoding.Utf16Le, 2);
        }

        if (Starts(head, 0xFE, 0xFF))
        {
            return new Sniffed(Container.Text, TextEncoding.Utf16Be, 2);
        }

        foreach (var (magic, name) in BinaryMagic)
        {
            if (head.StartsWith(magic))
            {
                return new Sniffed(Container.Binary, TextEncoding.Utf8, 0, name);
            }
        }

        var sample = head[..Math.Min(head.Length, 8192)];
        int zeroEven = 0, zeroOdd = 0, control = 0;
        for (var i = 0; i < sample.Length; i++)
        {
            var b = sample[i];
            if (b == 0)
            {
                if (i % 2 == 0)
                {
                    zeroEven++;
                }
                else
                {
                    zeroOdd++;
                }
            }
            else if (b < 0x20 && b is not (0x09 or 0x0A or 0x0D or 0x0C or 0x1B))
            {
                control++;
            }
        }

        // ASCII-heavy UTF-16 text without a BOM: zeros on one parity only.
        var half = sample.Length / 2;
        if (half > 0 && zeroOdd > half / 4 && zeroEven < zeroOdd / 20)
        {
            return new Sniffed(Container.Text, TextEncoding.Utf16Le, 0);
        }

        if (half > 0 && zeroEven > half / 4 && zeroOdd < zeroEven / 20)
        {
            return new Sniffed(Container.Text, TextEncoding.Utf16Be, 0);
        }

        if (zeroEven + zeroOdd > 0 || control > sample.Length / 20)
        {
            return new Sniffed(Container.Binary, TextEncoding.Utf8, 0, "binary data");
        }

        return new Sniffed(Container.Text, IsUtf8(head) ? TextEncoding.Utf8 : TextEncoding.Gb18030, 0);
    }

    /// <summary>A decoder that turns invalid sequences into U+FFFD (counted by the readers).</summary>
    public static Decoder CreateDecoder(TextEncoding encoding) => EncodingFor(encoding).GetDecoder();

    /// <summary>A decoder for reading a whole stream through <see cref="Decoder.Convert(byte[], int, int, char[], int, int, bool, out int, out int, out bool)"/>:
    /// GB18030 with ASCII runs widened at once (<see cref="AsciiRunDecoder"/>), the others as <see cref="CreateDecoder"/>.</summary>
    public static Decoder CreateStreamDecoder(TextEncoding encoding) =>
        encoding == TextEncoding.Gb18030 ? new AsciiRunDecoder(CreateDecoder(encoding)) : CreateDecoder(encoding);

    /// <summary>The encoding, replacing invalid sequences with U+FFFD rather than throwing.</summary>
    public static Encoding EncodingFor(TextEncoding encoding) => encoding switch
    {
        TextEncoding.Utf16Le => new UnicodeEncoding(false, false, false),
        TextEncoding.Utf16Be => new UnicodeEncoding(true, false, false),
        // The code-page provider's default decoder fallback writes '?', which looks like text and hides bad bytes from
        // the readers' U+FFFD count; so name the fallback.
        TextEncoding.Gb18030 => Gb18030,
        _ => new UTF8Encoding(false, false),
    };

    public static string Label(TextEncoding encoding, bool bom) => encoding switch
    {
        TextEncoding.Utf16Le => "utf-16le",
        TextEncoding.Utf16Be => "utf-16be",
        TextEncoding.Gb18030 => "gb18030",
        _ => bom ? "utf-8-bom" : "utf-8",
    };

    // What a file is counted as (scan's encodings, a table's encoding) when it is not decoded as text.
    public const string EmptyLabel = "empty";
    public const string BinaryLabel = "binary";
    public const string XlsLabel = "xls";
    public const string XlsxLabel = "xlsx";

    /// <summary>Every name <see cref="Label"/> and the non-text counts give: the only encodings a scan reports.</summary>
    public static IReadOnlyList<string> Labels { get; } =
        [.. Enum.GetValues<TextEncoding>().SelectMany(e => new[] { Label(e, bom: false), Label(e, bom: true) }).Distinct(StringComparer.Ordinal), XlsxLabel, XlsLabel, EmptyLabel, BinaryLabel];

    /// <summary>Parses an --encoding value.</summary>
    public static bool TryParse(string name, out TextEncoding encoding)
    {
        switch (name.Trim().ToLowerInvariant().Replace("-", string.Empty, StringComparison.Ordinal).Replace("_", string.Empty, StringComparison.Ordinal))
        {
            case "utf8" or "utf8bom":
                encoding = TextEncoding.Utf8;
                return true;
            case "utf16" or "utf16le" or "unicode":
                encoding = TextEncoding.Utf16Le;
                return true;
            case "utf16be":
                encoding = TextEncoding.Utf16Be;
                return true;
            case "gbk" or "gb2312" or "gb18030" or "cp936":
                encoding = TextEncoding.Gb18030;
                return true;
            default:
                encoding = default;
                return false;
        }
    }

    private static bool Starts(ReadOnlySpan<byte> head, params ReadOnlySpan<byte> magic) => head.StartsWith(magic);

    private static int BomLength(ReadOnlySpan<byte> head, TextEncoding e) => e switch
    {
        TextEncoding.Utf8 when Starts(head, 0xEF, 0xBB, 0xBF) => 3,
        TextEncoding.Utf16Le when Starts(head, 0xFF, 0xFE) => 2,
        TextEncoding.Utf16Be when Starts(head, 0xFE, 0xFF) => 2,
        _ => 0,
    };

    // Valid UTF-8, allowing the sample to end inside a multi-byte sequence.
    private static bool IsUtf8(ReadOnlySpan<byte> head)
    {
        if (Utf8.IsValid(head))
        {
            return true;
        }

        for (var cut = 1; cut <= 3 && cut < head.Length; cut++)
        {
            if (Utf8.IsValid(head[..^cut]))
            {
                return true;
            }
        }

        return false;
    }
}
