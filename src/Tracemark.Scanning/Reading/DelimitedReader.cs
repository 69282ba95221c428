using Tracemark.Scanning.Input;

namespace Tracemark.Scanning.Reading;

/// <summary>
/// Delimited records: CSV/TSV with RFC 4180 quoting (single-character delimiters), or broker dumps split by a
/// multi-character separator such as "----" (no quoting). Span-based: fields are copied once, into the batch.
/// A quote that never closes, or a record longer than the window, is reported with its record number and that
/// stretch is re-read as unquoted lines, so one bad quote cannot swallow the rest of the file.
/// </summary>
internal sealed class DelimitedReader(TextWindow window, Table table, string delimiter, Action<ScanError> errors) : IRecordReader
{
    private readonly bool _quoting = delimiter.Length == 1;
    private readonly List<(int Start, int Length, bool Quoted)> _fields = [];
    private long _row;

    // Line ends inside quoted fields so far: the line a record starts on is its number plus these.
    private long _quotedLineEnds;
    private long _replacementsSeen;

    public long BytesRead => window.BytesRead;

    public bool Read(RecordBatch batch)
    {
        batch.Clear();
        batch.Table = table;
        while (!batch.IsFull)
        {
            if (window.Available.IsEmpty && !window.Fill())
            {
                break;
            }

            var span = window.Available;
            var consumed = ParseRecord(span, window.AtEnd, _quoting);
            if (consumed < 0)
            {
                if (window.Fill())
                {
                    continue;
                }

                span = window.Available;
                if (window.AtEnd)
                {
                    // The input ended: the last record has no line end, or a quote never closes.
                    consumed = ParseRecord(span, atEnd: true, _quoting);
                }

                if (consumed < 0)
                {
                    // An open quote at the end of input, or a record longer than the window: this stretch is re-read
                    // as plain text up to the next line end, and parsing resumes normally after it.
                    errors(new ScanError(table.Source, table.RecordNumber(_row + 1), window.AtEnd
                        ? "a quoted field never closes (unbalanced quote); the record was read without quoting"
                        : $"record longer than {TextWindow.MaxWindow / (1024 * 1024)} MB; read in pieces"));
                    window.Advance(PlainPiece(span, batch));
                    continue;
                }
            }

            Emit(span, batch);
            window.Advance(consumed);
        }

        LineReader.ReportReplacements(window, table, batch, errors, ref _replacementsSeen);
        return batch.Count > 0;
    }

    // Finds one record in s. Returns the characters it takes (line end included) or -1 when s ends inside it and
    // more text may come; fills _fields with ranges relative to s.
    private int ParseRecord(ReadOnlySpan<char> s, bool atEnd, bool quoting)
    {
        _fields.Clear();
        var d = delimiter.AsSpan();
        var i = 0;
        var fieldStart = 0;
        var line = Unknown;
        while (true)
        {
            if (quoting && i == fieldStart && i < s.Length && s[i] == '"')
            {
                var j = ClosingQuote(s, i, atEnd);
                if (j < 0)
                {
                    return -1;
                }

                _fields.Add((i + 1, j - i - 1, true));
                i = j + 1;

                // Text after the closing quote up to the delimiter is kept (lenient, as spreadsheet tools are).
                var rest = NextBoundary(s, i, d, ref line);
                if (rest < 0)
                {
                    if (!atEnd)
                    {
                        return -1;
                    }

                    rest = s.Length - i;
                }

                i += rest;
            }
            else
            {
                var boundary = NextBoundary(s, i, d, ref line);
                if (boundary < 0)
                {
                    if (!atEnd)
                    {
                        return -1;
                    }

                    boundary = s.Length - i;
                }

                _fields.Add((i, boundary, false));
                i += boundary;
            }

            if (i >= s.Length)
            {
                return s.Length;
            }

            if (s[i] == '\n' || s[i] == '\r')
            {
                var end = s[i] == '\r' && i + 1 < s.Length && s[i + 1] == '\n' ? i + 2 : i + 1;
                if (s[i] == '\r' && i + 1 >= s.Length && !atEnd)
                {
                    return -1;
                }

                return end;
            }

            // A delimiter: the next field starts after it.
            i += d.Length;
            fieldStart = i;
            if (i >= s.Length)
            {
                if (!atEnd)
                {
                    return -1;
                }

                _fields.Add((i, 0, false));
                return s.Length;
            }
        }
    }

