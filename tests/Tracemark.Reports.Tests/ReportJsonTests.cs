using System.Text.Json;
using Tracemark.Scanning.Input;

namespace Tracemark.Reports.Tests;

public sealed class ReportJsonTests
{
    [Fact]
    public void Names_are_snake_case_and_chinese_text_is_not_escaped()
    {
        var text = ReportJson.Serialize(new IngestReport(IngestOutcome.Added, new DatasetReport(1, "顺丰-1", "courier", new DateOnly(2026, 1, 2), null, "ab", 3, 2, 1, new Dictionary<string, long> { ["cn_id"] = 1 }, null, true), "SQLite x.db", []));
        Assert.Contains("\"content_hash\": \"ab\"", text, StringComparison.Ordinal);
        Assert.Contains("\"name\": \"顺丰-1\"", text, StringComparison.Ordinal);
        Assert.Contains("\"seen\": \"2026-01-02\"", text, StringComparison.Ordinal);
        Assert.Contains("\n  \"outcome\": \"added\",", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_server_refusal_has_the_same_problem_shape_as_a_scan_error()
    {
        var scan = JsonDocument.Parse(ReportJson.SerializeLine(new PublishReport("o", 1, 0, 0, 0, 0, 0, 0, 0, false, 0, ProblemReport.List([new ScanError("a.csv", 3, "bad")]), 0, 0))).RootElement.GetProperty("errors")[0];
        var server = JsonDocument.Parse(ReportJson.SerializeLine(ProblemsReport.Request("GET /v1/buckets/x", "not a bucket"))).RootElement.GetProperty("errors")[0];
        Assert.Equal(scan.EnumerateObject().Select(p => p.Name), server.EnumerateObject().Select(p => p.Name));
        Assert.Equal(["source", "record", "message"], server.EnumerateObject().Select(p => p.Name));
        Assert.Equal(3, scan.GetProperty("record").GetInt64());
        Assert.Equal(JsonValueKind.Null, server.GetProperty("record").ValueKind);
    }

    [Fact]
    public void A_line_is_one_line()
    {
        var line = ReportJson.SerializeLine(ProblemsReport.Request("POST /v1/oprf/evaluate", "two\nlines"));
        Assert.DoesNotContain('\n', line);
        Assert.Equal("{\"errors\":[{\"source\":\"POST /v1/oprf/evaluate\",\"record\":null,\"message\":\"two\\nlines\"}]}", line);
    }

    [Fact]
    public void A_type_that_is_not_a_contract_is_refused()
    {
        var e = Assert.ThrowsAny<Exception>(() => ReportJson.Serialize(new Uri("http://x")));
        Assert.Contains("Uri", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_to_a_stream_matches_serialize()
    {
        var report = ProblemsReport.Request("GET /", "x");
        using var stream = new MemoryStream();
        ReportJson.Write(report, stream);
        Assert.Equal(ReportJson.Serialize(report), System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }
}
