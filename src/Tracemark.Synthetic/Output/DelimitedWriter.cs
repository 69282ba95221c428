using System.Text;

namespace Tracemark.Synthetic.Output;

/// <summary>Writes delimited rows (RFC 4180 quoting: fields holding the delimiter, quotes or line breaks are quoted).</summary>
internal sealed class DelimitedWriter : IDisposable
{
    private readonly StreamWriter _writer;
    private readonly char _delimiter;

    public DelimitedWriter(Stream stream, Encoding encoding, char delimiter)
    {
        _writer = new StreamWriter(stream, encoding, bufferSize: 1 << 16, leaveOpen: true) { NewLine = "\r\n" };
        _delimiter = delimiter;
    }

    public void WriteRow(IReadOnlyList<string?> cells)
    {
        for (var i = 0; i < cells.Count; i++)
        {
            if (i > 0)
            {
                _writer.Write(_delimiter);
            }

            var cell = cells[i] ?? string.Empty;
            if (cell.AsSpan().IndexOfAny(_delimiter, '"', '\n') >= 0 || cell.Contains('\r', StringComparison.Ordinal))
            {
                _writer.Write('"');
                _writer.Write(cell.Replace("\"", "\"\"", StringComparison.Ordinal));
                _writer.Write('"');
            }
            else
            {
                _writer.Write(cell);
            }
        }

        _writer.WriteLine();
    }

    public void Dispose() => _writer.Dispose();
}
