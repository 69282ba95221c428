using System.IO.Compression;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Tracemark.Scanning.Input;
using Tracemark.Tests;

namespace Tracemark.Scanning.Tests.Input;

public sealed class TableFileTests
{
    static TableFileTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private static Gen<string> Field => Gen.Elements("", "a", "b,c", "say \"hi\"", "two\nlines", "张三", " spaced ", "13800138000", "\"", ",", "浙江省杭州市西湖区文三路 1 号", "x;y\tz");

    [Fact]
    public void Any_table_written_with_rfc_4180_quoting_reads_back_exactly_in_utf8_and_gb18030_each_record_named_by_its_line() =>
        Properties.Hold(Gen.NonEmptyListOf(Gen.ArrayOf(Field, 3)).Zip(Gen.Elements("utf-8", "GB18030")), pair =>
        {
            var (rows, encoding) = pair;
            using var dir = new TempDir("tablefile");
            Directory.CreateDirectory(dir.Path);
            var text = new StringBuilder("customer_id,mobile,address\r\n");
            var expected = rows.Select((r, i) => r.Prepend($"C{i}").ToArray()).ToList();
            foreach (var row in expected)
            {
                text.Append(string.Join(',', row.Select(Quote))).Append("\r\n");
            }

            var path = dir.File("t.csv");
            File.WriteAllBytes(path, Encoding.GetEncoding(encoding).GetBytes(text.ToString()));
            var errors = new List<ScanError>();
            var read = TableFile.Read(path, errors.Add).ToList();

            Assert.Empty(errors);
            Assert.True(read[0].IsHeader);
            Assert.Equal(["customer_id", "mobile", "address"], read[0].Fields);
            var data = read.Skip(1).ToList();
            Assert.Equal(expected.Count, data.Count);
            var line = 2L;
            for (var i = 0; i < expected.Count; i++)
            {
                // Trailing empty fields may be absent; the rest is exact.
                Assert.Equal(expected[i], data[i].Fields.Concat(Enumerable.Repeat(string.Empty, 4 - data[i].Fields.Count)));
                Assert.Same(read[0].Header, data[i].Header);

                // Each record is named by the line it starts on, below the line breaks quoted before it.
                Assert.Equal(line, data[i].Line);
                line += 1 + expected[i].Sum(f => f.Count(c => c == '\n'));
            }
        }, count: 100);

    [Fact]
    public void The_tables_of_a_zip_come_in_order_each_with_its_header_and_member_name()
    {
        using var dir = new TempDir("tablefile-zip");
        Directory.CreateDirectory(dir.Path);
        var path = dir.File("export.zip");
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Create))
        {
            Write(zip, "a.csv", "id,name\n1,张三\n2,李四\n");
            Write(zip, "b.tsv", "id\tmobile\n3\t13800138000\n");
            Write(zip, "c.jsonl", "{\"id\":4,\"who\":{\"name\":\"王五\"}}\n");
        }

        var monitor = new ScanMonitor();
        var read = TableFile.Read(path, _ => Assert.Fail("no error expected"), monitor).ToList();

        // The counters a progress bar reads: the archive's size, and the data records handed over (headers not counted).
        Assert.Equal(new FileInfo(path).Length, monitor.TotalBytes);
        Assert.Equal(4, monitor.Records);
        Assert.True(monitor.BytesRead > 0);
        Assert.Equal(["export.zip!a.csv", "export.zip!a.csv", "export.zip!a.csv", "export.zip!b.tsv", "export.zip!b.tsv", "export.zip!c.jsonl"], read.Select(r => r.Source));
        Assert.Equal([true, false, false, true, false, false], read.Select(r => r.IsHeader));
        Assert.Equal(["2", "李四"], read[2].Fields);
        Assert.Equal(3, read[2].Line);
        Assert.Equal(["id", "mobile"], read[4].Header);
        Assert.Equal("王五", read[5].Fields[read[5].Header.ToList().IndexOf("who.name")]);
    }

    [Fact]
    public void A_broken_quote_is_reported_with_its_place_and_the_rest_is_read()
    {
        using var dir = new TempDir("tablefile-bad");
        Directory.CreateDirectory(dir.Path);
        var path = dir.File("bad.csv");
        File.WriteAllText(path, "a,b\n1,2\n\"open,3\n");
        var errors = new List<ScanError>();

        var read = TableFile.Read(path, errors.Add).ToList();

        Assert.Contains(read, r => r.Fields.SequenceEqual(["1", "2"]));
        Assert.Contains(errors, e => e.Source == "bad.csv" && e.Message.Contains("never closes", StringComparison.Ordinal));
    }

    [Fact]
    public void A_missing_file_is_an_error_not_an_empty_table()
    {
        var errors = new List<ScanError>();
        Assert.Empty(TableFile.Read("/nonexistent/owner.csv", errors.Add));
        Assert.Contains(errors, e => e.Message.Contains("no such file", StringComparison.Ordinal));
    }

    private static void Write(ZipArchive zip, string name, string text)
    {
        using var w = new StreamWriter(zip.CreateEntry(name).Open());
        w.Write(text);
    }

    private static string Quote(string field) =>
        field.AsSpan().IndexOfAny(",\"\n") >= 0 ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;
}
