using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Tracemark.Identifiers;
using Tracemark.Scanning.Analysis;
using Tracemark.Scanning.Detection;
using Tracemark.Scanning.Input;
using Tracemark.Scanning.Reading;

namespace Tracemark.Scanning.Redaction;

/// <summary>How found identifiers are replaced.</summary>
public enum RedactionMode
{
    /// <summary>The masks the terminal and reports use (138****5678, 张*).</summary>
    Mask,
    /// <summary>Consistent keyed pseudonyms of the same shape that no validator accepts.</summary>
    Pseudonymize,
}

/// <summary>Options of <see cref="Redactor.Redact"/>.</summary>
public sealed record RedactOptions
{
    /// <summary>Masks or pseudonyms.</summary>
    public RedactionMode Mode { get; init; } = RedactionMode.Mask;

    /// <summary>The pseudonym key (required with <see cref="RedactionMode.Pseudonymize"/>).</summary>
    public IReadOnlyList<byte>? Key { get; init; }

    /// <summary>Forces the input's text encoding (utf-8, utf-16le, utf-16be, gbk).</summary>
    public string? Encoding { get; init; }

    /// <summary>Findings below this confidence are left in place, as scan leaves them out.</summary>
    public float MinConfidence { get; init; } = 0.5f;
}

/// <summary>What a redaction did.</summary>
/// <param name="Format">The layout read (csv, tsv, dump, jsonl, text).</param>
/// <param name="Encoding">The encoding read and written.</param>
/// <param name="Records">Records read.</param>
/// <param name="Replaced">Values replaced per kind code.</param>
/// <param name="Errors">Problems; any makes the exit status 1.</param>
/// <param name="Notes">Things worth knowing that lost nothing.</param>
public sealed record RedactResult(string Format, string Encoding, long Records, IReadOnlyDictionary<string, long> Replaced, IReadOnlyList<ScanError> Errors, IReadOnlyList<ScanError> Notes);

/// <summary>
/// Writes a copy of a file with every identifier the scanner finds replaced (Presidio's anonymizer beside its
/// analyzer). The detection is the scanner's own — the same column plan from the header and a sample, the same
/// recognizers, the same minimum confidence — so a scan of the copy finds no full identifier the scan of the original
/// found. The file keeps its format and encoding byte for byte outside the replaced values: text is decoded with
/// every undecodable byte kept (<see cref="ByteEscape"/>) and encoded back the same way. It streams: records are
/// read in batches of at most 1,024 records or 1 M characters, a line longer than 4 M characters in pieces cut
/// between words.
/// </summary>
public static class Redactor
{
    private const int ChunkChars = 1 << 20;

    private static readonly JsonSerializerOptions JsonText = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Redacts the file at <paramref name="path"/> into <paramref name="output"/>.</summary>
    public static RedactResult Redact(string path, Stream output, RedactOptions options)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(options);
        TextEncoding? forced = null;
        if (options.Encoding is { } name)
        {
            forced = Sniffer.TryParse(name, out var e) ? e : throw new ArgumentException($"unknown encoding '{name}'; use utf-8, utf-16le, utf-16be or gbk");
        }

        if (options.Mode == RedactionMode.Pseudonymize && options.Key is not { Count: >= 16 })
        {
            throw new ArgumentException("pseudonyms need a key of at least 16 bytes");
        }

        var source = Path.GetFileName(path);
        using var input = File.OpenRead(path);
        var head = new byte[Sniffer.SampleSize];
        var n = 0;
        int read;
        while (n < head.Length && (read = input.Read(head, n, head.Length - n)) > 0)
        {
            n += read;
        }

        var sniffed = Sniffer.Sniff(head.AsSpan(0, n), forced);
        var errors = new List<ScanError>();
        switch (sniffed.Container)
        {
            case Container.Empty:
                return new RedactResult("empty", "-", 0, new Dictionary<string, long>(), [], []);
            case Container.Text:
                break;
            case Container.Zip when IsWorkbook(input):
                input.Dispose();
                return WorkbookRedactor.Redact(path, output, options);
            default:
                var what = sniffed.Container switch
                {
                    Container.Zip => "a zip archive (extract it first)",
                    Container.Ole2 => "a legacy XLS workbook or a password-protected XLSX (save it as XLSX without a password)",
                    _ => sniffed.BinaryType ?? "binary data",
                };
                errors.Add(new ScanError(source, null, $"{what}: redact reads XLSX workbooks and text files (CSV, TSV, dumps, JSON Lines, plain text); nothing was written"));
                return new RedactResult("none", "-", 0, new Dictionary<string, long>(), errors, []);
        }

