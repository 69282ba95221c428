using System.Text.Json;
using FsCheck.Fluent;
using Tracemark.Identifiers;
using Tracemark.Tests;

namespace Tracemark.Reports.Tests;

/// <summary>
/// The contracts moved here from reflection in the command line and Tracemark.Incident (identify, eval trace/guard,
/// incident, audit): each closed set prints the strings it always printed and reads them back, anything else is a
/// bug that throws, and identify's record writes what the hand-written writer wrote.
/// </summary>
public sealed class MovedContractsTests
{
    // The grades are Chinese: printed as they are, as every report prints them.
    private static readonly JsonSerializerOptions ReportsRelaxed = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static TheoryData<string, string> Wire => new()
    {
        { nameof(EvalModel), "likelihood" }, { nameof(EvalModel), "guilt (baseline)" },
        { nameof(EvalAnswer), "all" }, { nameof(EvalAnswer), "a channel" }, { nameof(EvalAnswer), "none" },
        { nameof(LeakScenarioKind), "single-insider" }, { nameof(LeakScenarioKind), "rented-account" }, { nameof(LeakScenarioKind), "colluding" },
        { nameof(LeakScenarioKind), "admin-copy" }, { nameof(LeakScenarioKind), "partner-export" }, { nameof(LeakScenarioKind), "null" },
        { nameof(GuardSimulation), "standard" }, { nameof(GuardSimulation), "alternate" },
        { nameof(GuardDetector), "guard" }, { nameof(GuardDetector), "naive" },
        { nameof(IncidentGrade), "特别重大" }, { nameof(IncidentGrade), "重大" }, { nameof(IncidentGrade), "较大" }, { nameof(IncidentGrade), "一般" },
        { nameof(ReportItemStatus), "complete" }, { nameof(ReportItemStatus), "partial" }, { nameof(ReportItemStatus), "to_follow" },
        { nameof(IncidentOperator), "cii" }, { nameof(IncidentOperator), "central" }, { nameof(IncidentOperator), "other" },
        { nameof(IncidentDeadlineReport), "cac_initial" }, { nameof(IncidentDeadlineReport), "pipl_authority" }, { nameof(IncidentDeadlineReport), "pipl_individuals" },
        { nameof(IncidentDeadlineReport), "police" }, { nameof(IncidentDeadlineReport), "cac_supplement" }, { nameof(IncidentDeadlineReport), "cac_closing" },
        { nameof(IncidentDeadlineReport), "sector" },
        { nameof(IncidentIndicator), "people" }, { nameof(IncidentIndicator), "direct_loss" },
        { nameof(CriminalBandCode), "sensitive_50" }, { nameof(CriminalBandCode), "personal_500" }, { nameof(CriminalBandCode), "other_5000" },
        { nameof(CriminalLevel), "未达到数量标准" }, { nameof(CriminalLevel), "情节严重" }, { nameof(CriminalLevel), "情节特别严重" },
        { nameof(AuditFindingCode), "blast_radius" }, { nameof(AuditFindingCode), "retention" }, { nameof(AuditFindingCode), "full_identifiers" },
        { nameof(AuditFindingCode), "partner_fields" },
    };

    [Theory]
    [MemberData(nameof(Wire))]
    public void Each_value_prints_the_string_it_was_read_from(string set, string text) =>
        Assert.Equal($"\"{text}\"", Print(set, text));

    [Fact]
    public void Every_member_of_each_set_has_its_string()
    {
        // A member added without a string would print its C# name; the wire list above must cover every member.
        var named = Wire.Select(row => ((string)row[0], (string)row[1])).GroupBy(r => r.Item1).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(Enum.GetValues<EvalModel>().Length, named[nameof(EvalModel)]);
        Assert.Equal(Enum.GetValues<EvalAnswer>().Length, named[nameof(EvalAnswer)]);
        Assert.Equal(Enum.GetValues<LeakScenarioKind>().Length, named[nameof(LeakScenarioKind)]);
        Assert.Equal(Enum.GetValues<GuardSimulation>().Length, named[nameof(GuardSimulation)]);
        Assert.Equal(Enum.GetValues<GuardDetector>().Length, named[nameof(GuardDetector)]);
        Assert.Equal(Enum.GetValues<IncidentGrade>().Length, named[nameof(IncidentGrade)]);
        Assert.Equal(Enum.GetValues<ReportItemStatus>().Length, named[nameof(ReportItemStatus)]);
        Assert.Equal(Enum.GetValues<IncidentOperator>().Length, named[nameof(IncidentOperator)]);
        Assert.Equal(Enum.GetValues<IncidentDeadlineReport>().Length, named[nameof(IncidentDeadlineReport)]);
        Assert.Equal(Enum.GetValues<IncidentIndicator>().Length, named[nameof(IncidentIndicator)]);
        Assert.Equal(Enum.GetValues<CriminalBandCode>().Length, named[nameof(CriminalBandCode)]);
        Assert.Equal(Enum.GetValues<CriminalLevel>().Length, named[nameof(CriminalLevel)]);
        Assert.Equal(Enum.GetValues<AuditFindingCode>().Length, named[nameof(AuditFindingCode)]);
    }

