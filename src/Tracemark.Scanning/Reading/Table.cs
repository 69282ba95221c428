using Tracemark.Scanning.Detection;

namespace Tracemark.Scanning.Reading;

/// <summary>How a source's records are laid out.</summary>
internal enum TableFormat
{
    /// <summary>Lines of free text (chat logs, notes); record numbers are line numbers.</summary>
    Text,
    /// <summary>Lines split by a separator such as ---- or | (broker dumps); record numbers are line numbers.</summary>
    Dump,
    /// <summary>Comma- or semicolon-separated values (RFC 4180 quoting).</summary>
    Csv,
    /// <summary>Tab-separated values.</summary>
    Tsv,
    /// <summary>One JSON object per line.</summary>
    JsonLines,
    /// <summary>A JSON document; records are the objects of its first array of objects.</summary>
    Json,
    /// <summary>An Office Open XML workbook sheet.</summary>
    Xlsx,
    /// <summary>A legacy Excel workbook sheet.</summary>
    Xls,
}

/// <summary>One table of records: a file, a sheet of a workbook, or an archive member.</summary>
internal sealed class Table(string source, TableFormat format, string encoding)
{
    private readonly Dictionary<string, int> _columnByName = new(StringComparer.Ordinal);

    /// <summary>Name as in findings: "a.csv", "a.xlsx!Sheet1", "a.zip!inner.csv".</summary>
    public string Source { get; } = source;

    public TableFormat Format { get; } = format;

    public string Encoding { get; } = encoding;

    /// <summary>Column names by index: header texts, JSON key paths; null where there is none.</summary>
    public List<string?> Columns { get; } = [];

    /// <summary>Text and dumps number records by line; tabular formats by data record (header row excluded).</summary>
    public bool LineNumbered => Format is TableFormat.Text or TableFormat.Dump;

    /// <summary>Whether the first row is a header (decided when the plan is made).</summary>
    public bool HeaderRow { get; set; }

    /// <summary>How each column is read; made from the first batch.</summary>
    public ColumnPlan? Plan { get; set; }

    /// <summary>The record number findings report for a raw row number.</summary>
    public long RecordNumber(long raw) => HeaderRow && !LineNumbered ? raw - 1 : raw;

    /// <summary>Index of a named column, added when new (JSON keys).</summary>
    public int ColumnOf(string name)
    {
        if (!_columnByName.TryGetValue(name, out var index))
        {
            index = Columns.Count;
            Columns.Add(name);
            _columnByName[name] = index;
        }

        return index;
    }

    /// <summary>Display name of a column: its header, or its 1-based number.</summary>
    public string ColumnName(int column) =>
        column >= 0 && column < Columns.Count && Columns[column] is { Length: > 0 } name ? name : (column + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
