using Tracemark.Scanning.Reading;

namespace Tracemark.Scanning.Tests.Reading;

public sealed class LineReaderTests
{
    private static (List<Readers.Row> Rows, List<Tracemark.Scanning.Input.ScanError> Errors) Lines(string text) =>
        Readers.Read(text, (w, t, e) => new LineReader(w, t, e), TableFormat.Text);

    [Fact]
    public void Each_line_is_a_record_numbered_by_line()
    {
        var (rows, _) = Lines("one\r\ntwo\n\nfour");
        Assert.Equal([1L, 2, 3, 4], rows.Select(r => r.Number));
        Assert.Equal(["one", "two", "", "four"], rows.Select(r => r.Texts[0]));
    }

    [Fact]
    public void A_long_line_comes_in_overlapping_pieces_with_one_line_number()
    {
        var line = new string('甲', (3 * LineReader.PieceChars) + 1000);
        var (rows, errors) = Lines(line + "\nnext");
        Assert.True(Assert.Single(errors).IsNote);
        var pieces = rows.Where(r => r.Number == 1).ToList();
        Assert.Equal(4, pieces.Count);
        Assert.All(pieces, p => Assert.InRange(p.Texts[0].Length, 1, LineReader.PieceChars));
        Assert.Equal(line.Length + (3 * LineReader.Overlap), pieces.Sum(p => p.Texts[0].Length));
        Assert.Equal("next", rows[^1].Texts[0]);
        Assert.Equal(2, rows[^1].Number);
    }

    [Fact]
    public void A_long_last_line_without_a_line_end_is_still_read_in_pieces()
    {
        // The input ends inside the line: it must not turn into one huge record, nor into several line numbers.
        var line = new string('乙', (2 * LineReader.PieceChars) + 10);
        var (rows, _) = Lines(line);
        Assert.Equal(3, rows.Count);
        Assert.All(rows, r => Assert.Equal(1, r.Number));
        Assert.Equal(line.Length + (2 * LineReader.Overlap), rows.Sum(p => p.Texts[0].Length));
    }
}
