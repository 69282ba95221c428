using System.Text;

namespace Tracemark.Synthetic.Output;

/// <summary>The encodings leaked files come in, and a check of which characters a legacy encoding can hold.</summary>
internal static class TextEncodings
{
    // Field initializers run in textual order, before the properties below ask for code page 936.
    private static readonly bool ProviderRegistered = RegisterProvider();

    public static Encoding Utf8 { get; } = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    public static Encoding Utf8Bom { get; } = new UTF8Encoding(encoderShouldEmitUTF8Identifier: true);

    public static Encoding Utf16Le { get; } = new UnicodeEncoding(bigEndian: false, byteOrderMark: true);

    public static Encoding Gbk { get; } = Encoding.GetEncoding(936, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);

    public static Encoding Gb18030 { get; } = Encoding.GetEncoding(54936);

    private static readonly Lazy<bool[]> GbkEncodable = new(() =>
    {
        var table = new bool[65536];
        var encoder = Encoding.GetEncoding(936, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
        Span<byte> bytes = stackalloc byte[8];
        for (var c = 0; c < 65536; c++)
        {
            if (char.IsSurrogate((char)c))
            {
                continue;
            }

            try
            {
                _ = encoder.GetBytes([(char)c], bytes);
                table[c] = true;
            }
            catch (EncoderFallbackException)
            {
                // Not in GBK: left false.
            }
        }

        return table;
    });

    /// <summary>Removes characters GBK cannot hold, so that what a GBK file contains is exactly what the truth says.</summary>
    public static string FitGbk(string s)
    {
        var table = GbkEncodable.Value;
        foreach (var c in s)
        {
            if (!table[c])
            {
                return string.Concat(s.Where(ch => table[ch]));
            }
        }

        return s;
    }

    private static bool RegisterProvider()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return true;
    }

    public static string Label(Encoding e) => e.CodePage switch
    {
        936 => "gbk",
        54936 => "gb18030",
        1200 => "utf-16le",
        1201 => "utf-16be",
        _ => e.GetPreamble().Length > 0 ? "utf-8-bom" : "utf-8",
    };
}
