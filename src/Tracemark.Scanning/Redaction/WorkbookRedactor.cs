using System.Collections;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Tracemark.Identifiers;
using Tracemark.Scanning.Detection;
using Tracemark.Scanning.Input;
using Tracemark.Scanning.Reading;
using Table = Tracemark.Scanning.Reading.Table;

namespace Tracemark.Scanning.Redaction;

/// <summary>
/// Redacts an XLSX workbook into a copy, streaming: each worksheet part is read with the Open XML SDK's
/// <see cref="OpenXmlReader"/> and written with its <see cref="OpenXmlWriter"/>, one row at a time, holding only the
/// rows of the batch being detected (at most 1,024 records or 1 M characters, as for text files). Cells are read as
/// scan's workbook reader reads them (strings as they are, whole numbers without exponent), detected sheet by sheet
/// with the same column plan and recognizers, and only the cells with a finding are rewritten. Everything else —
/// other parts, sheets, styles, formulas, column widths, merged cells, other cells and their types — is copied as
/// it was. A replaced string cell becomes an inline string; a replaced number stays a number when its replacement
/// is one (a pseudonymous mobile), else it becomes text (a mask); a replaced formula cell keeps its value only
/// (the formula could hold the identifier).
/// <para>
/// Shared strings: the table is spilled to disk once (<see cref="SharedStringFile"/>) for the cells' look-ups, and a
/// redacted copy of it is written streaming at the end, item for item, so that every index stays valid and every
/// untouched cell keeps its shared string byte for byte. An item that some replaced cell used and no kept cell uses
/// is emptied, so no identifier stays in the table where no cell shows it. (Converting every shared-string cell to
/// an inline string would have needed no table copy, but it would grow the file by every repeated string and change
/// cells that hold no identifier.) Memory: one batch of rows, the 4,096-string cache, and two bits per shared string
/// (whether a replaced and whether a kept cell used it) — 256 KB for a million distinct strings, whose table is at
/// least 17 MB of XML.
/// </para>
/// </summary>
internal sealed class WorkbookRedactor : IDisposable
{
    private static readonly UTF8Encoding NoBom = new(false); // as Excel writes its parts

    private readonly string _source;
    private readonly RedactOptions _options;
    private readonly Pseudonyms? _pseudonyms;
    private readonly Detector _detector;
    private readonly RecordBatch _batch = new();
    private readonly BatchResult _result = new();
    private readonly List<Cell> _cells = [];
    private readonly List<int> _firstCell = [];
    private readonly List<Row> _rows = [];
    private readonly long[] _replaced = new long[256];
    private readonly List<ScanError> _errors = [];
    private readonly List<ScanError> _notes = [];
    private readonly SharedStringFile _shared = new();
    private BitArray _sharedReplaced = new(0);
    private BitArray _sharedKept = new(0);
    private OpenXmlWriter? _writer;
    private long _records;

    private WorkbookRedactor(string source, RedactOptions options)
    {
        _source = source;
        _options = options;
        _pseudonyms = options.Mode == RedactionMode.Pseudonymize ? new Pseudonyms([.. options.Key!]) : null;
        _detector = new Detector(options.MinConfidence);
    }

    public void Dispose() => _shared.Dispose();

    /// <summary>Redacts the workbook at <paramref name="path"/> into <paramref name="output"/>; nothing is written when it cannot be read.</summary>
    public static RedactResult Redact(string path, Stream output, RedactOptions options)
    {
        using var redactor = new WorkbookRedactor(Path.GetFileName(path), options);
        var work = Path.Combine(Path.GetTempPath(), $"tracemark-redact-{Guid.NewGuid():N}.xlsx");
        try
        {
            try
            {
                using var document = SpreadsheetDocument.Open(path, isEditable: false);
                using var source = ZipFile.OpenRead(path);
                using var target = new ZipArchive(File.Create(work), ZipArchiveMode.Create);
                redactor.Run(document, source, target);
            }
            catch (Exception ex) when (IsWorkbookError(ex))
            {
                redactor._errors.Add(new ScanError(redactor._source, null, $"not a readable XLSX workbook ({ex.Message.Split('\n')[0].TrimEnd('.')}); nothing was written"));
                return new RedactResult("none", "-", redactor._records, new Dictionary<string, long>(), redactor._errors, redactor._notes);
            }

            using (var copy = File.OpenRead(work))
            {
                copy.CopyTo(output);
            }

            output.Flush();
            return new RedactResult("xlsx", "xlsx", redactor._records, Replaced(redactor._replaced), redactor._errors, redactor._notes);
        }
        finally
        {
            File.Delete(work);
        }
    }

