using System.Text.Json;
using Tracemark.Identifiers;
using Tracemark.Scanning.Analysis;
using Tracemark.Store;

namespace Tracemark.Reports.Tests;

/// <summary>The closed sets of values: each enum prints the strings the outputs always printed.</summary>
public sealed class ValuesTests
{
    [Theory]
    [InlineData(FreshnessGrade.RealTime, "real-time")]
    [InlineData(FreshnessGrade.Overnight, "overnight")]
    [InlineData(FreshnessGrade.Historical, "historical")]
    [InlineData(FreshnessGrade.Undetermined, "undetermined")]
    public void Freshness_grades_print_as_the_trade_names_them(FreshnessGrade grade, string text)
    {
        Assert.Equal($"\"{text}\"", ReportJson.SerializeLine(new FreshnessReport(grade, [])).Split(':')[1].Split(',')[0]);
        Assert.Equal(grade, ReportValues.Freshness(text));
    }

    [Fact]
    public void Every_grade_the_store_gives_has_a_value()
    {
        // The store's rules decide the grade; each path through them must map, or compare --json would throw.
        var rules = new FreshnessRules();
        var seen = new DateOnly(2026, 1, 10);
        string[] grades =
        [
            rules.Grade(seen, new DateTime(2026, 1, 10), 100, 1).Grade,
            rules.Grade(seen, new DateTime(2026, 1, 6), 100, 20).Grade,
            rules.Grade(seen, new DateTime(2025, 6, 1), 100, 1).Grade,
            rules.Grade(seen, null, 100, 1).Grade,
            rules.Grade(seen, null, 100, 90).Grade,
        ];
        Assert.Equal([FreshnessGrade.RealTime, FreshnessGrade.Overnight, FreshnessGrade.Historical, FreshnessGrade.Undetermined, FreshnessGrade.Historical], grades.Select(ReportValues.Freshness));
    }

    [Theory]
    [InlineData(IngestOutcome.Added, "added")]
    [InlineData(IngestOutcome.Resumed, "resumed")]
    [InlineData(IngestOutcome.Unchanged, "unchanged")]
    public void Ingest_outcomes_print_as_before(IngestOutcome outcome, string text)
    {
        Assert.Equal($"\"{text}\"", JsonSerializer.Serialize(outcome, JsonSerializerOptions.Default));
        Assert.Equal(outcome, ReportValues.Outcome(text));
    }

    [Fact]
    public void Legal_verdicts_map_from_the_assessment()
    {
        Assert.Equal(LegalVerdict.BelowSerious, ReportValues.Verdict(new LegalAssessment(false, [], 0.5, 0.05).Verdict));
        Assert.Equal(LegalVerdict.Serious, ReportValues.Verdict(new LegalAssessment(false, [], 1, 0.1).Verdict));
        Assert.Equal(LegalVerdict.EspeciallySerious, ReportValues.Verdict(new LegalAssessment(false, [], 10, 1).Verdict));
        Assert.Equal("\"especially serious\"", JsonSerializer.Serialize(LegalVerdict.EspeciallySerious, JsonSerializerOptions.Default));
    }

    [Theory]
    [InlineData(TraceVerdict.Attributed, "attributed")]
    [InlineData(TraceVerdict.Shortlist, "shortlist")]
    [InlineData(TraceVerdict.Undetermined, "undetermined")]
    public void Trace_verdicts_print_as_before(TraceVerdict verdict, string text)
    {
        Assert.Equal($"\"{text}\"", JsonSerializer.Serialize(verdict, JsonSerializerOptions.Default));
        Assert.Equal(verdict, ReportValues.Trace(text));
    }

    [Theory]
    [InlineData(ChannelKind.Employee, "employee")]
    [InlineData(ChannelKind.Admin, "admin")]
    [InlineData(ChannelKind.Partner, "partner")]
    [InlineData(ChannelKind.Api, "api")]
    [InlineData(ChannelKind.Export, "export")]
    public void Channel_kinds_print_as_the_channel_file_names_them(ChannelKind kind, string text)
    {
        Assert.Equal($"\"{text}\"", JsonSerializer.Serialize(kind, JsonSerializerOptions.Default));
        Assert.Equal(kind, ReportValues.Channel(text));
    }

    [Theory]
    [InlineData("realtime")]
    [InlineData("")]
    [InlineData("Historical")]
    public void An_unknown_value_is_refused_not_passed_on(string text) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ReportValues.Freshness(text));

    [Fact]
    public void Identifier_kinds_print_as_their_codes()
    {
        foreach (var kind in IdentifierKinds.All)
        {
            var options = new JsonSerializerOptions { Converters = { new IdentifierKindConverter() } };
            var text = JsonSerializer.Serialize(kind, options);
            Assert.Equal($"\"{kind.Code()}\"", text);
            Assert.Equal(kind, JsonSerializer.Deserialize<IdentifierKind>(text, options));
        }
    }
}
