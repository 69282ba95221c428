using Tracemark.Scanning.Input;

namespace Tracemark.Scanning.Reading;

/// <summary>Produces batches of records from one source. Each batch belongs to one table.</summary>
internal interface IRecordReader : IDisposable
{
    /// <summary>Clears and fills <paramref name="batch"/>; false when the source is exhausted.</summary>
    bool Read(RecordBatch batch);

    /// <summary>Bytes consumed so far (for progress).</summary>
    long BytesRead { get; }
}

/// <summary>
/// Free text, one record per line (record number = line number). A line longer than the window is read in
/// overlapping pieces with the same line number; each piece owns the candidates that start in its middle, so
/// identifiers and their context words at a seam are seen whole exactly once.
/// </summary>
internal sealed class LineReader(TextWindow window, Table table, Action<ScanError> errors) : IRecordReader
{
    /// <summary>Overlap between pieces of a long line: longer than any identifier plus its context.</summary>
    internal const int Overlap = 512;

    /// <summary>Context kept before the first owned position of a piece.</summary>
    internal const int Context = 64;

    /// <summary>
    /// Characters per piece of a long line. Pieces are cut well below the window's maximum: every buffer downstream
    /// (batches, the scanners' folded copies) grows to the largest record it sees.
    /// </summary>
    internal const int PieceChars = 1 << 18;

    private long _line;
    private long _pieceOffset;
    private bool _inLongLine;
    private bool _reportedLong;
    private long _replacementsSeen;

    public long BytesRead => window.BytesRead;

    public bool Read(RecordBatch batch)
    {
        batch.Clear();
        batch.Table = table;
        while (!batch.IsFull)
        {
            var span = window.Available;
            var newline = span.IndexOf('\n');
            if (newline < 0 && span.Length < PieceChars && window.Fill())
            {
                continue;
            }

            span = window.Available;
            if (span.IsEmpty)
            {
                break;
            }

            // More than a piece without a line end: the line is read in pieces even if the input ends inside it.
            var longer = newline < 0 && span.Length > PieceChars;
            if (newline >= 0)
            {
                EmitLine(batch, span[..newline], continued: _inLongLine);
                window.Advance(newline + 1);
                _inLongLine = false;
            }
            else if ((window.AtEnd && !longer) || span.Length <= Overlap)
            {
                EmitLine(batch, span, continued: _inLongLine);
                window.Advance(span.Length);
                _inLongLine = false;
            }
            else
            {
                span = span[..Math.Min(span.Length, PieceChars)];

                // The window is full and holds no line end: emit a piece and keep the overlap for the next one.
                if (!_inLongLine)
                {
                    _line++;
                    _pieceOffset = 0;
                }

                batch.BeginRecord(_line, _inLongLine ? Context : 0, span.Length - Overlap + Context, _pieceOffset);
                batch.AddField(0, span);
                window.Advance(span.Length - Overlap);
                _pieceOffset += CodePoints(span[..(span.Length - Overlap)]);
                if (!_reportedLong)
                {
                    errors(new ScanError(table.Source, _line, $"line longer than {PieceChars / 1024}K characters; read in overlapping pieces (nothing skipped)") { IsNote = true });
                    _reportedLong = true;
                }

                _inLongLine = true;
            }
        }

        ReportReplacements(window, table, batch, errors, ref _replacementsSeen);
        return batch.Count > 0;
    }

    // Code points in a stretch of text: UTF-16 units less one per surrogate pair (findings report code points).
    private static long CodePoints(ReadOnlySpan<char> text)
    {
        long n = text.Length;
        int at;
        while ((at = text.IndexOfAnyInRange('\uDC00', '\uDFFF')) >= 0)
        {
            n--;
            text = text[(at + 1)..];
        }

        return n;
    }

    private void EmitLine(RecordBatch batch, ReadOnlySpan<char> line, bool continued)
    {
        if (!continued)
        {
            _line++;
        }

        if (line.Length > 0 && line[^1] == '\r')
        {
            line = line[..^1];
        }

        batch.BeginRecord(_line, continued ? Context : 0, offset: continued ? _pieceOffset : 0);
        batch.AddField(0, line);
    }

    /// <summary>Reports invalid byte sequences once per batch in which new ones appeared, naming the batch's first record.</summary>
    internal static void ReportReplacements(TextWindow window, Table table, RecordBatch batch, Action<ScanError> errors, ref long seen)
    {
        if (window.Replacements > seen && batch.Count > 0)
        {
            errors(new ScanError(table.Source, table.RecordNumber(batch.Number(0)),
                $"{window.Replacements - seen} invalid byte sequence(s) for {table.Encoding} near this record, read as U+FFFD (use --encoding if the encoding was misdetected)"));
            seen = window.Replacements;
        }
    }

    public void Dispose() => window.Dispose();
}
