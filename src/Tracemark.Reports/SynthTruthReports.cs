using System.Text.Json.Serialization;

namespace Tracemark.Reports;

/// <summary>
/// credentials-manifest.json of <c>tracemark synth credentials</c> (also what <c>synth credentials --json</c> prints):
/// per file and in all, the account–password pairs planted, per password shape, and the decoys.
/// </summary>
public sealed record CredentialManifestReport(
    long Seed,
    long People,
    IReadOnlyList<CredentialFileReport> Files,
    long Credentials,
    IReadOnlyDictionary<CredentialShape, long> Shapes,
    long Decoys,
    string Truth);

/// <summary>One leak file of <c>synth credentials</c>: records written, pairs planted (per shape) and decoys.</summary>
public sealed record CredentialFileReport(string File, long Records, long Credentials, IReadOnlyDictionary<CredentialShape, long> Shapes, long Decoys);

/// <summary>
/// fraud-manifest.json of <c>tracemark synth fraud</c>: the files written and the truth a <c>fraud link</c> must find
/// (the linked leak, into which <see cref="PlantedVictims"/> victims were planted).
/// </summary>
public sealed record FraudManifestReport(
    long Population,
    DateOnly Seen,
    string Linked,
    string Unlinked,
    string Everyone,
    string Reports,
    int ReportCount,
    int PlantedVictims);

/// <summary>One entry of scenarios.json (<c>tracemark synth owner</c>): a leak sample, its scenario, who leaked it
/// (channel names; empty when no channel did), its records and how it is written.</summary>
public sealed record OwnerScenarioReport(string File, LeakScenarioKind Kind, IReadOnlyList<string> Truth, int Records, SampleForm Form);

/// <summary>How a synthetic leak sample reaches the owner (brokers re-cut what they take).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SampleForm>))]
public enum SampleForm
{
    /// <summary>The insider's export as it was.</summary>
    [JsonStringEnumMemberName("plain")]
    Plain,

    /// <summary>Re-typed by a reseller: English headers, another column order, tabs, GB18030, reformatted mobiles.</summary>
    [JsonStringEnumMemberName("reformatted")]
    Reformatted,

    /// <summary>Name and mobile only.</summary>
    [JsonStringEnumMemberName("columns-dropped")]
    ColumnsDropped,
}

/// <summary>Reads Synthetic's string values into the contract enums; an unknown value is a bug, not input.</summary>
public static class SynthValues
{
    /// <summary>A sample form: plain, reformatted or columns-dropped.</summary>
    public static SampleForm Form(string form) => form switch
    {
        "plain" => SampleForm.Plain,
        "reformatted" => SampleForm.Reformatted,
        "columns-dropped" => SampleForm.ColumnsDropped,
        _ => throw new ArgumentOutOfRangeException(nameof(form), form, "not a sample form"),
    };
}
