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
    public void A_line_longer_than_the_window_comes_in_overlapping_pieces_with_one_line_number()
    {
        var line = new string('甲', 9 * 1024 * 1024);
        var (rows, errors) = Lines(line + "\nnext");
        Assert.Single(errors);
        var pieces = rows.Where(r => r.Number == 1).ToList();
        Assert.True(pieces.Count >= 3);
        Assert.True(pieces.Sum(p => p.Texts[0].Length) >= line.Length);
        Assert.Equal("next", rows[^1].Texts[0]);
        Assert.Equal(2, rows[^1].Number);
    }
}