    private static Dictionary<string, long> Replaced(long[] counts) =>
        IdentifierKinds.All.Where(k => counts[(byte)k] > 0).ToDictionary(k => k.Code(), k => counts[(byte)k]);

    private static bool IsWorkbookError(Exception ex) =>
        ex is OpenXmlPackageException or FileFormatException or InvalidDataException or System.Xml.XmlException or InvalidOperationException
            or NotSupportedException or ArgumentException or FormatException or KeyNotFoundException or IOException;

    // The zip entry that holds a part: OPC part names are case-insensitive and may be percent-encoded in the zip.
    private static string EntryName(string name) => Uri.UnescapeDataString(name.TrimStart('/')).ToUpperInvariant();

    private void Run(SpreadsheetDocument document, ZipArchive source, ZipArchive target)
    {
        var book = document.WorkbookPart ?? throw new InvalidDataException("no workbook part");
        var stringsPart = book.SharedStringTablePart;
        if (stringsPart is not null)
        {
            LoadSharedStrings(stringsPart);
        }

        var sheets = new List<(string Name, WorksheetPart Part)>();
        foreach (var sheet in book.Workbook.Sheets?.Elements<Sheet>() ?? [])
        {
            if (sheet.Id?.Value is { } id && book.GetPartById(id) is WorksheetPart part)
            {
                sheets.Add((sheet.Name?.Value ?? id, part)); // a chart sheet holds no cells
            }
        }

        var rewritten = sheets.Select(s => EntryName(s.Part.Uri.OriginalString)).ToHashSet(StringComparer.Ordinal);
        var stringsEntry = stringsPart is null ? null : EntryName(stringsPart.Uri.OriginalString);
        var entries = source.Entries.ToDictionary(e => EntryName(e.FullName), StringComparer.Ordinal);
        foreach (var entry in source.Entries)
        {
            var name = EntryName(entry.FullName);
            if (!rewritten.Contains(name) && name != stringsEntry)
            {
                using var from = entry.Open();
                using var to = Create(target, entry).Open();
                from.CopyTo(to);
            }
        }

        foreach (var (name, part) in sheets)
        {
            var entry = entries.GetValueOrDefault(EntryName(part.Uri.OriginalString)) ?? throw new InvalidDataException($"sheet {name}: its part is missing");
            using (var to = Create(target, entry).Open())
            {
                RedactSheet(part, to, new Table($"{_source}!{name}", TableFormat.Xlsx, Sniffer.XlsxLabel));
            }

            if (part.WorksheetCommentsPart is not null || part.GetPartsOfType<WorksheetThreadedCommentsPart>().Any())
            {
                _errors.Add(new ScanError($"{_source}!{name}", null, "its cell comments were not redacted (delete them, or export the sheet as CSV)"));
            }
        }

        if (book.PivotTableCacheDefinitionParts.Any())
        {
            _errors.Add(new ScanError(_source, null, "its pivot tables keep a copy of their data that was not redacted (delete the pivot tables first)"));
        }

        if (stringsPart is not null)
        {
            var entry = entries.GetValueOrDefault(stringsEntry!) ?? throw new InvalidDataException("the shared-string part is missing");
            using var to = Create(target, entry).Open();
            WriteSharedStrings(stringsPart, to);
        }
    }

