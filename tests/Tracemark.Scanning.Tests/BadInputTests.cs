using System.Text;
using FsCheck.Fluent;
using Tracemark.Scanning.Reading;
using Tracemark.Tests;

namespace Tracemark.Scanning.Tests;

public sealed class BadInputTests
{
    private static readonly byte[] Csv = Scans.Utf8("姓名,手机\n张三,13800138000\n");

    [Fact]
    public void A_binary_file_is_named_and_skipped_and_the_scan_goes_on()
    {
        var png = new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13 };
        var r = Scans.Files(("photo.png", png), ("leak.csv", Csv));
        var error = Assert.Single(r.Summary.Errors);
        Assert.Equal("photo.png", error.Source);
        Assert.Contains("PNG image", error.Message, StringComparison.Ordinal);
        Assert.Equal("13800138000", Assert.Single(r.Values("mobile")));
        Assert.False(r.Summary.Complete);
    }

    [Fact]
    public void A_missing_path_is_an_error_naming_it()
    {
        var r = Scans.Run(new ScanOptions { Paths = ["/no/such/place.csv"] });
        var error = Assert.Single(r.Summary.Errors);
        Assert.Equal("/no/such/place.csv", error.Source);
        Assert.Contains("no such file", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_file_is_read_without_complaint()
    {
        var r = Scans.Files(("empty.csv", []), ("leak.csv", Csv));
        Assert.True(r.Summary.Complete);
        Assert.Equal(2, r.Summary.Files);
    }

    [Fact]
    public void An_unbalanced_quote_is_reported_with_its_record_and_later_records_still_count()
    {
        var r = Scans.Text("姓名,手机\n\"张三,13800138000\n李四,13912345678\n王五,15012345678\n", "q.csv");
        var error = Assert.Single(r.Summary.Errors);
        Assert.Equal(("q.csv", 1L), (error.Source, error.Record!.Value));
        Assert.Equal(["13800138000", "13912345678", "15012345678"], r.Values("mobile").Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Standard_input_is_scanned_as_dash()
    {
        var r = Scans.Run(new ScanOptions { Paths = ["-"], Stdin = () => new MemoryStream(Scans.Bytes(Scans.Gbk, "客户张三 手机13800138000\n")) });
        Assert.Equal("-", Assert.Single(r.Of("mobile")).Key.Source);
        Assert.Equal("gb18030", Assert.Single(r.Summary.Tables).Encoding);
    }

    [Fact]
    public void Identifiers_at_the_seams_of_a_line_longer_than_the_window_are_found_exactly_once()
    {
        // Mobiles placed just before, across and just after each seam between pieces of a long line.
        const int window = LineReader.PieceChars;
        var line = new StringBuilder(new string('甲', (3 * window) + 5000));
        var mobiles = new List<string>();
        var n = 0;
        foreach (var seam in new[] { window - LineReader.Overlap, (2 * window) - (2 * LineReader.Overlap) })
        {
            // Far enough apart (each insert is 13 characters) not to overwrite one another.
            foreach (var offset in new[] { -600, -520, -460, -40, -20, 0, 20, 60, 200, 440, 480, 600 })
            {
                var mobile = $"1380013{n++:D4}";
                var at = seam + offset;
                line.Remove(at, 13).Insert(at, "手机" + mobile);
                mobiles.Add(mobile);
            }
        }

        var r = Scans.Text(line + "\n客户李四 手机13912345678\n", "huge.txt");
        var found = r.Values("mobile").ToList();
        Assert.Equal(mobiles.Append("13912345678").Order(StringComparer.Ordinal), found.Order(StringComparer.Ordinal));
        Assert.Contains(r.Summary.Notes, e => e.Message.Contains("read in overlapping pieces", StringComparison.Ordinal));
        Assert.True(r.Summary.Complete);
        Assert.Equal(2, r.Of("mobile").Single(f => f.Key.Value == "13912345678").Key.Record);
    }

    [Fact]
    public void Any_bytes_are_read_without_an_exception()
    {
        var chunks = Gen.Elements(
            Scans.Utf8("手机13800138000,"), Scans.Utf8("\"unclosed"), Scans.Utf8("{\"a\":"), Scans.Utf8("\n"), Scans.Utf8("----"),
            new byte[] { 0xFF, 0xFE }, new byte[] { 0x50, 0x4B, 0x03, 0x04 }, new byte[] { 0 }, Scans.Bytes(Scans.Gbk, "张三"), new byte[] { 0xE5, 0xBC });
        Properties.Hold(Gen.ListOf(chunks).Select(list => list.SelectMany(b => b).ToArray()), bytes =>
        {
            var r = Scans.Files(("fuzz.dat", bytes), ("leak.csv", Csv));

            // Whatever the fuzz file holds, the other file is read in full.
            Assert.Contains(r.Findings, f => f.Key.Source == "leak.csv" && f.Key.Value == "13800138000");
        }, count: 150);
    }

    [Fact]
    public void A_first_record_that_is_an_unclosed_quote_is_not_taken_for_a_header()
    {
        // Found by the property above: an unclosed quote makes the first record a free-text piece (no column),
        // which the header reader indexed at column -1.
        byte[] bytes = [34, 117, 110, 99, 108, 111, 115, 101, 100, 34, 117, 110, 99, 108, 111, 115, 101, 100, 80, 75, 3, 4, 230, 137, 139, 230, 156, 186, 49, 51, 56, 48, 48, 49, 51, 56, 48, 48, 48, 44, 230, 137, 139, 230, 156, 186, 49, 51, 56, 48, 48, 49, 51, 56, 48, 48, 48, 44, 34, 117, 110, 99, 108, 111, 115, 101, 100, 255, 254];
        var r = Scans.Files(("fuzz.dat", bytes), ("leak.csv", Csv));
        Assert.Contains(r.Findings, f => f.Key.Source == "leak.csv" && f.Key.Value == "13800138000");
    }

    [Fact]
    public async Task A_failing_findings_file_stops_the_scan_with_its_error_instead_of_hanging()
    {
        // A full disk: the findings file fails after a few kilobytes while the reader has much more to post.
        using var dir = new TempDir("fail");
        Directory.CreateDirectory(dir.Path);
        File.WriteAllText(dir.File("big.csv"), "姓名,手机\n" + string.Concat(Enumerable.Range(0, 200_000).Select(i => $"张三,1380013{i % 10_000:D4}\n")));
        using var full = new FullDisk(4096);
        var scan = Task.Run(() => Scanner.Scan(new ScanOptions { Paths = [dir.Path], Findings = full }));

        // The time limit only guards against the hang this test is about; the scan itself takes about a second.
        var error = await Assert.ThrowsAsync<IOException>(() => scan.WaitAsync(TimeSpan.FromMinutes(2)));
        Assert.Contains("no space", error.Message, StringComparison.Ordinal);
    }

    private sealed class FullDisk(long capacity) : Stream
    {
        private long _written;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => _written;

        public override long Position { get => _written; set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count)
        {
            if (_written + count > capacity)
            {
                throw new IOException("no space left on device");
            }

            _written += count;
        }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