        var encoding = ByteEscape.For(sniffed.Encoding);
        output.Write(head, 0, sniffed.BomLength);
        var sample = new char[n];
        var sampleLength = Sniffer.CreateDecoder(sniffed.Encoding).GetChars(head.AsSpan(sniffed.BomLength, n - sniffed.BomLength), sample, flush: false);
        var (format, delimiter) = TextFormat.Detect(sample.AsSpan(0, sampleLength));
        var notes = new List<ScanError>();
        if (format == TableFormat.Json)
        {
            notes.Add(new ScanError(source, null, "a JSON document (not JSON Lines) is redacted line by line as free text: values are found by the free-text recognizers, so a name or address without a context word stays"));
            format = TableFormat.Text;
        }

        var table = new Table(source, format, Sniffer.Label(sniffed.Encoding, sniffed.BomLength > 0));
        var run = new Run(table, delimiter, encoding, output, options, errors, notes);
        using (var window = new TextWindow(input, encoding.GetDecoder(), head.AsSpan(sniffed.BomLength, n - sniffed.BomLength)))
        {
            run.Read(window);
        }

        output.Flush();
        return new RedactResult(Aggregator.FormatName(format), table.Encoding, run.Records, run.Replaced(), errors, notes);
    }

    /// <summary>One file's redaction: reads records into a chunk, detects, replaces, writes.</summary>
    private sealed class Run(Table table, string? delimiter, Encoding encoding, Stream output, RedactOptions options, List<ScanError> errors, List<ScanError> notes)
    {
        private readonly Detector _detector = new(options.MinConfidence);
        private readonly RecordBatch _batch = new();
        private readonly BatchResult _result = new();
        private readonly Pseudonyms? _pseudonyms = options.Mode == RedactionMode.Pseudonymize ? new Pseudonyms([.. options.Key!]) : null;
        private readonly long[] _replaced = new long[256];
        private readonly List<(int Start, int Length, bool Json, string? Unescaped, bool Number)> _fields = [];
        private readonly List<int> _firstField = [];
        private readonly List<(int Start, int End, string Text)> _edits = [];
        private readonly Dictionary<int, List<(int Start, int End, string Text)>> _jsonEdits = [];
        private char[] _chunk = new char[64 * 1024];
        private int _chunkLength;
        private byte[] _bytes = new byte[64 * 1024];
        private long _raw;
        private bool _inLongLine;
        private bool _reportedLong;

        public long Records { get; private set; }

        public Dictionary<string, long> Replaced() =>
            IdentifierKinds.All.Where(k => _replaced[(byte)k] > 0).ToDictionary(k => k.Code(), k => _replaced[(byte)k]);

        public void Read(TextWindow window)
        {
            _batch.Table = table;
            while (true)
            {
                var span = window.Available;
                var length = RecordLength(span, window.AtEnd);
                if (length < 0 && window.Fill())
                {
                    continue;
                }

                span = window.Available;
                if (span.IsEmpty)
                {
                    break;
                }

                if (length < 0)
                {
                    length = RecordLength(span, window.AtEnd);
                }

                var piece = false;
                if (length < 0)
                {
                    // No record end within the largest window: an unclosed quote, or a line of many megabytes. A
                    // quote is given up up to the next line end (as scan does); a long line is cut between words.
                    var newline = span.IndexOf('\n');
                    if (table.Format is TableFormat.Csv or TableFormat.Tsv && newline >= 0)
                    {
                        errors.Add(new ScanError(table.Source, table.RecordNumber(_raw + 1), "a quoted field never closes (unbalanced quote); the record was read without quoting"));
                        length = newline + 1;
                        Add(span[..length], quoting: false, piece: false);
                        window.Advance(length);
                        continue;
                    }

                    length = window.AtEnd ? span.Length : Cut(span);
                    piece = !window.AtEnd;
                    if (piece && !_reportedLong)
                    {
                        notes.Add(new ScanError(table.Source, _raw + (_inLongLine ? 0 : 1), $"line longer than {TextWindow.MaxWindow / (1024 * 1024)} M characters; redacted in pieces cut between words"));
                        _reportedLong = true;
                    }
                }

                Add(span[..length], quoting: true, piece);
                window.Advance(length);
            }

            Flush();
        }

        // Where a record ends in span (line end included), or -1 when it may continue past the span.
        private int RecordLength(ReadOnlySpan<char> span, bool atEnd)
        {
            if (table.Format is TableFormat.Csv or TableFormat.Tsv)
            {
                return QuotedRecordLength(span, delimiter![0], atEnd);
            }

            var newline = span.IndexOf('\n');
            return newline >= 0 ? newline + 1 : atEnd && !span.IsEmpty ? span.Length : -1;
        }

        private static int QuotedRecordLength(ReadOnlySpan<char> s, char d, bool atEnd)
        {
            var i = 0;
            var fieldStart = true;
            while (i < s.Length)
            {
                if (fieldStart && s[i] == '"')
                {
                    var j = DelimitedReader.ClosingQuote(s, i, atEnd);
                    if (j < 0)
                    {
                        return -1;
                    }

                    i = j + 1;
                    fieldStart = false;
                    continue;
                }

                var next = s[i..].IndexOfAny(d, '\n', '\r');
                if (next < 0)
                {
                    break;
                }

                i += next;
                if (s[i] == d)
                {
                    i++;
                    fieldStart = true;
                    continue;
                }

                if (s[i] == '\r' && i + 1 >= s.Length)
                {
                    return atEnd ? i + 1 : -1;
                }

                return s[i] == '\r' && s[i + 1] == '\n' ? i + 2 : i + 1;
            }

            return atEnd && !s.IsEmpty ? s.Length : -1;
        }

        private static readonly System.Buffers.SearchValues<char> CutPoints = System.Buffers.SearchValues.Create(" \t,;，。；|\"");

        // A cut between words in the last 64 K of a full window, so an identifier is not split in two.
        private static int Cut(ReadOnlySpan<char> span)
        {
            var from = Math.Max(0, span.Length - (64 * 1024));
            var at = span[from..].LastIndexOfAny(CutPoints);
            return at > 0 ? from + at + 1 : span.Length;
        }

        private void Add(ReadOnlySpan<char> record, bool quoting, bool piece)
        {
            if (!_inLongLine)
            {
                _raw++;
                Records++;
            }

            _inLongLine = piece;
            if (_chunkLength + record.Length > _chunk.Length)
            {
                Array.Resize(ref _chunk, Math.Max(_chunk.Length * 2, _chunkLength + record.Length));
            }

            var at = _chunkLength;
            record.CopyTo(_chunk.AsSpan(at));
            _chunkLength += record.Length;
            var content = record;
            if (!piece)
            {
                content = content.TrimEnd('\n').TrimEnd('\r');
            }

            _batch.BeginRecord(_raw);
            _firstField.Add(_fields.Count);
            switch (table.Format)
            {
                case TableFormat.Csv or TableFormat.Tsv or TableFormat.Dump when content.IsEmpty && !piece:
                    // A blank line carries no field, as scan's delimited reader reads it: with an empty field the
                    // column plan saw another first record than scan's and could read a different header.
                    break;
                case TableFormat.Csv or TableFormat.Tsv or TableFormat.Dump:
                    SplitFields(content, at, quoting && delimiter!.Length == 1);
                    break;
                case TableFormat.JsonLines:
                    JsonFields(content, at);
                    break;
                default:
                    AddField(0, at, content.Length, null, number: false);
                    break;
            }

            if (_batch.IsFull || _chunkLength >= ChunkChars)
            {
                Flush();
            }
        }

        private void AddField(int column, int start, int length, string? unescaped, bool number)
        {
            _fields.Add((start, length, unescaped is not null, unescaped, number));
            _batch.AddField(column, unescaped ?? (ReadOnlySpan<char>)_chunk.AsSpan(start, length));
        }

        // Fields as scan's delimited reader cuts them; a quoted field's text is what lies between its quotes (a "" in
        // it stays two characters, which no identifier contains).
        private void SplitFields(ReadOnlySpan<char> s, int at, bool quoting)
        {
            var d = delimiter!.AsSpan();
            var start = 0;
            var column = 0;
            while (true)
            {
                int end;
                if (quoting && start < s.Length && s[start] == '"')
                {
                    var j = start + 1;
                    while (true)
                    {
                        var q = s[j..].IndexOf('"');
                        if (q < 0)
                        {
                            j = s.Length;
                            break;
                        }

                        j += q;
                        if (j + 1 < s.Length && s[j + 1] == '"')
                        {
                            j += 2;
                            continue;
                        }

                        break;
                    }

                    AddField(column, at + start + 1, Math.Max(0, j - start - 1), null, number: false);
                    var after = j < s.Length ? s[j..].IndexOf(d) : -1;
                    end = after < 0 ? s.Length : j + after;
                }
                else
                {
                    var next = s[start..].IndexOf(d);
                    end = next < 0 ? s.Length : start + next;
                    AddField(column, at + start, end - start, null, number: false);
                }

                column++;
                if (end >= s.Length)
                {
                    return;
                }

                start = end + d.Length;
            }
        }

        // String and number values of a JSON line, named by key path like scan's JSON reader. A value written with
        // escapes (\u4e2d) is detected on its unescaped text and, when something in it is replaced, written back whole.
        private void JsonFields(ReadOnlySpan<char> line, int at)
        {
            if (line.IsWhiteSpace())
            {
                return;
            }

            var bytes = Encoding.UTF8.GetBytes(line.ToArray());
            var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            var paths = new List<string>();
            string? pending = null;
            var charAt = 0;
            var byteAt = 0;
            try
            {
                while (reader.Read())
                {
                    switch (reader.TokenType)
                    {
                        case JsonTokenType.PropertyName:
                            var key = reader.GetString()!;
                            pending = paths.Count > 0 && paths[^1].Length > 0 ? paths[^1] + "." + key : key;
                            break;
                        case JsonTokenType.StartObject or JsonTokenType.StartArray:
                            paths.Add(pending ?? (paths.Count > 0 ? paths[^1] : string.Empty));
                            pending = null;
                            break;
                        case JsonTokenType.EndObject or JsonTokenType.EndArray:
                            paths.RemoveAt(paths.Count - 1);
                            break;
                        case JsonTokenType.String or JsonTokenType.Number:
                            var name = pending ?? (paths.Count > 0 ? paths[^1] : string.Empty);
                            pending = null;
                            var token = (int)reader.TokenStartIndex;
                            charAt += Encoding.UTF8.GetCharCount(bytes.AsSpan(byteAt, token - byteAt));
                            byteAt = token;
                            var tokenChars = Encoding.UTF8.GetCharCount(bytes.AsSpan(token, reader.ValueSpan.Length + (reader.TokenType == JsonTokenType.String ? 2 : 0)));
                            var column = table.ColumnOf(name.Length > 0 ? name : "(value)");
                            if (reader.TokenType == JsonTokenType.Number)
                            {
                                AddField(column, at + charAt, tokenChars, null, number: true);
                            }
                            else if (reader.ValueIsEscaped)
                            {
                                // The whole token, quotes included, is what a replacement rewrites.
                                _fields.Add((at + charAt, tokenChars, true, reader.GetString(), false));
                                _batch.AddField(column, _fields[^1].Unescaped);
                            }
                            else
                            {
                                AddField(column, at + charAt + 1, tokenChars - 2, null, number: false);
                            }

                            break;
                        default:
                            pending = null;
                            break;
                    }
                }
            }
            catch (JsonException ex)
            {
                // Not valid JSON: its values could be misnamed, so the whole line is read as free text instead.
                var first = _firstField[^1];
                _fields.RemoveRange(first, _fields.Count - first);
                _batch.DropLast();
                _batch.BeginRecord(_raw);
                AddField(0, at, line.Length, null, number: false);
                errors.Add(new ScanError(table.Source, _raw, "invalid JSON (" + ex.Message.Split('.')[0] + "); the line was redacted as free text"));
            }
        }

        private void Flush()
        {
            if (_batch.Count > 0)
            {
                if (table.Plan is null)
                {
                    table.Plan = Profiler.Plan(table, _batch);
                }

                _detector.Detect(_batch, _result);
                Replace();
            }

            Write();
            _batch.Clear();
            _batch.Table = table;
            _fields.Clear();
            _firstField.Clear();
            _chunkLength = 0;
        }

        private void Replace()
        {
            _edits.Clear();
            _jsonEdits.Clear();
            for (var i = 0; i < _result.Count; i++)
            {
                var kind = _result.Kinds[i];
                if (Replacement(_result, i, _pseudonyms) is not { } text)
                {
                    continue;
                }

                var fieldIndex = _firstField[_result.BatchRecords[i]] + _result.Fields[i];
                var field = _fields[fieldIndex];
                var (start, end) = (_result.Utf16Starts[i], _result.Utf16Ends[i]);
                _replaced[(byte)kind]++;
                if (field.Json)
                {
                    if (!_jsonEdits.TryGetValue(fieldIndex, out var list))
                    {
                        _jsonEdits[fieldIndex] = list = [];
                    }

                    list.Add((start, end, text));
                    continue;
                }

                if (field.Number)
                {
                    // A number replaced by text that is not a JSON number (138****5678, 000000…) becomes a string,
                    // or the line would no longer parse.
                    var token = _chunk.AsSpan(field.Start, field.Length);
                    var whole = string.Concat(token[..start], text, token[end..]);
                    text = whole.All(char.IsAsciiDigit) && (whole.Length == 1 || whole[0] != '0') ? whole : JsonSerializer.Serialize(whole, JsonText);
                    (start, end) = (0, field.Length);
                }

                _edits.Add((field.Start + start, field.Start + end, text));
            }

            foreach (var (fieldIndex, list) in _jsonEdits)
            {
                var field = _fields[fieldIndex];
                _edits.Add((field.Start, field.Start + field.Length, JsonSerializer.Serialize(Apply(field.Unescaped!, list), JsonText)));
            }

            _edits.Sort((a, b) => a.Start.CompareTo(b.Start));
        }

        private void Write()
        {
            var at = 0;
            foreach (var (start, end, text) in _edits)
            {
                if (start < at)
                {
                    continue;
                }

                ByteEscape.Write(encoding, _chunk.AsSpan(at, start - at), output, ref _bytes);
                ByteEscape.Write(encoding, text, output, ref _bytes);
                at = end;
            }

            ByteEscape.Write(encoding, _chunk.AsSpan(at, _chunkLength - at), output, ref _bytes);
            _edits.Clear();
        }
    }

    // A zip with a workbook part, as scan tells a workbook from an archive; a zip that cannot be read is left to the
    // workbook reader, which says why.
    private static bool IsWorkbook(Stream input)
    {
        input.Seek(0, SeekOrigin.Begin);
        try
        {
            using var zip = new System.IO.Compression.ZipArchive(input, System.IO.Compression.ZipArchiveMode.Read, leaveOpen: true);
            return zip.GetEntry("xl/workbook.xml") is not null;
        }
        catch (InvalidDataException)
        {
            return true;
        }
    }

    /// <summary>
    /// What finding <paramref name="i"/> becomes: its mask, or its pseudonym under <paramref name="pseudonyms"/>; null
    /// for what stays — masked values are partial already, credit codes identify companies, not people (scan's masks
    /// keep them too).
    /// </summary>
    internal static string? Replacement(BatchResult result, int i, Pseudonyms? pseudonyms)
    {
        var kind = result.Kinds[i];
        if (kind.IsMasked() || kind == IdentifierKind.SocialCreditCode)
        {
            return null;
        }

        var canonical = result.Value(i).ToString();
        return pseudonyms is null ? Masking.Mask(kind, canonical) : pseudonyms.For(kind, canonical);
    }

    /// <summary>The text with each (start, end) span replaced, in order; a span overlapping an earlier one is left out.</summary>
    internal static string Apply(string text, List<(int Start, int End, string Text)> edits)
    {
        edits.Sort((a, b) => a.Start.CompareTo(b.Start));
        var sb = new StringBuilder();
        var at = 0;
        foreach (var (start, end, replacement) in edits)
        {
            if (start < at)
            {
                continue;
            }

            sb.Append(text, at, start - at).Append(replacement);
            at = end;
        }

        return sb.Append(text, at, text.Length - at).ToString();
    }
}
