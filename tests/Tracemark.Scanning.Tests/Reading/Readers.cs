using System.Text;
using Tracemark.Scanning.Input;
using Tracemark.Scanning.Reading;

namespace Tracemark.Scanning.Tests.Reading;

/// <summary>Runs a reader over text and returns records (raw number and fields by column) and errors.</summary>
internal static class Readers
{
    public sealed record Row(long Number, (int Column, string Text)[] Fields)
    {
        public string[] Texts => [.. Fields.Select(f => f.Text)];
    }

    public static (List<Row> Rows, List<ScanError> Errors) Read(string text, Func<TextWindow, Table, Action<ScanError>, IRecordReader> make, TableFormat format = TableFormat.Csv)
    {
        var errors = new List<ScanError>();
        var window = new TextWindow(new MemoryStream(Encoding.UTF8.GetBytes(text)), new UTF8Encoding(false).GetDecoder(), []);
        var table = new Table("t", format, "utf-8");
        var rows = new List<Row>();
        using var reader = make(window, table, errors.Add);
        var batch = new RecordBatch();
        while (reader.Read(batch))
        {
            for (var r = 0; r < batch.Count; r++)
            {
                var fields = Enumerable.Range(0, batch.FieldCount(r)).Select(f => (batch.Column(r, f), batch.Field(r, f).ToString())).ToArray();
                rows.Add(new Row(batch.Number(r), fields));
            }
        }

        return (rows, errors);
    }

    public static (List<Row> Rows, List<ScanError> Errors) Csv(string text, string delimiter = ",") =>
        Read(text, (w, t, e) => new DelimitedReader(w, t, delimiter, e));
}
