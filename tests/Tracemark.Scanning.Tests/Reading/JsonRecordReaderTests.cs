using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Tracemark.Scanning.Input;
using Tracemark.Scanning.Reading;
using Tracemark.Tests;

namespace Tracemark.Scanning.Tests.Reading;

public sealed class JsonRecordReaderTests
{
    private static (List<Readers.Row> Rows, List<Tracemark.Scanning.Input.ScanError> Errors, Table Table) Json(string text, bool lines)
    {
        Table? table = null;
        var (rows, errors) = Readers.Read(text, (w, t, e) =>
        {
            table = t;
            return new JsonRecordReader(w, t, lines, e);
        }, lines ? TableFormat.JsonLines : TableFormat.Json);
        return (rows, errors, table!);
    }

    private static Dictionary<string, string> Named(Readers.Row row, Table table) =>
        row.Fields.ToDictionary(f => table.Columns[f.Column]!, f => f.Text);

    [Fact]
    public void Json_lines_fields_are_named_by_key_path()
    {
        var (rows, errors, table) = Json("{\"name\":\"张三\",\"contact\":{\"phone\":\"13800138000\",\"tags\":[\"a\",\"b\"]},\"age\":30,\"vip\":true}\n", lines: true);
        Assert.Empty(errors);
        var fields = rows.Single().Fields.Select(f => (table.Columns[f.Column], f.Text)).ToList();
        Assert.Contains(("name", "张三"), fields);
        Assert.Contains(("contact.phone", "13800138000"), fields);
        Assert.Contains(("contact.tags", "a"), fields);
        Assert.Contains(("contact.tags", "b"), fields);
        Assert.Contains(("age", "30"), fields);
    }

    [Fact]
    public void A_broken_line_is_reported_with_its_number_and_skipped()
    {
        var (rows, errors, _) = Json("{\"a\":\"1\"}\n{\"a\": oops}\n{\"a\":\"3\"}\n", lines: true);
        Assert.Equal([1L, 3], rows.Select(r => r.Number));
        var error = Assert.Single(errors);
        Assert.Equal(2, error.Record);
    }

    [Fact]
    public void Escapes_are_decoded()
    {
        var (rows, _, table) = Json("{\"name\":\"\\u5f20\\u4e09\"}\n", lines: true);
        Assert.Equal("张三", Named(rows.Single(), table)["name"]);
    }

    [Fact]
    public void A_document_array_yields_one_record_per_element()
    {
        var (rows, errors, table) = Json("[{\"phone\":\"13800138000\"},{\"phone\":\"13912345678\",\"id\":{\"no\":\"11010519491231002X\"}}]", lines: false);
        Assert.Empty(errors);
        Assert.Equal([1L, 2], rows.Select(r => r.Number));
        Assert.Equal("11010519491231002X", Named(rows[1], table)["id.no"]);
    }

    [Fact]
    public void Records_are_the_objects_of_the_first_array_of_objects()
    {
        var (rows, _, table) = Json("{\"total\": 2, \"data\": [{\"m\":\"13800138000\"},{\"m\":\"13912345678\"}], \"owner\": \"张三\"}", lines: false);
        Assert.Equal(3, rows.Count);
        Assert.Equal("13912345678", Named(rows[1], table)["m"]);

        // Values outside the array make one more record at the end.
        Assert.Equal("张三", Named(rows[2], table)["owner"]);
    }

    [Fact]
    public void A_single_object_document_is_record_one()
    {
        var (rows, _, table) = Json("{\n \"name\": \"张三\",\n \"phone\": \"13800138000\"\n}", lines: false);
        var row = Assert.Single(rows);
        Assert.Equal(1, row.Number);
        Assert.Equal("13800138000", Named(row, table)["phone"]);
    }

    [Fact]
    public void A_truncated_document_keeps_what_was_read_and_says_where_it_stopped()
    {
        var (rows, errors, _) = Json("[{\"m\":\"13800138000\"},{\"m\":\"139", lines: false);
        Assert.Single(rows);
        Assert.Single(errors);
    }

    [Fact]
    public void A_large_streamed_document_reads_every_record()
    {
        var text = "[" + string.Join(",", Enumerable.Range(0, 50_000).Select(i => $"{{\"n\":\"{i}\",\"pad\":\"{new string('x', 40)}\"}}")) + "]";
        var (rows, errors, table) = Json(text, lines: false);
        Assert.Empty(errors);
        Assert.Equal(50_000, rows.Count);

        // Every record whole, across batch boundaries: its own number and both fields.
        for (var i = 0; i < rows.Count; i++)
        {
            Assert.Equal(i + 1, rows[i].Number);
            var fields = Named(rows[i], table);
            Assert.Equal(i.ToString(System.Globalization.CultureInfo.InvariantCulture), fields["n"]);
            Assert.Equal(2, fields.Count);
        }
    }