    private static ZipArchiveEntry Create(ZipArchive target, ZipArchiveEntry like)
    {
        var entry = target.CreateEntry(like.FullName, CompressionLevel.Optimal);
        entry.LastWriteTime = like.LastWriteTime;
        return entry;
    }

    private void LoadSharedStrings(SharedStringTablePart part)
    {
        using var reader = OpenXmlReader.Create(part);
        while (reader.Read())
        {
            if (reader.IsStartElement && reader.ElementType == typeof(SharedStringItem))
            {
                _shared.Add(StringOf(reader.LoadCurrentElement()!));
            }
        }

        _sharedReplaced = new BitArray(_shared.Count);
        _sharedKept = new BitArray(_shared.Count);
    }

    // The table again, item for item; an item only replaced cells used is written empty.
    private void WriteSharedStrings(SharedStringTablePart part, Stream to)
    {
        using var reader = OpenXmlReader.Create(part);
        using var writer = OpenXmlWriter.Create(to, NoBom);
        writer.WriteStartDocument(true);
        var index = 0;
        while (reader.Read())
        {
            if (reader.IsStartElement && reader.ElementType == typeof(SharedStringTable))
            {
                writer.WriteStartElement(reader, reader.Attributes, reader.NamespaceDeclarations);
            }
            else if (reader.IsStartElement)
            {
                var element = reader.LoadCurrentElement()!;
                if (element is SharedStringItem && index < _shared.Count && _sharedReplaced[index] && !_sharedKept[index])
                {
                    element = new SharedStringItem(new Text(string.Empty));
                }

                index += element is SharedStringItem ? 1 : 0;
                writer.WriteElement(element);
            }
            else if (reader.IsEndElement)
            {
                writer.WriteEndElement();
            }
        }
    }

    private void RedactSheet(WorksheetPart part, Stream to, Table table)
    {
        _batch.Clear();
        _batch.Table = table;
        long rowNumber = 0;
        using var reader = OpenXmlReader.Create(part);
        using var writer = OpenXmlWriter.Create(to, NoBom);
        _writer = writer;
        writer.WriteStartDocument(true);
        while (reader.Read())
        {
            if (reader.IsStartElement && (reader.ElementType == typeof(Worksheet) || reader.ElementType == typeof(SheetData)))
            {
                // Only the sheet's rows are streamed; its other elements (columns, merged cells, …) are small.
                writer.WriteStartElement(reader, reader.Attributes, reader.NamespaceDeclarations);
            }
            else if (reader.IsStartElement && reader.ElementType == typeof(Row))
            {
                var row = (Row)reader.LoadCurrentElement()!;

                // As scan's reader: rows numbered from 1, a row missing from the sheet read as an empty record.
                var number = row.RowIndex?.Value is { } r ? (long)r : rowNumber + 1;
                while (rowNumber + 1 < number)
                {
                    rowNumber++;
                    Begin(rowNumber);
                }

                rowNumber = number;
                Begin(rowNumber);
                _rows.Add(row);
                var column = -1;
                foreach (var cell in row.Elements<Cell>())
                {
                    column = cell.CellReference?.Value is { } reference && ColumnIndex(reference) is >= 0 and var at ? at : column + 1;
                    var text = Text(cell);
                    if (!string.IsNullOrEmpty(text))
                    {
                        _batch.AddField(column, text);
                        _cells.Add(cell);
                    }
                    else
                    {
                        Keep(cell);
                    }
                }
            }
            else if (reader.IsStartElement)
            {
                Flush(); // the rows before it are written first
                writer.WriteElement(reader.LoadCurrentElement()!);
            }
            else if (reader.IsEndElement)
            {
                Flush();
                writer.WriteEndElement();
            }
        }

        Flush();
        _writer = null;
    }

    private void Begin(long number)
    {
        if (_batch.IsFull)
        {
            Flush();
        }

        _batch.BeginRecord(number);
        _firstCell.Add(_cells.Count);
        _records++;
    }

