using Tracemark.Synthetic.Output;

namespace Tracemark.Synthetic.Shapes;

/// <summary>A delimited-text leak: a header row of Chinese column names and one row per record.</summary>
internal abstract class TableShape : LeakShape
{
    protected abstract string[] Headers { get; }

    protected virtual char Delimiter => ',';

    /// <summary>Fills one row's cells (same order as <see cref="Headers"/>), recording truth in <paramref name="record"/>.</summary>
    protected abstract void Fill(RecordContext record, string?[] cells);

    public override void Write(Stream output, ShapeRun run)
    {
        using var writer = new DelimitedWriter(output, Encoding, Delimiter);
        writer.WriteRow(Headers);
        var cells = new string?[Headers.Length];
        for (long i = 0; i < run.Records; i++)
        {
            var record = run.Begin(i, Slots, Encoding);
            Array.Clear(cells);
            Fill(record, cells);
            writer.WriteRow(cells);
            run.Commit(record, FileName, i + 1);
        }
    }
}