    [Fact]
    public void Values_after_a_full_batch_of_records_are_not_lost()
    {
        // Exactly one batch of records, then a value outside the array: the document ends while the batch is full.
        var records = string.Join(",", Enumerable.Range(0, RecordBatch.Capacity).Select(i => $"{{\"n\":\"{i}\"}}"));
        var (rows, errors, table) = Json("{\"data\":[" + records + "],\"owner\":\"张三\"}", lines: false);
        Assert.Empty(errors);
        Assert.Equal(RecordBatch.Capacity + 1, rows.Count);
        Assert.Equal("张三", Named(rows[^1], table)["owner"]);
    }

    // JSON Lines in UTF-8 are parsed from the bytes read; every other encoding from decoded text. Both must give the
    // same records, fields, errors and invalid-byte reports for any input.
    private static (List<string> Rows, List<string> Errors) ReadBytes(byte[] bytes, bool raw, int chunk, bool flat = true) =>
        ReadBytes(bytes, raw, chunk, flat, out _);

    private static (List<string> Rows, List<string> Errors) ReadBytes(byte[] bytes, bool raw, int chunk, bool flat, out long flatLines)
    {
        var errors = new List<ScanError>();
        var window = new TextWindow(new ChunkedStream(bytes, chunk), new UTF8Encoding(false, false).GetDecoder(), []);
        var table = new Table("t", TableFormat.JsonLines, "utf-8");
        var rows = new List<string>();
        using var reader = new JsonRecordReader(window, table, lines: true, errors.Add, rawUtf8: raw, flat: flat);
        var batch = new RecordBatch();
        while (reader.Read(batch))
        {
            for (var r = 0; r < batch.Count; r++)
            {
                rows.Add(batch.Number(r) + ":" + string.Join("|", Enumerable.Range(0, batch.FieldCount(r)).Select(f => (batch.Column(r, f) is var c and >= 0 ? table.Columns[c] : "(none)") + "=" + batch.Field(r, f).ToString())));
            }
        }

        flatLines = reader.FlatLines;
        return (rows, [.. errors.Select(e => e.Record + " " + e.Message)]);
    }

    private static Gen<byte[]> Fragment => Gen.Elements(
        "{\"name\":\"张三\",\"phone\":\"13800138000\"}"u8.ToArray(), "{\"a\":{\"b\":[1,\"x\\u5f20\"]}}"u8.ToArray(), "\n"u8.ToArray(),
        "\r\n"u8.ToArray(), "\r"u8.ToArray(), "  \t"u8.ToArray(), "\u3000"u8.ToArray(), "\uFFFD"u8.ToArray(), "{\"a\": oops}"u8.ToArray(),
        "{\"x\":\"𠀀李\"}"u8.ToArray(), [0xE5, 0xBC], [0xFF], [0xE5], [0xBC, 0xA0], "{\"bad\":\""u8.ToArray(), "\"}"u8.ToArray());

    [Fact]
    public void Json_lines_read_from_utf8_bytes_match_those_read_from_decoded_text() =>
        Properties.Hold(Gen.Choose(1, 7).SelectMany(chunk => Gen.ListOf(Fragment).Select(f => (chunk, f))), input =>
        {
            var bytes = input.f.SelectMany(b => b).ToArray();
            var decoded = ReadBytes(bytes, raw: false, input.chunk);
            var raw = ReadBytes(bytes, raw: true, input.chunk);
            Assert.Equal(decoded.Rows, raw.Rows);
            Assert.Equal(Parsing(decoded.Errors), Parsing(raw.Errors));
            Assert.Equal(Total(decoded.Errors), Total(raw.Errors));
        }, count: 500);

    // Property names are matched by their bytes against those seen before (the next in order first). Whatever the order,
    // escaping, nesting or number of names (more than the cache keeps), each value lands in the column of its own key
    // path: every value here is its key path.
    private static Gen<string> Key => Gen.OneOf(Gen.Elements("phone", "ph", "phone2", "电话", "name", "a"), Gen.Choose(0, 99).Select(n => "k" + n));

    private static string Member(string key, bool escaped, string value) =>
        "\"" + (escaped ? $"\\u{(int)key[0]:x4}" + key[1..] : key) + "\":" + value;

    private static Gen<string> Line =>
        Gen.ListOf(Gen.Zip(Key, Gen.Zip(Gen.Elements(false, true), Gen.Elements(false, false, true)), (k, e) => (k, e.Item1, e.Item2))).Select(members => "{" + string.Join(",", members
            .DistinctBy(m => m.Item1)
            .Select(m => m.Item3
                ? Member("o" + m.Item1, m.Item2, "{" + Member(m.Item1, !m.Item2, "\"o" + m.Item1 + "." + m.Item1 + "\"") + "}")
                : Member(m.Item1, m.Item2, "\"" + m.Item1 + "\""))) + "}");

    [Fact]
    public void Json_lines_values_land_in_their_key_s_column_whatever_the_order_and_escaping_of_names() =>
        Properties.Hold(Gen.ListOf(Line), lines =>
        {
            var (rows, errors, table) = Json(string.Join("\n", lines) + "\n", lines: true);
            Assert.Empty(errors);
            Assert.Equal(lines.Count, rows.Count);
            foreach (var row in rows)
            {
                Assert.All(row.Fields, f => Assert.Equal(f.Text, table.Columns[f.Column]));
            }
        }, count: 5000);

