using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Tracemark.Tests;

namespace Tracemark.Scanning.Tests.Reading;

public sealed class DelimitedReaderTests
{
    [Theory]
    // Plain fields, LF and CRLF line ends, a missing final line end.
    [InlineData("a,b,c\n1,2,3\n", new[] { "a|b|c", "1|2|3" })]
    [InlineData("a,b\r\n1,2\r\n", new[] { "a|b", "1|2" })]
    [InlineData("a,b\n1,2", new[] { "a|b", "1|2" })]
    // Quoted fields keep delimiters, doubled quotes and line breaks (RFC 4180).
    [InlineData("\"a,b\",c\n", new[] { "a,b|c" })]
    [InlineData("\"say \"\"hi\"\"\",x\n", new[] { "say \"hi\"|x" })]
    [InlineData("\"line1\nline2\",x\n", new[] { "line1\nline2|x" })]
    // Empty fields, including a trailing one.
    [InlineData("a,,c\n", new[] { "a||c" })]
    [InlineData("a,b,\n", new[] { "a|b|" })]
    // A quote inside an unquoted field is just a character.
    [InlineData("ab\"c,d\n", new[] { "ab\"c|d" })]
    public void Parses_rfc_4180(string text, string[] expected)
    {
        var (rows, errors) = Readers.Csv(text);
        Assert.Empty(errors);
        Assert.Equal(expected, rows.Select(r => string.Join('|', r.Texts)));
    }

    [Fact]
    public void Multi_character_separators_split_dumps()
    {
        var (rows, _) = Readers.Csv("张三----13800138000----11010519491231002X\n李四--------440524188001010014\n", "----");
        Assert.Equal(["张三", "13800138000", "11010519491231002X"], rows[0].Texts);
        Assert.Equal(["李四", "", "440524188001010014"], rows[1].Texts);
    }

    [Fact]
    public void Record_numbers_count_records_not_lines()
    {
        var (rows, _) = Readers.Csv("h\n\"two\nlines\"\nthird\n");
        Assert.Equal([1L, 2, 3], rows.Select(r => r.Number));
    }

    [Fact]
    public void An_unbalanced_quote_is_reported_and_the_rest_of_the_file_is_still_read()
    {
        var (rows, errors) = Readers.Csv("a,b\n\"open,1\n13800138000,2\nlast,3\n");
        var error = Assert.Single(errors);
        Assert.Equal(2, error.Record);
        Assert.Contains("unbalanced quote", error.Message, StringComparison.Ordinal);
        Assert.Contains(rows, r => r.Texts.SequenceEqual(["13800138000", "2"]));
        Assert.Contains(rows, r => r.Texts.SequenceEqual(["last", "3"]));
    }

    [Fact]
    public void A_record_longer_than_the_window_is_read_in_pieces()
    {
        var huge = new string('x', 5 * 1024 * 1024);
        var (rows, errors) = Readers.Csv($"a,b\n{huge},13800138000\nend,1\n");
        Assert.Contains(errors, e => e.Message.Contains("longer than", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.Texts.SequenceEqual(["end", "1"]));
    }

    private static Gen<string> Field => Gen.Elements("", "a", "b,c", "say \"hi\"", "two\nlines", "张三", " spaced ", "13800138000", "\"", ",")
        .Or(ArbMap.Default.ArbFor<string>().Generator.Select(s => (s ?? string.Empty).Replace("\r", string.Empty, StringComparison.Ordinal)));

    [Fact]
    public void Any_fields_written_with_rfc_4180_quoting_read_back_exactly() =>
        Properties.Hold(Gen.NonEmptyListOf(Gen.NonEmptyListOf(Field)), table =>
        {
            // A record of one empty field is a blank line: give every record a non-empty first field.
            var rows = table.Select(r => r.Prepend("k").ToArray()).ToList();
            var text = new StringBuilder();
            foreach (var row in rows)
            {
                text.Append(string.Join(',', row.Select(Quote))).Append("\r\n");
            }

            var (read, errors) = Readers.Csv(text.ToString());
            Assert.Empty(errors);
            Assert.Equal(rows.Count, read.Count);
            for (var i = 0; i < rows.Count; i++)
            {
                Assert.Equal(rows[i], read[i].Texts);
            }
        }, count: 200);

    private static Gen<string> DumpPiece => Gen.Elements("", "-", "--", "---", "----", "-----", "\n", "\r\n", "\r", "张三", "13800138000", "11010519491231002X", "a|b", " ", "\t")
        .Or(ArbMap.Default.ArbFor<string>().Generator.Select(s => s ?? string.Empty));

    // Any text, read as a "----" dump, gives each line (ended by \n, \r\n or a lone \r) split on "----" from the left,
    // with its line number: the line end is searched once per record, the separators within it.
    [Fact]
    public void Any_dump_text_reads_as_its_lines_split_on_the_separator() =>
        Properties.Hold(Gen.ListOf(DumpPiece), pieces =>
        {
            var text = string.Concat(pieces);
            var lines = System.Text.RegularExpressions.Regex.Split(text, "\r\n|\r|\n").ToList();
            if (lines[^1].Length == 0)
            {
                lines.RemoveAt(lines.Count - 1);
            }

            var (read, errors) = Readers.Csv(text, "----");
            Assert.Empty(errors);
            Assert.Equal(lines.Count, read.Count);
            for (var i = 0; i < lines.Count; i++)
            {
                Assert.Equal(i + 1, read[i].Number);
                Assert.Equal(lines[i].Length == 0 ? [] : lines[i].Split("----"), read[i].Texts);
            }
        }, count: 2000);

    private static string Quote(string field) =>
        field.AsSpan().IndexOfAny(",\"\n") >= 0 || field.Contains('\r', StringComparison.Ordinal) ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;
}
