using System.Text;
using Tracemark.Identifiers;
using Tracemark.Scanning.Detection;
using Tracemark.Scanning.Reading;

namespace Tracemark.Scanning.Redaction;

/// <summary>
/// Masks every identifier the scanner finds in a piece of free text — as written, whatever its width or disguise
/// (full-width and circled digits, spaces and dashes inside a number, ＠ and full stops in an e-mail): the scanner's
/// own recognizers give each finding's place in the text, and the whole span is replaced by the finding's mask
/// (138****8000). For texts reports print (example posts, names, labels). Not thread-safe: one per thread.
/// </summary>
public sealed class TextMasker
{
    // Lower than scan's default 0.5: a report should rather mask a number that is probably an identifier than print it.
    private const float MinConfidence = 0.3f;

    private readonly Detector _detector = new(MinConfidence);
    private readonly RecordBatch _batch = new();
    private readonly BatchResult _result = new();
    private readonly Table _table = new("text", TableFormat.Text, "utf-16");
    private readonly List<(int Start, int End, string Mask)> _spans = [];

    /// <summary>The text with each identifier found in it masked; text without one comes back as it is.</summary>
    public string Mask(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length == 0 || !MayHoldIdentifier(text))
        {
            return text;
        }

        _batch.Clear();
        _batch.Table = _table;
        _batch.BeginRecord(1);
        _batch.AddField(0, text);
        _table.Plan ??= Profiler.Plan(_table, _batch);
        _detector.Detect(_batch, _result);
        _spans.Clear();
        for (var i = 0; i < _result.Count; i++)
        {
            var kind = _result.Kinds[i];
            var (start, end) = (_result.Utf16Starts[i], _result.Utf16Ends[i]);
            if (kind.IsMasked() || kind == IdentifierKind.SocialCreditCode || start < 0 || end > text.Length || end <= start)
            {
                continue;
            }

            _spans.Add((start, end, Masking.Mask(kind, _result.Value(i).ToString())));
        }

        if (_spans.Count == 0)
        {
            return text;
        }

        _spans.Sort((a, b) => a.Start.CompareTo(b.Start));
        var masked = new StringBuilder(text.Length);
        var at = 0;
        foreach (var (start, end, mask) in _spans)
        {
            if (start < at)
            {
                continue;
            }

            masked.Append(text, at, start - at).Append(mask);
            at = end;
        }

        return masked.Append(text, at, text.Length - at).ToString();
    }

    // Every identifier kind holds a digit (of any width or shape) or an @ (of any width), or is a name or address in
    // Han characters: text with neither is returned without running the recognizers.
    private static bool MayHoldIdentifier(string text)
    {
        foreach (var c in text)
        {
            if (char.IsDigit(c) || char.GetNumericValue(c) >= 0 || c is '@' or '＠' || c >= '\u3400')
            {
                return true;
            }
        }

        return false;
    }
}
