using System.Text;
using System.Text.Json;
using FsCheck.Fluent;
using Tracemark.Identifiers;
using Tracemark.Tests;

namespace Tracemark.Scanning.Tests.Output;

/// <summary>
/// Free-text findings carry start/end (code points of the field's text, end exclusive) and a structured
/// explanation (recognizer, context words, validation), as Presidio's analyzer does.
/// </summary>
public sealed class OffsetTests
{
    private sealed record Hit(string Source, long Record, object? Field, string Kind, string Value, long? Start, long? End, JsonElement? Explanation);

    private static List<Hit> ScanRaw(params (string Name, byte[] Bytes)[] files)
    {
        using var dir = new TempDir("offsets");
        Directory.CreateDirectory(dir.Path);
        foreach (var (name, bytes) in files)
        {
            File.WriteAllBytes(dir.File(name), bytes);
        }

        using var findings = new MemoryStream();
        Scanner.Scan(new ScanOptions { Paths = [dir.Path], Findings = findings, Today = new DateOnly(2026, 11, 22) });
        return [.. Encoding.UTF8.GetString(findings.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line =>
        {
            var r = JsonDocument.Parse(line).RootElement;
            var field = r.GetProperty("field");
            return new Hit(r.GetProperty("source").GetString()!, r.GetProperty("record").GetInt64(),
                field.ValueKind switch { JsonValueKind.String => field.GetString(), JsonValueKind.Number => field.GetInt32(), _ => null },
                r.GetProperty("kind").GetString()!, r.GetProperty("value").GetString()!,
                r.TryGetProperty("start", out var s) ? s.GetInt64() : null, r.TryGetProperty("end", out var e) ? e.GetInt64() : null,
                r.TryGetProperty("explanation", out var x) ? x.Clone() : null);
        })];
    }

    // Slices text by code points, as Python's str and Presidio do.
    private static string Slice(string text, long start, long end)
    {
        var runes = text.EnumerateRunes().ToArray();
        return string.Concat(runes[(int)start..(int)end].Select(r => r.ToString()));
    }

    private static string Canonical(string kind, string written)
    {
        var k = IdentifierKinds.All.Single(x => x.Code() == kind);
        var buffer = new char[Identifier.MaxCanonicalLength];
        var v = Identifier.Check(k, written, buffer, new DateOnly(2026, 11, 22));
        return v.IsValid ? new string(buffer, 0, v.Length) : "(invalid: " + written + ")";
    }

    private static readonly string[] Values = ["13912345678", "11010519491231002X", "6214862822889079", "wangtao902187@163.com", "138 1234 5678", "＋86 139 1234 5678", "138****8000", "京A12345"];

    // Fillers include characters outside the BMP (surrogate pairs in UTF-16), where code points and UTF-16 differ.
    private static readonly string[] Fillers = ["手机", "身份证", "卡号", "邮箱", "车牌", "，", " ", "你好", "𠀀𠀁", "😀", "订单", "abc", "客户张三 ", "地址：", "广东省深圳市南山区科技路1号"];

    [Fact]
    public void Offsets_always_slice_the_reported_value_in_free_text() => Properties.Hold(
        Gen.Sized(size => Gen.ListOf(Gen.OneOf(Gen.Elements(Values), Gen.Elements(Fillers)), Math.Max(1, Math.Min(size, 12)))).Select(parts => string.Concat(parts)),
        line =>
        {
            var hits = ScanRaw(("chat.txt", Scans.Utf8("# log\n" + line + "\n")));
            foreach (var h in hits.Where(h => h.Record == 2))
            {
                Assert.NotNull(h.Start);
                var written = Slice(line, h.Start!.Value, h.End!.Value);
                Assert.Equal(h.Value, Canonical(h.Kind, written));
            }
        },
        count: 60);

    [Fact]
    public void Offsets_count_code_points_not_utf16_units()
    {
        var line = "😀😀 手机13912345678";
        var hit = Assert.Single(ScanRaw(("chat.txt", Scans.Utf8(line + "\n"))));
        Assert.Equal((5L, 16L), (hit.Start, hit.End));
        Assert.Equal("13912345678", Slice(line, 5, 16));
    }

    [Fact]
    public void Offsets_in_a_long_line_read_in_pieces_are_from_the_start_of_the_line()
    {
        // More than one 256K piece, with surrogate pairs before the identifier so that UTF-16 and code points differ.
        var builder = new StringBuilder();
        while (builder.Length < 600_000)
        {
            builder.Append("𠀀文字 ");
        }

        var prefix = builder.ToString();
        var line = prefix + "手机13912345678 end";
        var hit = Assert.Single(ScanRaw(("long.txt", Scans.Utf8(line + "\n"))));
        var expected = prefix.EnumerateRunes().Count() + 2;
        Assert.Equal((expected, expected + 11L), (hit.Start, hit.End));
    }

    [Fact]
    public void Free_text_cells_carry_offsets_in_the_cell_and_column_values_do_not()
    {
        var hits = ScanRaw(("leak.csv", Scans.Utf8("姓名,手机号,备注\n张三,13812345678,\"客户说 电话 13912345678 明天到\"\n")));
        var column = hits.Single(h => h.Value == "13812345678");
        Assert.Null(column.Start);
        Assert.Null(column.Explanation);
        var cell = hits.Single(h => h.Value == "13912345678");
        Assert.Equal("备注", cell.Field);
        Assert.Equal((7L, 18L), (cell.Start, cell.End));
    }

    [Fact]
    public void Explanation_names_recognizer_context_word_and_validation()
    {
        var hits = ScanRaw(("chat.txt", Scans.Utf8("身份证11010519491231002X 客户李四 13912345678\n")));
        var id = hits.Single(h => h.Kind == "cn_id").Explanation!.Value;
        Assert.Equal("ResidentIdRecognizer", id.GetProperty("recognizer").GetString());
        Assert.Equal(["身份证"], id.GetProperty("context_words").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains("check character", id.GetProperty("validation").GetString(), StringComparison.Ordinal);

        var mobile = hits.Single(h => h.Kind == "mobile").Explanation!.Value;
        Assert.Equal("MobileRecognizer", mobile.GetProperty("recognizer").GetString());
        Assert.Empty(mobile.GetProperty("context_words").EnumerateArray());

        var name = hits.Single(h => h.Kind == "name").Explanation!.Value;
        Assert.Equal("NameRecognizer", name.GetProperty("recognizer").GetString());
        Assert.Equal(["客户"], name.GetProperty("context_words").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public void A_header_that_names_the_kind_is_the_context_word()
    {
        // A long phone cell that does not validate as one number is read as text; the header is its context.
        var hits = ScanRaw(("leak.csv", Scans.Utf8("姓名,电话\n张三,\"办公 0755-88888888 转 123 或者 0755-88889999\"\n")));
        var landline = hits.First(h => h.Kind == "landline").Explanation!.Value;
        Assert.Equal(["电话"], landline.GetProperty("context_words").EnumerateArray().Select(e => e.GetString()));
    }
}