    /// <summary>
    /// The closing quote of the quoted field opening at <paramref name="open"/> ("" is an escaped quote), or -1 when
    /// s ends before it — also when s ends right after a quote that more text could turn into "".
    /// </summary>
    internal static int ClosingQuote(ReadOnlySpan<char> s, int open, bool atEnd)
    {
        var j = open + 1;
        while (true)
        {
            var q = s[j..].IndexOf('"');
            if (q < 0)
            {
                return -1;
            }

            j += q;
            if (j + 1 < s.Length && s[j + 1] == '"')
            {
                j += 2;
                continue;
            }

            return j + 1 >= s.Length && !atEnd ? -1 : j;
        }
    }

    // ParseRecord's line end not yet searched for.
    private const int Unknown = -2;

    // Offset from i of the next delimiter or line end in s, or -1. For a multi-character delimiter (a dump's "----")
    // the line end is searched once per record and kept in line (its index in s, -1 when s holds none): searched
    // again for every field, it cost as much as the delimiters (issue 16). A delimiter holds no line end, so one
    // that starts before the line end also ends before it.
    private static int NextBoundary(ReadOnlySpan<char> s, int i, ReadOnlySpan<char> d, ref int line)
    {
        if (d.Length == 1)
        {
            return s[i..].IndexOfAny(d[0], '\n', '\r');
        }

        if (line == Unknown || (line >= 0 && line < i))
        {
            var at = s[i..].IndexOfAny('\n', '\r');
            line = at < 0 ? -1 : i + at;
        }

        var delim = s[i..(line < 0 ? s.Length : line)].IndexOf(d);
        return delim >= 0 ? delim : line < 0 ? -1 : line - i;
    }

    private void Emit(ReadOnlySpan<char> s, RecordBatch batch)
    {
        _row++;
        if (_fields.Count == 1 && _fields[0].Length == 0 && !_fields[0].Quoted)
        {
            // Blank line: counted (line numbers stay right) but carries nothing.
            batch.BeginRecord(_row);
            return;
        }

        batch.BeginRecord(_row);
        if (_quotedLineEnds > 0)
        {
            batch.SetLine(_row + _quotedLineEnds);
        }

        for (var f = 0; f < _fields.Count; f++)
        {
            var (start, length, quoted) = _fields[f];
            var text = s.Slice(start, length);
            if (quoted)
            {
                _quotedLineEnds += text.Count('\n');
            }

            if (!quoted || text.IndexOf('"') < 0)
            {
                batch.AddField(f, text);
                continue;
            }

            // Unescape "" → ".
            var first = -1;
            var total = 0;
            while (!text.IsEmpty)
            {
                var q = text.IndexOf("\"\"");
                var piece = q < 0 ? text : text[..(q + 1)];
                var at = batch.Append(piece);
                first = first < 0 ? at : first;
                total += piece.Length;
                text = q < 0 ? default : text[(q + 2)..];
            }

            batch.AddRange(f, first, total);
        }
    }

    // Reads up to the next line end (or the whole window) as one record split on the delimiter without quoting.
    private int PlainPiece(ReadOnlySpan<char> s, RecordBatch batch)
    {
        var newline = s.IndexOf('\n');
        var take = newline >= 0 ? newline + 1 : s.Length;
        ParseRecord(s[..take], atEnd: true, quoting: false);
        if (newline < 0)
        {
            // No line end within the window: one free-text piece (column -1).
            _fields.Clear();
            _fields.Add((0, take, false));
            _row++;
            batch.BeginRecord(_row);
            batch.AddField(-1, s[..take]);
            return take;
        }

        Emit(s, batch);
        return take;
    }

    public void Dispose() => window.Dispose();
}
