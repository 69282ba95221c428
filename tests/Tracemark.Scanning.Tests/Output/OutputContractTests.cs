using System.Text;
using System.Text.Json;
using Tracemark.Reports;

namespace Tracemark.Scanning.Tests.Output;

/// <summary>The machine contracts of docs/scan.md: findings JSON Lines and the summary JSON.</summary>
public sealed class OutputContractTests
{
    private static Scans.Result Sample() => Scans.Files(
        ("leak.csv", Scans.Utf8("姓名,手机号,身份证号,订单号\n张三,138****8000,11010519491231002X,440524188001010014\n")),
        ("chat.txt", Scans.Utf8("客户李四 手机13912345678\n")),
        ("dump.txt", Scans.Utf8("王五----15012345678\n赵六----15112345678\n")));

    [Fact]
    public void Findings_carry_source_record_field_kind_value_and_confidence()
    {
        var r = Sample();
        var id = r.Of("cn_id").Single();
        Assert.Equal(("leak.csv", 1L, "11010519491231002X"), (id.Key.Source, id.Key.Record, id.Key.Value));
        Assert.Equal("身份证号", id.Field);
        Assert.InRange(id.Confidence, 0.5, 1.0);
        Assert.Equal("mobile_masked", r.Findings.Single(f => f.Field is "手机号").Key.Kind);

        // Free text: field null, record = line number. A dump without header: field = column number.
        var chat = r.Findings.Single(f => f.Key.Value == "13912345678");
        Assert.Null(chat.Field);
        Assert.Equal(1, chat.Key.Record);
        var dump = r.Findings.Single(f => f.Key.Value == "15112345678");
        Assert.Equal(2, dump.Field);
        Assert.Equal(2, dump.Key.Record);
    }

    [Fact]
    public void Findings_lines_have_exactly_the_documented_fields()
    {
        using var findings = new MemoryStream();
        using var dir = new Tracemark.Tests.TempDir("contract");
        Directory.CreateDirectory(dir.Path);
        File.WriteAllText(dir.File("a.csv"), "姓名,手机\n张三,13800138000\n");
        File.WriteAllText(dir.File("b.txt"), "手机13900139000\n");
        Scanner.Scan(new ScanOptions { Paths = [dir.Path], Findings = findings });
        var lines = Encoding.UTF8.GetString(findings.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        using var column = JsonDocument.Parse(lines.Single(l => l.Contains("13800138000", StringComparison.Ordinal)));
        Assert.Equal(["source", "record", "field", "kind", "value", "confidence", "reason"], column.RootElement.EnumerateObject().Select(p => p.Name));

        // Free text adds where the value is and why, structured.
        using var text = JsonDocument.Parse(lines.Single(l => l.Contains("13900139000", StringComparison.Ordinal)));
        Assert.Equal(["source", "record", "field", "kind", "value", "confidence", "reason", "start", "end", "explanation"], text.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal(["recognizer", "context_words", "validation"], text.RootElement.GetProperty("explanation").EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public void Summary_json_has_the_documented_shape_and_no_identifiers()
    {
        var r = Sample();
        using var buffer = new MemoryStream();
        ReportJson.Write(ScanReport.From(r.Summary), buffer);
        var json = Encoding.UTF8.GetString(buffer.ToArray());
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        foreach (var name in new[] { "files", "records", "persons", "kinds", "tiers", "encodings", "errors", "notes", "occurrences", "demographics", "tables" })
        {
            Assert.True(root.TryGetProperty(name, out _), name);
        }

        Assert.Equal(3, root.GetProperty("files").GetInt32());
        Assert.Equal(4, root.GetProperty("persons").GetInt32());
        Assert.Equal(1, root.GetProperty("kinds").GetProperty("cn_id").GetInt32());
        Assert.Equal(5000, root.GetProperty("tiers").GetProperty("categories").GetProperty("other").GetProperty("serious").GetDouble());
        Assert.Equal(JsonValueKind.Array, root.GetProperty("errors").ValueKind);
        Assert.DoesNotContain("13912345678", json, StringComparison.Ordinal);
        Assert.DoesNotContain("11010519491231002X", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Errors_in_the_summary_name_source_record_and_message()
    {
        var r = Scans.Files(("bad.csv", Scans.Utf8("a,b\nx,1\n\"open,1\n")));
        using var buffer = new MemoryStream();
        ReportJson.Write(ScanReport.From(r.Summary), buffer);
        using var doc = JsonDocument.Parse(buffer.ToArray());
        var error = doc.RootElement.GetProperty("errors")[0];
        Assert.Equal("bad.csv", error.GetProperty("source").GetString());
        Assert.Equal(JsonValueKind.Number, error.GetProperty("record").ValueKind);
        Assert.False(string.IsNullOrEmpty(error.GetProperty("message").GetString()));
    }
}
