using System.Globalization;
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
/// Redacts an XLSX workbook in place in a copy, through the Open XML SDK: each worksheet's cells are read as scan's
/// workbook reader reads them (strings as they are, whole numbers without exponent), detected sheet by sheet with
/// the same column plan and recognizers, and only the cells with a finding are rewritten. Everything else — sheets,
/// styles, formulas, column widths, other cells and their types — stays as it was. A replaced string cell becomes
/// an inline string; a replaced number stays a number when its replacement is one (a pseudonymous mobile), else it
/// becomes text (a mask); a replaced formula cell keeps its value only (the formula could hold the identifier).
/// A shared string that no cell uses any more is emptied, so no identifier stays in the file unseen.
/// </summary>
internal sealed class WorkbookRedactor
{
    private readonly string _source;
    private readonly RedactOptions _options;
    private readonly Pseudonyms? _pseudonyms;
    private readonly Detector _detector;
    private readonly RecordBatch _batch = new();
    private readonly BatchResult _result = new();
    private readonly List<Cell> _cells = [];
    private readonly List<int> _firstCell = [];
    private readonly long[] _replaced = new long[256];
    private readonly List<ScanError> _errors = [];
    private readonly List<ScanError> _notes = [];
    private List<SharedStringItem> _shared = [];
    private bool[] _sharedReplaced = [];
    private bool[] _sharedKept = [];
    private long _records;

    private WorkbookRedactor(string source, RedactOptions options)
    {
        _source = source;
        _options = options;
        _pseudonyms = options.Mode == RedactionMode.Pseudonymize ? new Pseudonyms([.. options.Key!]) : null;
        _detector = new Detector(options.MinConfidence);
    }

    /// <summary>Redacts the workbook at <paramref name="path"/> into <paramref name="output"/>; nothing is written when it cannot be read.</summary>
    public static RedactResult Redact(string path, Stream output, RedactOptions options)
    {
        var redactor = new WorkbookRedactor(Path.GetFileName(path), options);
        var work = Path.Combine(Path.GetTempPath(), $"tracemark-redact-{Guid.NewGuid():N}.xlsx");
        try
        {
            File.Copy(path, work);
            try
            {
                using var document = SpreadsheetDocument.Open(work, isEditable: true);
                redactor.Run(document);
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

    private void Run(SpreadsheetDocument document)
    {
        var book = document.WorkbookPart ?? throw new InvalidDataException("no workbook part");
        var strings = book.SharedStringTablePart?.SharedStringTable;
        _shared = strings is null ? [] : [.. strings.Elements<SharedStringItem>()];
        _sharedReplaced = new bool[_shared.Count];
        _sharedKept = new bool[_shared.Count];
        foreach (var sheet in book.Workbook.Sheets?.Elements<Sheet>() ?? [])
        {
            if (sheet.Id?.Value is not { } id || book.GetPartById(id) is not WorksheetPart part)
            {
                continue; // a chart sheet holds no cells
            }

            var name = sheet.Name?.Value ?? id;
            RedactSheet(part, new Table($"{_source}!{name}", TableFormat.Xlsx, "xlsx"));
            if (part.WorksheetCommentsPart is not null || part.GetPartsOfType<WorksheetThreadedCommentsPart>().Any())
            {
                _errors.Add(new ScanError($"{_source}!{name}", null, "its cell comments were not redacted (delete them, or export the sheet as CSV)"));
            }
        }

        if (book.PivotTableCacheDefinitionParts.Any())
        {
            _errors.Add(new ScanError(_source, null, "its pivot tables keep a copy of their data that was not redacted (delete the pivot tables first)"));
        }

        // A shared string some replaced cell used and no kept cell uses would stay in the file in clear.
        var emptied = false;
        for (var i = 0; i < _shared.Count; i++)
        {
            if (_sharedReplaced[i] && !_sharedKept[i])
            {
                _shared[i].RemoveAllChildren();
                _shared[i].AppendChild(new Text(string.Empty));
                emptied = true;
            }
        }

        if (emptied)
        {
            strings!.Save();
        }
    }

    private void RedactSheet(WorksheetPart part, Table table)
    {
        var worksheet = part.Worksheet;
        var data = worksheet.GetFirstChild<SheetData>();
        if (data is null)
        {
            return;
        }

        _batch.Clear();
        _batch.Table = table;
        var changed = false;
        long rowNumber = 0;
        foreach (var row in data.Elements<Row>())
        {
            // As scan's reader: rows numbered from 1, a row missing from the sheet read as an empty record.
            var number = row.RowIndex?.Value is { } r ? (long)r : rowNumber + 1;
            while (rowNumber + 1 < number)
            {
                rowNumber++;
                Begin(rowNumber, ref changed);
            }

            rowNumber = number;
            Begin(rowNumber, ref changed);
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

        changed |= Flush();
        if (changed)
        {
            worksheet.Save();
        }

        // One sheet's tree in memory at a time: the SDK keeps a loaded part's tree until the package closes.
        part.UnloadRootElement();
    }

    private void Begin(long number, ref bool changed)
    {
        if (_batch.IsFull)
        {
            changed |= Flush();
        }

        _batch.BeginRecord(number);
        _firstCell.Add(_cells.Count);
        _records++;
    }

    // Detects the batch and rewrites the cells with findings; true when any cell changed.
    private bool Flush()
    {
        var changed = false;
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
                    changed = true;
                }
                else
                {
                    Keep(_cells[c]);
                }
            }
        }

        var plan = _batch.Table;
        _batch.Clear();
        _batch.Table = plan;
        _cells.Clear();
        _firstCell.Clear();
        return changed;
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
            return SharedIndex(cell) is { } i ? StringOf(_shared[i]) : null;
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
