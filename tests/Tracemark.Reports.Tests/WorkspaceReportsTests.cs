using System.Text.Json;
using FsCheck.Fluent;
using Tracemark.Tests;

namespace Tracemark.Reports.Tests;

/// <summary>
/// The team server's answers (WorkspaceReports.cs): its closed sets print the strings the server always sent and read
/// them back, anything else is a bug that throws, and the server's way of writing (ReportJson.EscapedInfo) escapes
/// as ASP.NET Core did while the command line's stays Chinese as it is.
/// </summary>
public sealed class WorkspaceReportsTests
{
    public static TheoryData<string, string> Wire => new()
    {
        { nameof(CaseRole), "analyst" }, { nameof(CaseRole), "lead" }, { nameof(CaseRole), "auditor" }, { nameof(CaseRole), "viewer" },
        { nameof(JobState), "queued" }, { nameof(JobState), "running" }, { nameof(JobState), "done" }, { nameof(JobState), "failed" },
    };

    [Theory]
    [MemberData(nameof(Wire))]
    public void Each_value_prints_the_string_it_was_read_from(string set, string text) =>
        Assert.Equal($"\"{text}\"", Print(set, text));

    [Fact]
    public void Every_member_of_each_set_has_its_string()
    {
        var named = Wire.Select(row => (string)row[0]).GroupBy(s => s).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(Enum.GetValues<CaseRole>().Length, named[nameof(CaseRole)]);
        Assert.Equal(Enum.GetValues<JobState>().Length, named[nameof(JobState)]);
        Assert.All(Enum.GetValues<JobState>(), s => Assert.Equal(s, WorkspaceValues.State(WorkspaceValues.Code(s))));
    }

    [Fact]
    public void Freshness_signals_and_trace_caveats_print_the_snake_case_codes_the_server_sent_before()
    {
        // The server wrote these as snake_case of Store's and Tracing's member names; the enums must keep every one,
        // and a member added below without a code here throws rather than printing something new.
        Assert.Equal(Enum.GetValues<Tracemark.Store.FreshnessSignal>().Length, Enum.GetValues<FreshnessSignalCode>().Length);
        Assert.All(Enum.GetValues<Tracemark.Store.FreshnessSignal>(), s => Assert.StartsWith(
            $"{{\"signal\":\"{JsonNamingPolicy.SnakeCaseLower.ConvertName(s.ToString())}\",",
            JsonSerializer.Serialize(new WorkspaceFreshnessSignal(WorkspaceValues.Signal(s), 0, 0, null, 0, "2026-01-01", 0), ReportJson.EscapedInfo<WorkspaceFreshnessSignal>()),
            StringComparison.Ordinal));
        Assert.Equal(Enum.GetValues<Tracemark.Tracing.Owner.TraceCaveatKind>().Length, Enum.GetValues<TraceCaveatCode>().Length);
        Assert.All(Enum.GetValues<Tracemark.Tracing.Owner.TraceCaveatKind>(), k => Assert.Equal(
            $"{{\"caveat\":\"{JsonNamingPolicy.SnakeCaseLower.ConvertName(k.ToString())}\",\"count\":3}}",
            JsonSerializer.Serialize(new WorkspaceTraceCaveat(WorkspaceValues.Caveat(k), 3), ReportJson.EscapedInfo<WorkspaceTraceCaveat>())));
        Assert.Throws<ArgumentOutOfRangeException>(() => WorkspaceValues.Signal((Tracemark.Store.FreshnessSignal)99));
        Assert.Throws<ArgumentOutOfRangeException>(() => WorkspaceValues.Caveat((Tracemark.Tracing.Owner.TraceCaveatKind)99));
    }

    public static TheoryData<string> Actions => new()
    {
        "case.create", "case.read", "case.page", "member.set", "files.read", "files.upload", "summary.read", "trace.read",
        "intel.read", "incident.open", "incident.read", "reveal", "audit.read",
    };

    [Theory]
    [MemberData(nameof(Actions))]
    public void Each_audit_action_prints_the_string_the_server_stored(string action)
    {
        var entry = WorkspaceValues.Entry(4, "2026-12-08T01:00:00.000Z", "lead", 2, action, "d", "ab");
        Assert.NotEqual(WorkspaceAuditAction.Unrecognised, entry.Action);
        Assert.Equal(action, WorkspaceValues.Code(entry.Action));
        Assert.Equal(
            $"{{\"id\":4,\"at\":\"2026-12-08T01:00:00.000Z\",\"actor\":\"lead\",\"case\":2,\"action\":\"{action}\",\"detail\":\"d\",\"hash\":\"ab\"}}",
            JsonSerializer.Serialize(entry, ReportJson.EscapedInfo<WorkspaceAuditEntry>()));
    }

    [Fact]
    public void Every_audit_action_but_unrecognised_has_its_string()
    {
        Assert.Equal(Enum.GetValues<WorkspaceAuditAction>().Length - 1, Actions.Count);
        Assert.Throws<ArgumentOutOfRangeException>(() => WorkspaceValues.Code(WorkspaceAuditAction.Unrecognised));
    }