    [Fact]
    public void Every_fraud_type_prints_the_code_fraud_link_printed_before()
    {
        // fraud link --json wrote FraudType's Code(); the enum must keep every one, and a type added below without a
        // member here throws rather than printing something new.
        Assert.Equal(Enum.GetValues<Tracemark.Fraud.FraudType>().Length, Enum.GetValues<FraudTypeCode>().Length);
        Assert.All(Enum.GetValues<Tracemark.Fraud.FraudType>(), t => Assert.Equal($"\"{Tracemark.Fraud.FraudTypes.Code(t)}\"", JsonSerializer.Serialize(FraudValues.Type(t))));
        Assert.Throws<ArgumentOutOfRangeException>(() => FraudValues.Type((Tracemark.Fraud.FraudType)99));
    }

    [Fact]
    public void Strings_outside_each_set_are_refused()
    {
        var known = Wire.Select(row => (string)row[1]).ToHashSet(StringComparer.Ordinal);
        var sets = Wire.Select(row => (string)row[0]).Distinct().ToArray();
        Properties.Hold(Gen.Elements("x", "Likelihood", "guilt", "", " all", "Null", "STANDARD", "重", "to-follow", "complete ", "CII", "Other", "cac-initial", "loss", "sensitive", "other_500", "情节", "blast-radius").Where(s => !known.Contains(s)), s =>
        {
            foreach (var set in sets)
            {
                Assert.Throws<ArgumentOutOfRangeException>(() => Print(set, s));
            }
        });
    }

    [Fact]
    public void Identify_writes_facts_in_order_with_the_age_as_a_number_and_masks_unless_revealed()
    {
        var valid = Identifier.Identify("11010519491231002X", new DateOnly(2026, 1, 1));
        var masked = ReportJson.SerializeLine(IdentifyReport.From(valid, reveal: false));
        var shown = ReportJson.SerializeLine(IdentifyReport.From(valid, reveal: true));
        Assert.DoesNotContain("11010519491231002X", masked, StringComparison.Ordinal);
        Assert.Contains("\"input\":\"11010519491231002X\"", shown, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(masked);
        var facts = json.RootElement.GetProperty("facts");
        Assert.Equal(JsonValueKind.Number, facts.GetProperty("age").ValueKind);
        Assert.Equal(76, facts.GetProperty("age").GetInt32());
        Assert.Equal(valid.Facts.Select(f => f.Key), facts.EnumerateObject().Select(p => p.Name));
        Assert.Equal("cn_id", json.RootElement.GetProperty("kind").GetString());
    }

    [Fact]
    public void An_unrecognised_value_has_a_null_kind_and_canonical()
    {
        var line = ReportJson.SerializeLine(IdentifyReport.From(Identifier.Identify("not a number", new DateOnly(2026, 1, 1)), reveal: false));
        Assert.Contains("\"kind\":null", line, StringComparison.Ordinal);
        Assert.Contains("\"canonical\":null", line, StringComparison.Ordinal);
        Assert.Contains("\"facts\":{},\"also\":[]", line, StringComparison.Ordinal);
    }

    private static string Print(string set, string text) => set switch
    {
        nameof(EvalModel) => JsonSerializer.Serialize(EvalValues.Model(text)),
        nameof(EvalAnswer) => JsonSerializer.Serialize(EvalValues.Answer(text)),
        nameof(LeakScenarioKind) => JsonSerializer.Serialize(EvalValues.Scenario(text)),
        nameof(GuardSimulation) => JsonSerializer.Serialize(EvalValues.Simulation(text)),
        nameof(GuardDetector) => JsonSerializer.Serialize(EvalValues.Detector(text)),
        nameof(IncidentGrade) => JsonSerializer.Serialize(IncidentValues.Grade(text), ReportsRelaxed),
        nameof(ReportItemStatus) => JsonSerializer.Serialize(IncidentValues.Status(text)),
        nameof(IncidentOperator) => JsonSerializer.Serialize(IncidentValues.Operator(text)),
        nameof(IncidentDeadlineReport) => JsonSerializer.Serialize(IncidentValues.Deadline(text)),
        nameof(IncidentIndicator) => JsonSerializer.Serialize(IncidentValues.Indicator(text)),
        nameof(CriminalBandCode) => JsonSerializer.Serialize(IncidentValues.Band(text)),
        nameof(CriminalLevel) => JsonSerializer.Serialize(IncidentValues.Level(text), ReportsRelaxed),
        nameof(AuditFindingCode) => JsonSerializer.Serialize(IncidentValues.Finding(text)),
        _ => throw new ArgumentOutOfRangeException(nameof(set), set, "no such set"),
    };
}
