using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tracemark.Fraud;

/// <summary>`fraud link --json`: the contract {"leaks":[…]}, most harmful first (docs/fraud.md).</summary>
public sealed record LinkJson(IReadOnlyList<LeakJson> Leaks);

/// <summary>One leak in `fraud link --json`.</summary>
public sealed record LeakJson(string Dataset, long Victims, double Expected, double Lift, double LiftLow, double LiftHigh, IReadOnlyList<TypeJson> FraudTypes, int? DaysToReport, decimal LossYuan);

/// <summary>One over-represented fraud type of a leak.</summary>
public sealed record TypeJson(string Type, long Victims, double Expected, double Lift, double LiftLow, double LiftHigh);

/// <summary>`fraud who --json`: one leak the person is in.</summary>
public sealed record WhoJson(string Dataset, string Category, DateOnly Seen, DateOnly FirstSeen, IReadOnlyList<string> Kinds, string Freshness);

/// <summary>`fraud sample --json`.</summary>
public sealed record SampleJson(string Dataset, string Kind, long Drawn, long Reported, double Share, double Low, double High, string Interval, int Seed);

/// <summary>`fraud import --json`.</summary>
public sealed record ImportJson(string File, long Rows, long Added, long Unchanged, IReadOnlyDictionary<string, long> FraudTypes, IReadOnlyList<string> Problems);

/// <summary>Writes the fraud commands' JSON (snake_case, source-generated).</summary>
public static class FraudJson
{
    private static double R(double x) => Math.Round(x, 4);

    public static string Link(LinkReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var leaks = report.Leaks.Select(l => new LeakJson(
            l.Dataset.Name, l.Victims, R(l.Expected), R(l.Lift), R(l.LiftLow), R(l.LiftHigh),
            [.. l.FraudTypes.Select(t => new TypeJson(t.Type.Code(), t.Victims, R(t.Expected), R(t.Lift), R(t.LiftLow), R(t.LiftHigh)))],
            l.DaysToReport, l.LossYuan)).ToList();
        return JsonSerializer.Serialize(new LinkJson(leaks), FraudJsonContext.Default.LinkJson);
    }

    public static string Who(IReadOnlyList<PersonLeak> leaks) =>
        JsonSerializer.Serialize([.. leaks.Select(p => new WhoJson(p.Dataset.Name, p.Dataset.Category, p.Dataset.Seen, p.FirstSeen, p.Kinds, p.Freshness.Grade))], FraudJsonContext.Default.IReadOnlyListWhoJson);

    public static string Sample(SampleResult s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return JsonSerializer.Serialize(new SampleJson(s.Dataset.Name, Identifiers.IdentifierKinds.Code(s.Kind), s.Drawn, s.Reported, R(s.Share), R(s.Low), R(s.High), "wilson-95", s.Seed), FraudJsonContext.Default.SampleJson);
    }

    public static string Import(string file, ImportResult r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return JsonSerializer.Serialize(new ImportJson(file, r.Rows, r.Added, r.Unchanged, r.ByType.ToDictionary(kv => kv.Key.Code(), kv => kv.Value), r.Problems), FraudJsonContext.Default.ImportJson);
    }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(LinkJson))]
[JsonSerializable(typeof(IReadOnlyList<WhoJson>))]
[JsonSerializable(typeof(SampleJson))]
[JsonSerializable(typeof(ImportJson))]
internal sealed partial class FraudJsonContext : JsonSerializerContext;