    // Flat lines are read by a hand-written reader, anything else by Utf8JsonReader. Lines made of members that are
    // mostly flat, with every kind of departure (escapes, control characters, nesting, numbers and literals JSON does
    // not allow, comments, trailing commas, text after the object, bytes that are not UTF-8, stray spaces), must give
    // exactly the records, fields (by column name) and error messages of Utf8JsonReader alone.
    private static Gen<string> FlatKey => Gen.Elements("\"phone\"", "\"姓名\"", "\"a\"", "\"\"", "\"k\\u0031\"", "\"id card\"", "\"ph\"", "phone", "\"a\tb\"");

    private static Gen<string> FlatValue => Gen.Elements(
        "\"13800138000\"", "\"张三\"", "\"\"", "\"  \"", "\"a\\\"b\"", "\"\\u5f20\"", "\"x\ty\"", "\"𠀀\"", "\"\u3000\"",
        "0", "-0", "12", "-3.25", "1e5", "2E-3", "0.5e+2", "01", "1.", "-", ".5", "+1", "1e", "1.5.2", "12x", "0x1F",
        "true", "false", "null", "tru", "nulll", "True", "{\"b\":1}", "[1,\"x\"]", "{}", "[]", "\"unterminated", "/*c*/1", "1/*c*/");

    private static Gen<string> Space => Gen.Elements("", "", "", " ", "\t", "  ", "\r");

    private static Gen<string> FlatLine =>
        Gen.Zip(Gen.ListOf(Gen.Zip(Gen.Zip(FlatKey, FlatValue), Gen.Zip(Space, Space))), Gen.Zip(Space, Gen.Elements("", "", "", "", ",", " x", "}", "//c", "\"\"")))
            .Select(t => t.Item2.Item1 + "{" + string.Join(",", t.Item1.Select(m => m.Item2.Item1 + m.Item1.Item1 + m.Item2.Item2 + ":" + m.Item2.Item1 + m.Item1.Item2 + m.Item2.Item2)) + t.Item2.Item2 + "}" + t.Item2.Item1);

    private static Gen<byte[]> FlatLines =>
        Gen.ListOf(Gen.OneOf(FlatLine.Select(l => Encoding.UTF8.GetBytes(l + "\n")), Gen.Elements(new byte[] { 0xFF }, new byte[] { 0xE5, 0xBC }, "[1]\n"u8.ToArray(), "\"s\"\n"u8.ToArray(), "\n"u8.ToArray())))
            .Select(parts => parts.SelectMany(b => b).ToArray());

    [Fact]
    public void Flat_json_lines_read_by_hand_match_utf8_json_reader() =>
        Properties.Hold(Gen.Zip(FlatLines, Gen.Elements(false, true)), input =>
        {
            var (bytes, raw) = input;
            var flat = ReadBytes(bytes, raw, 4096, flat: true);
            var reader = ReadBytes(bytes, raw, 4096, flat: false);
            Assert.Equal(reader.Rows, flat.Rows);
            Assert.Equal(reader.Errors, flat.Errors);
        }, count: 3000);

    [Fact]
    public void Flat_lines_take_the_hand_written_path_and_others_utf8_json_reader()
    {
        var bytes = "{\"phone\":\"13800138000\",\"n\":12.5,\"ok\":true}\n{\"name\":\"\\u5f20\"}\n{\"a\":{\"b\":1}}\n{ \"name\" : \"张三\" , \"x\":null }\n"u8.ToArray();
        var (rows, errors) = ReadBytes(bytes, raw: true, chunk: 4096, flat: true, out var flatLines);
        Assert.Empty(errors);
        Assert.Equal(["1:phone=13800138000|n=12.5", "2:name=张", "3:a.b=1", "4:name=张三"], rows);
        Assert.Equal(2, flatLines);
    }

    private static List<string> Parsing(List<string> errors) => [.. errors.Where(e => !e.Contains("invalid byte sequence", StringComparison.Ordinal))];

    // Invalid sequences summed over the reports (which batch a report names depends on how far reading ran ahead).
    private static long Total(List<string> errors) =>
        errors.Where(e => e.Contains("invalid byte sequence", StringComparison.Ordinal)).Sum(e => long.Parse(e.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public void Invalid_utf8_in_a_json_line_is_read_as_replacement_characters_and_reported()
    {
        var bytes = "{\"name\":\"张\"}\n{\"name\":\""u8.ToArray().Concat(new byte[] { 0xE5, 0xFF }).Concat("\"}\n"u8.ToArray()).ToArray();
        var (rows, errors) = ReadBytes(bytes, raw: true, chunk: 4096);
        Assert.Equal(["1:name=张", "2:name=\uFFFD\uFFFD"], rows);
        Assert.Contains("2 invalid byte sequence", Assert.Single(errors), StringComparison.Ordinal);
    }

    // Hands out at most a few bytes per read, so lines and UTF-8 sequences are cut between reads.
    private sealed class ChunkedStream(byte[] bytes, int chunk) : MemoryStream(bytes)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, chunk));
    }
}
