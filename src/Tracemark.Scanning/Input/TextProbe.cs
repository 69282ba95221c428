using System.Text;

namespace Tracemark.Scanning.Input;

/// <summary>
/// What a file's first bytes say it is, judged from its content as the scanner judges it (not from its extension):
/// text in which encoding (UTF-8, UTF-16 with or without a byte-order mark, GB18030), or what else it is.
/// </summary>
/// <param name="NotText">Null for text (or an empty file); otherwise what it is instead ("PDF document", "Zip",
/// "binary data" …), in words for a message.</param>
/// <param name="Encoding">The text's encoding (UTF-8 when it is not text).</param>
/// <param name="BomLength">Bytes of byte-order mark to skip before decoding.</param>
public sealed record TextProbe(string? NotText, Encoding Encoding, int BomLength)
{
    /// <summary>How many leading bytes a probe looks at.</summary>
    public const int SampleSize = Sniffer.SampleSize;

    /// <summary>Probes <paramref name="head"/>, the first bytes of a file (all of it when shorter than <see cref="SampleSize"/>).</summary>
    public static TextProbe Of(ReadOnlySpan<byte> head)
    {
        var sniffed = Sniffer.Sniff(head);
        var notText = sniffed.Container is Container.Binary or Container.Zip or Container.Ole2 ? sniffed.BinaryType ?? sniffed.Container.ToString() : null;
        return new TextProbe(notText, Sniffer.EncodingFor(sniffed.Encoding), sniffed.BomLength);
    }

    /// <summary>The files below a folder in name order, files before subfolders, symbolic links not followed — the
    /// order the scanner reads a folder in; unreadable folders go to <paramref name="errors"/> and are skipped.</summary>
    public static IEnumerable<string> Walk(string folder, Action<ScanError> errors) => SourceEnumerator.Walk(folder, errors);
}
