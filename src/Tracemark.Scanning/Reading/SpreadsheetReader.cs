using System.Globalization;
using ExcelDataReader;
using Tracemark.Scanning.Input;

namespace Tracemark.Scanning.Reading;

/// <summary>
/// Every sheet of an XLSX or legacy XLS workbook (ExcelDataReader), each sheet its own table named
/// "book.xlsx!Sheet". Numbers are written without exponent (an 11-digit mobile stored as a number reads back as
/// its digits); an 18-digit ID stored as a number has already lost its last digits in Excel and cannot validate.
/// </summary>
internal sealed class SpreadsheetReader : IRecordReader
{
    private readonly IExcelDataReader _reader;
    private readonly Stream _stream;
    private readonly string _source;
    private readonly TableFormat _format;
    private readonly Action<ScanError> _errors;
    private readonly char[] _scratch = new char[64];
    private Table _table;
    private long _row;
    private bool _sheetDone;
    private bool _done;

    private SpreadsheetReader(IExcelDataReader reader, Stream stream, string source, TableFormat format, Action<ScanError> errors)
    {
        _reader = reader;
        _stream = stream;
        _source = source;
        _format = format;
        _errors = errors;
        _table = NewTable();
    }

    /// <summary>Opens a workbook (the stream must be seekable); null, with the error reported, when it cannot be read.</summary>
    public static SpreadsheetReader? Open(Stream seekable, string source, TableFormat format, Action<ScanError> errors)
    {
        try
        {
            var reader = ExcelReaderFactory.CreateReader(seekable, new ExcelReaderConfiguration { LeaveOpen = false });
            return new SpreadsheetReader(reader, seekable, source, format, errors);
        }
        catch (Exception ex) when (IsWorkbookError(ex))
        {
            errors(new ScanError(source, null, $"not a readable {(format == TableFormat.Xls ? "XLS" : "XLSX")} workbook ({Describe(ex)}); skipped"));
            seekable.Dispose();
            return null;
        }
    }

    public long BytesRead => _stream.CanSeek ? _stream.Position : 0;

    public bool Read(RecordBatch batch)
    {
        batch.Clear();
        if (_done)
        {
            return false;
        }

        if (_sheetDone)
        {
            if (!Next(() => _reader.NextResult()))
            {
                _done = true;
                return false;
            }

            _table = NewTable();
            _row = 0;
            _sheetDone = false;
        }

        batch.Table = _table;
        while (!batch.IsFull)
        {
            if (!Next(() => _reader.Read()))
            {
                _sheetDone = true;
                break;
            }

            _row++;
            batch.BeginRecord(_row);
            for (var i = 0; i < _reader.FieldCount; i++)
            {
                var text = Cell(i);
                if (!text.IsEmpty)
                {
                    batch.AddField(i, text);
                }
            }
        }

        // An empty sheet still ends; move on to the next one in the same call.
        return batch.Count > 0 || Read(batch);
    }

    private Table NewTable() => new($"{_source}!{_reader.Name}", _format, _format == TableFormat.Xls ? Sniffer.XlsLabel : Sniffer.XlsxLabel);

    private bool Next(Func<bool> step)
    {
        try
        {
            return step();
        }
        catch (Exception ex) when (IsWorkbookError(ex))
        {
            _errors(new ScanError(_table.Source, _table.RecordNumber(_row + 1), $"workbook damaged here ({Describe(ex)}); the rest of it was not read"));
            _done = true;
            return false;
        }
    }

    private ReadOnlySpan<char> Cell(int i)
    {
        var value = _reader.GetValue(i);
        int n;
        switch (value)
        {
            case null:
                return default;
            case string s:
                return s;
            case double d when Math.Abs(d) < 1e15 && d == Math.Floor(d):
                return d.TryFormat(_scratch, out n, "F0", CultureInfo.InvariantCulture) ? _scratch.AsSpan(0, n) : default;
            case double d:
                return d.TryFormat(_scratch, out n, "R", CultureInfo.InvariantCulture) ? _scratch.AsSpan(0, n) : default;
            case DateTime t:
                return t.TryFormat(_scratch, out n, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) ? _scratch.AsSpan(0, n) : default;
            default:
                return Convert.ToString(value, CultureInfo.InvariantCulture);
        }
    }

    private static bool IsWorkbookError(Exception ex) =>
        ex is IOException or InvalidDataException or ExcelDataReader.Exceptions.ExcelReaderException or System.Xml.XmlException
            or FormatException or InvalidOperationException or ArgumentException or NotSupportedException or IndexOutOfRangeException
            or EndOfStreamException or OverflowException;

    private static string Describe(Exception ex) => ex.Message.Split('\n')[0].TrimEnd('.');

    public void Dispose()
    {
        _reader.Dispose();
        _stream.Dispose();
    }
}