    // Detects the batch, rewrites the cells with findings and writes the batch's rows.
    private void Flush()
    {
        if (_batch.Count > 0)
        {
            var table = _batch.Table;
            table.Plan ??= Profiler.Plan(table, _batch);
            _detector.Detect(_batch, _result);
            var edits = new Dictionary<int, List<(int Start, int End, string Text)>>();
            for (var i = 0; i < _result.Count; i++)
            {
                if (Redactor.Replacement(_result, i, _pseudonyms) is not { } text)
                {
                    continue;
                }

                var cell = _firstCell[_result.BatchRecords[i]] + _result.Fields[i];
                if (!edits.TryGetValue(cell, out var list))
                {
                    edits[cell] = list = [];
                }

                list.Add((_result.Utf16Starts[i], _result.Utf16Ends[i], text));
                _replaced[(byte)_result.Kinds[i]]++;
            }

            for (var c = 0; c < _cells.Count; c++)
            {
                if (edits.TryGetValue(c, out var list))
                {
                    Rewrite(_cells[c], Redactor.Apply(Text(_cells[c])!, list));
                }
                else
                {
                    Keep(_cells[c]);
                }
            }
        }

        foreach (var row in _rows)
        {
            _writer!.WriteElement(row);
        }

        var plan = _batch.Table;
        _batch.Clear();
        _batch.Table = plan;
        _cells.Clear();
        _firstCell.Clear();
        _rows.Clear();
    }

    // A cell left as it is: the shared string it uses must stay.
    private void Keep(Cell cell)
    {
        if (SharedIndex(cell) is { } i)
        {
            _sharedKept[i] = true;
        }
    }

    private void Rewrite(Cell cell, string text)
    {
        if (SharedIndex(cell) is { } i)
        {
            _sharedReplaced[i] = true;
        }

        cell.CellFormula = null;
        var number = cell.DataType is null || cell.DataType.Value == CellValues.Number;
        if (number && text.Length is > 0 and <= 15 && text.All(char.IsAsciiDigit) && (text.Length == 1 || text[0] != '0'))
        {
            cell.CellValue = new CellValue(text);
            return;
        }

        cell.CellValue = null;
        cell.DataType = CellValues.InlineString;
        cell.InlineString = new InlineString(new Text(text) { Space = SpaceProcessingModeValues.Preserve });
    }

    private int? SharedIndex(Cell cell) =>
        cell.DataType?.Value == CellValues.SharedString && int.TryParse(cell.CellValue?.Text, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < _shared.Count ? i : null;

    // The cell's text as scan's workbook reader (ExcelDataReader) gives it: strings as they are, whole numbers below
    // 10^15 without exponent or decimals, other numbers round-trip.
    private string? Text(Cell cell)
    {
        var type = cell.DataType?.Value;
        if (type == CellValues.SharedString)
        {
            return SharedIndex(cell) is { } i ? _shared.Get(i) : null;
        }

        if (type == CellValues.InlineString)
        {
            return cell.InlineString is { } inline ? StringOf(inline) : null;
        }

        var value = cell.CellValue?.Text;
        if (type == CellValues.String || value is null)
        {
            return value;
        }

        if (type == CellValues.Boolean || type == CellValues.Error)
        {
            return null; // never an identifier
        }

        if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d))
        {
            return value;
        }

        return Math.Abs(d) < 1e15 && d == Math.Floor(d) ? d.ToString("F0", CultureInfo.InvariantCulture) : d.ToString("R", CultureInfo.InvariantCulture);
    }

    // Rich text is its runs' text; phonetic guides (rPh) are not part of the value.
    private static string StringOf(OpenXmlElement item) =>
        item.GetFirstChild<Text>()?.Text ?? string.Concat(item.Elements<Run>().Select(r => r.Text?.Text));

    private static int ColumnIndex(string reference)
    {
        var column = 0;
        foreach (var ch in reference)
        {
            if (!char.IsAsciiLetter(ch))
            {
                break;
            }

            column = (column * 26) + (char.ToUpperInvariant(ch) - 'A' + 1);
        }

        return column - 1;
    }
}