    [Fact]
    public void A_stored_audit_action_is_never_refused_and_an_unknown_one_keeps_its_text()
    {
        // Any text at all: a known action reads as its member, anything else as Unrecognised with the text beside it.
        Properties.Hold(Gen.OneOf(Gen.Elements("case.archive", "Reveal", "reveal ", "", "审计", "case.create\n", "unrecognised"), ArbMap.Default.GeneratorFor<string>().Where(s => s is not null)), text =>
        {
            var entry = WorkspaceValues.Entry(1, "t", "a", null, text, "d", "h");
            if (entry.Action == WorkspaceAuditAction.Unrecognised)
            {
                Assert.Equal(text, entry.RecordedAction);
                var line = JsonSerializer.Serialize(entry, ReportJson.EscapedInfo<WorkspaceAuditEntry>());
                Assert.Contains("\"action\":\"unrecognised\"", line, StringComparison.Ordinal);
                Assert.Equal(text, JsonDocument.Parse(line).RootElement.GetProperty("recorded_action").GetString());
            }
            else
            {
                Assert.Null(entry.RecordedAction);
                Assert.Equal(text, WorkspaceValues.Code(entry.Action));
            }

            Assert.Equal(text, entry.ActionText);
        });
    }

    [Fact]
    public void Intel_file_formats_print_what_the_server_wrote_before_and_auto_is_refused()
    {
        // The server wrote PostFormat's name in lower case; every format intel reads a file as keeps that string.
        var read = Enum.GetValues<Tracemark.Intel.Posts.PostFormat>().Where(f => f != Tracemark.Intel.Posts.PostFormat.Auto).ToList();
        Assert.Equal(read.Count, Enum.GetValues<IntelFileFormat>().Length);
        Assert.All(read, f => Assert.Equal(
            $"{{\"name\":\"a.txt\",\"format\":\"{f.ToString().ToLowerInvariant()}\"}}",
            JsonSerializer.Serialize(new WorkspaceIntelFile("a.txt", WorkspaceValues.Format(f)), ReportJson.EscapedInfo<WorkspaceIntelFile>())));
        Assert.Throws<ArgumentOutOfRangeException>(() => WorkspaceValues.Format(Tracemark.Intel.Posts.PostFormat.Auto));
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize("{\"name\":\"a\",\"format\":\"jsonl\"}", ReportJson.EscapedInfo<WorkspaceIntelFile>()));
    }

    [Fact]
    public void Strings_outside_each_set_are_refused()
    {
        var known = Wire.Select(row => (string)row[1]).ToHashSet(StringComparer.Ordinal);
        Properties.Hold(Gen.Elements("x", "Lead", "lead ", "", "admin", "DONE", "finished", "queue", "负责人").Where(s => !known.Contains(s)), s =>
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => WorkspaceValues.Role(s));
            Assert.Throws<ArgumentOutOfRangeException>(() => WorkspaceValues.State(s));
        });
    }

    [Fact]
    public void The_server_escapes_as_it_always_did_and_keeps_key_order()
    {
        var detail = new WorkspaceCaseDetail(7, "合同 <x> & 'y'", CaseRole.Lead, "2026-12-07T22:00:00Z", [new WorkspaceMember("viewer", CaseRole.Viewer)]);
        Assert.Equal(
            "{\"id\":7,\"name\":\"\\u5408\\u540C \\u003Cx\\u003E \\u0026 \\u0027y\\u0027\",\"role\":\"lead\",\"created\":\"2026-12-07T22:00:00Z\",\"members\":[{\"user\":\"viewer\",\"role\":\"viewer\"}]}",
            JsonSerializer.Serialize(detail, ReportJson.EscapedInfo<WorkspaceCaseDetail>()));
        Assert.Contains("\"name\":\"合同", ReportJson.SerializeLine(detail), StringComparison.Ordinal);
    }

    [Fact]
    public void Intel_counts_are_keyed_by_their_codes_in_the_order_given()
    {
        var actor = new WorkspaceIntelActor(
            "A1", 1, 2, 1, 1, 0,
            new Dictionary<GoodsKind, int> { [GoodsKind.Sim] = 1, [GoodsKind.PersonalData] = 2 },
            new Dictionary<TradeCategory, int> { [TradeCategory.Loan] = 3 },
            10, null, 5.5, null, "2026-11-01",
            [new WorkspaceHandle(HandleKind.Telegram, "@ab***", Escrow: false)]);
        var line = JsonSerializer.Serialize(actor, ReportJson.EscapedInfo<WorkspaceIntelActor>());
        Assert.Contains("\"goods\":{\"sim\":1,\"personal_data\":2},\"categories\":{\"loan\":3}", line, StringComparison.Ordinal);
        Assert.Contains("\"handles\":[{\"kind\":\"telegram\",\"value\":\"@ab***\",\"escrow\":false}]", line, StringComparison.Ordinal);
    }

    [Fact]
    public void A_job_reads_back_and_an_unknown_state_is_refused()
    {
        var job = new WorkspaceJob(3, JobState.Running, 0.5, null);
        var text = JsonSerializer.Serialize(job, ReportJson.EscapedInfo<WorkspaceJob>());
        Assert.Equal("{\"id\":3,\"state\":\"running\",\"progress\":0.5,\"error\":null}", text);
        Assert.Equal(job, JsonSerializer.Deserialize(text, ReportJson.EscapedInfo<WorkspaceJob>()));
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize(text.Replace("running", "paused", StringComparison.Ordinal), ReportJson.EscapedInfo<WorkspaceJob>()));
    }

    private static string Print(string set, string text) => set switch
    {
        nameof(CaseRole) => JsonSerializer.Serialize(WorkspaceValues.Role(text)),
        nameof(JobState) => JsonSerializer.Serialize(WorkspaceValues.State(text)),
        _ => throw new ArgumentOutOfRangeException(nameof(set), set, "no such set"),
    };
}
