using System.Text.Json.Serialization;
using Tracemark.Exposure;
using Tracemark.Exposure.Index;
using Tracemark.Identifiers;

namespace Tracemark.Reports;

/// <summary>What `tracemark publish --json` prints.</summary>
public sealed record PublishReport(
    string Out,
    int Epoch,
    long Entries,
    long Evaluations,
    double EvaluationsPerSecond,
    double ScalarMultsPerSecond,
    int Buckets,
    int EntriesPerBucket,
    long Bytes,
    bool Resumed,
    double ElapsedSeconds,
    IReadOnlyList<ProblemReport> Errors,
    long Credentials,
    int CredentialsPerBucket)
{
    /// <summary>The contract of a publish.</summary>
    public static PublishReport From(PublishResult r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return new(r.Out, r.Epoch, r.Entries, r.Evaluations, r.EvaluationsPerSecond, r.ScalarMultsPerSecond, r.Buckets, r.EntriesPerBucket, r.Bytes, r.Resumed, Math.Round(r.Elapsed.TotalSeconds, 3), ProblemReport.List(r.Errors), r.Credentials, r.CredentialsPerBucket);
    }
}

/// <summary>What `tracemark check --json` prints: whether one identifier (masked in Value) is in the published index; More counts leaks beyond those listed.</summary>
public sealed record CheckReport(
    [property: JsonConverter(typeof(IdentifierKindConverter))] IdentifierKind Kind,
    string Value,
    bool Found,
    IReadOnlyList<ExposedLeakReport> Leaks,
    int More,
    int Epoch)
{
    /// <summary>The contract of a check of <paramref name="canonical"/> (masked here).</summary>
    public static CheckReport From(IdentifierKind kind, string canonical, CheckResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var leaks = result.Record?.Leaks ?? [];
        return new(kind, Masking.Mask(kind, canonical), result.Found, [.. leaks.Select(l => new ExposedLeakReport(l.Category, l.Since, l.Fields, l.Dataset))], result.Record?.More ?? 0, result.Epoch);
    }
}

/// <summary>One leak an identifier appears in; the dataset's name only when the publisher marked it public.</summary>
public sealed record ExposedLeakReport(
    string Category,
    string Since,
    IReadOnlyList<string> Fields,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Dataset);
