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

    /// <summary>A hard negative's kind: drug, gambling, traffic, chat or loan_ad.</summary>
    public static HardNegative Negative(string kind) => kind switch
    {
        "drug" => HardNegative.Drug,
        "gambling" => HardNegative.Gambling,
        "traffic" => HardNegative.Traffic,
        "chat" => HardNegative.Chat,
        "loan_ad" => HardNegative.LoanAd,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a hard-negative kind"),
    };
}

/// <summary>
/// One line of truth.jsonl (<c>tracemark synth posts</c>): the labels of one synthetic post, keyed by its source file
/// (relative to the output folder) and post number. Only Synthetic's callers write it; <c>eval intel</c> reads it back.
/// </summary>
public sealed record PostTruthReport(
    string Source,
    long Post,
    string Actor,
    PostType Type,
    GoodsKind Goods,
    IReadOnlyList<TradeCategory> Categories,
    OfferFreshness? Freshness,
    bool? FirstHand,
    IReadOnlyList<OfferedField> Fields,
    long? Quantity,
    double? UnitPriceYuan,
    TestPolicy? TestPolicy,
    IReadOnlyList<PostTruthHandle> Handles,
    int SampleIdentifiers,
    HardNegative? Negative);

/// <summary>A contact or payment handle a post's truth says must be extracted: kind and canonical value.</summary>
public sealed record PostTruthHandle(HandleKind Kind, string Value);

/// <summary>What a synthetic hard negative is about instead of the trade (words it shares with trade posts).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<HardNegative>))]
public enum HardNegative
{
    /// <summary>Drug dealing in fruit slang (水果, 叶子, 货到付款).</summary>
    [JsonStringEnumMemberName("drug")]
    Drug,

    /// <summary>Gambling sites and their agents (台子, 出款).</summary>
    [JsonStringEnumMemberName("gambling")]
    Gambling,

    /// <summary>Selling followers and group members (引流, 拉群).</summary>
    [JsonStringEnumMemberName("traffic")]
    Traffic,

    /// <summary>Ordinary group chat.</summary>
    [JsonStringEnumMemberName("chat")]
    Chat,

    /// <summary>Loan advertisements (贷款, 下款).</summary>
    [JsonStringEnumMemberName("loan_ad")]
    LoanAd,
}
