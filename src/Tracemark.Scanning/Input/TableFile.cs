using System.Collections.Concurrent;
using Tracemark.Scanning.Reading;

namespace Tracemark.Scanning.Input;

/// <summary>One data record of a table read by <see cref="TableFile"/>.</summary>
/// <param name="Source">The table's name as in findings ("a.csv", "a.zip!inner.csv", "a.xlsx!Sheet1").</param>
/// <param name="Line">The line of a text file the record starts on (the header is line 1; a quoted field over several
/// lines moves the records after it down), its row in a sheet.</param>
/// <param name="Header">The table's column names (the same array for every record of one table).</param>
/// <param name="Fields">The record's fields by column; missing trailing fields are absent, not empty.</param>
/// <param name="IsHeader">This is the header row of a delimited file or a sheet (its fields are the header).</param>
public sealed record TableRecord(string Source, long Line, IReadOnlyList<string> Header, IReadOnlyList<string> Fields, bool IsHeader = false);

/// <summary>
/// Reads the records of tabular files through the scanner's own input layer, so everything that takes files in
/// (owner exports, posts) reads them as the scanner does: zip archives and their members, workbooks, encodings
/// sniffed from content (UTF-8/16, GBK/GB18030), CSV/TSV with RFC 4180 quoting, JSON Lines.
/// </summary>
public static class TableFile
{
    /// <summary>
    /// The records of every table in <paramref name="path"/>, in order. The first row of a delimited file or a sheet
    /// is its header, handed over first with <see cref="TableRecord.IsHeader"/> set (so a table of a header alone is
    /// seen); JSON objects name their own columns (nested keys joined with '.'). Problems (an
    /// unbalanced quote, an unreadable member) go to <paramref name="errors"/> and the rest is read.
    /// <paramref name="monitor"/>, when given, counts the bytes read (of the file's size) and the records handed over,
    /// for a progress bar.
    /// </summary>
    public static IEnumerable<TableRecord> Read(string path, Action<ScanError> errors, ScanMonitor? monitor = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(errors);
        var sources = SourceEnumerator.Expand([path], () => Stream.Null, errors).ToList();
        monitor ??= new ScanMonitor();
        monitor.TotalBytes = sources.Sum(s => s.Length ?? 0);
        var options = new ScanOptions { Paths = [path], Workers = 1 };

        // The scanner's reading pushes batches; a reader thread hands them over through a short queue so that memory
        // stays at a few batches whatever the file's size.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        using var queue = new BlockingCollection<RecordBatch>(boundedCapacity: 4);
        var free = new ConcurrentBag<RecordBatch>();
        var reading = new Scanner.SourceReading(options, null, errors, monitor, new ConcurrentDictionary<string, long>());
        Exception? fault = null;
        var producer = Task.Run(() =>
        {
            try
            {
                foreach (var source in sources)
                {
                    reading.Read(source, batch => queue.Add(batch, stop.Token), () => free.TryTake(out var b) ? b : new RecordBatch());
                }
            }
            catch (OperationCanceledException)
            {
                // The consumer stopped early or the caller cancelled.
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                fault = ex;
            }
            finally
            {
                queue.CompleteAdding();
            }
        }, CancellationToken.None);

        try
        {
            Table? table = null;
            string[] header = [];
            foreach (var batch in queue.GetConsumingEnumerable(cancellation))
            {
                for (var r = 0; r < batch.Count; r++)
                {
                    if (batch.FieldCount(r) == 0)
                    {
                        continue; // a blank line
                    }

                    if (!ReferenceEquals(batch.Table, table))
                    {
                        table = batch.Table;
                        if (!NamesOwnColumns(table))
                        {
                            header = Fields(batch, r);
                            yield return new TableRecord(table.Source, batch.Line(r), header, header, IsHeader: true);
                            continue;
                        }

                        header = [];
                    }

                    if (NamesOwnColumns(table) && table.Columns.Count > header.Length)
                    {
                        // JSON: a later object may bring a new key.
                        header = [.. table.Columns.Select(c => c ?? string.Empty)];
                    }

                    monitor.AddRecords(1);
                    yield return new TableRecord(table.Source, batch.Line(r), header, Fields(batch, r));
                }

                batch.Clear();
                free.Add(batch);
            }
        }
        finally
        {
            stop.Cancel();
            producer.Wait(CancellationToken.None);
        }

        if (fault is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(fault);
        }
    }

    /// <summary>
    /// The records of one CSV input found by <see cref="TextInputs"/> (a file, standard input, an archive member) whose
    /// layout the caller already knows (a chat export), read as the scanner reads CSV: RFC 4180 quoting (commas,
    /// doubled quotes and line breaks inside quoted fields), the encoding judged from the content, a quote that never
    /// closes reported (with its data record) and that stretch re-read as plain lines, bounded memory whatever the
    /// record lengths. The header row comes first (<see cref="TableRecord.IsHeader"/>); blank lines are passed over;
    /// <see cref="TableRecord.Line"/> is the line a record starts on.
    /// </summary>
    public static IEnumerable<TableRecord> ReadCsv(TextInput input, Action<ScanError> errors)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(errors);
        return CsvRecords(input, errors);
    }

    private static IEnumerable<TableRecord> CsvRecords(TextInput input, Action<ScanError> errors)
    {
        var sniffed = Sniffer.Sniff(input.Head.Span);
        var stream = input.Open();
        var bom = new byte[sniffed.BomLength];
        stream.ReadExactly(bom); // archive members cannot seek: the byte-order mark is read past
        var table = new Table(input.Name, TableFormat.Csv, Sniffer.Label(sniffed.Encoding, sniffed.BomLength > 0)) { HeaderRow = true };
        using var reader = new DelimitedReader(new TextWindow(stream, Sniffer.CreateStreamDecoder(sniffed.Encoding), []), table, ",", errors);
        var batch = new RecordBatch();
        string[]? header = null;
        while (reader.Read(batch))
        {
            for (var r = 0; r < batch.Count; r++)
            {
                if (batch.FieldCount(r) == 0)
                {
                    continue; // a blank line
                }

                var fields = Fields(batch, r);
                if (header is null)
                {
                    header = fields;
                    yield return new TableRecord(table.Source, batch.Line(r), header, header, IsHeader: true);
                    continue;
                }

                yield return new TableRecord(table.Source, batch.Line(r), header, fields);
            }
        }
    }

    private static bool NamesOwnColumns(Table table) => table.Format is TableFormat.Json or TableFormat.JsonLines;

    private static string[] Fields(RecordBatch batch, int record)
    {
        var count = batch.FieldCount(record);
        var width = 0;
        for (var f = 0; f < count; f++)
        {
            width = Math.Max(width, batch.Column(record, f) + 1);
        }

        // A line of free text has one field outside any column.
        var fields = new string[Math.Max(width, count > 0 && width == 0 ? 1 : 0)];
        Array.Fill(fields, string.Empty);
        for (var f = 0; f < count; f++)
        {
            var column = batch.Column(record, f);
            fields[Math.Max(column, 0)] = batch.Field(record, f).ToString();
        }

        return fields;
    }
}
