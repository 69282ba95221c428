using System.Text.Json.Serialization;
using Tracemark.Identifiers;

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

    /// <summary>What a credential decoy is, as Synthetic names it (CredentialDumps.DecoyKinds).</summary>
    public static CredentialDecoy Decoy(string what) => what switch
    {
        "account----nothing" => CredentialDecoy.AccountAlone,
        "QQ----mobile binding" => CredentialDecoy.QqMobileBinding,
        "QQ----date" => CredentialDecoy.QqDate,
        "hex order id alone" => CredentialDecoy.HexAlone,
        "account without a password" => CredentialDecoy.AccountWithoutPassword,
        "hex order id or hash without an account" => CredentialDecoy.HexWithoutAccount,
        _ => throw new ArgumentOutOfRangeException(nameof(what), what, "not a credential decoy"),
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

/// <summary>
/// One line of truth/NAME.truth.jsonl (<c>tracemark synth</c>): a generated record's place (source file, or
/// file!sheet, and 1-based record number), the population index of the person in each slot, and every item with what
/// a correct scanner must make of it (docs/synth.md). Only Synthetic's callers write it; tests and evaluations read it.
/// </summary>
public sealed record RecordTruthReport(string Source, long Record, IReadOnlyList<long> Persons, IReadOnlyList<TruthItemReport> Items);

/// <summary>
/// One generated item: the field it is under (header, JSON key; null in free text), the kind it is (for a decoy, the
/// kind it imitates), its canonical value, exactly what the file holds, how a scanner must treat it, and the person
/// slot it belongs to (-1 for a record-level item such as a waybill or a decoy).
/// </summary>
public sealed record TruthItemReport(
    string? Field,
    [property: JsonConverter(typeof(IdentifierKindConverter))] IdentifierKind Kind,
    string Value,
    string Written,
    TruthItemStatus Status,
    int Slot);

/// <summary>How a scanner must treat a generated item.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TruthItemStatus>))]
public enum TruthItemStatus
{
    /// <summary>A valid identifier: must be found, with its canonical value.</summary>
    [JsonStringEnumMemberName("valid")]
    Valid,

    /// <summary>A masked value: reported as masked, never counted as a full identifier.</summary>
    [JsonStringEnumMemberName("masked")]
    Masked,

    /// <summary>A mistyped identifier that fails validation: not counted as valid.</summary>
    [JsonStringEnumMemberName("invalid")]
    Invalid,

    /// <summary>A non-personal number shaped like an identifier: must not be found.</summary>
    [JsonStringEnumMemberName("decoy")]
    Decoy,
}

/// <summary>
/// One line of truth/credentials.truth.jsonl (<c>tracemark synth credentials</c>): a planted account–password pair
/// (its owner, the account as written and normalised, the password as written, its shape, and the clear password
/// behind an MD5 or SHA-1 hash) or a decoy and what it is. A field that does not apply is left out, not null.
/// </summary>
public sealed record CredentialTruthReport(
    string Source,
    long Record,
    CredentialTruthStatus Status,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? Person,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Written,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Account,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Password,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] CredentialShape? Shape,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Clear,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] CredentialDecoy? Decoy);

/// <summary>Whether a record of <c>synth credentials</c> holds a planted pair or only looks like one.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CredentialTruthStatus>))]
public enum CredentialTruthStatus
{
    /// <summary>An account–password pair: a finding of the kind credential.</summary>
    [JsonStringEnumMemberName("credential")]
    Credential,

    /// <summary>Looks like a credential and is not.</summary>
    [JsonStringEnumMemberName("decoy")]
    Decoy,
}

/// <summary>What a decoy record of <c>synth credentials</c> is instead of a credential.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CredentialDecoy>))]
public enum CredentialDecoy
{
    /// <summary>An account followed by the separator and nothing.</summary>
    [JsonStringEnumMemberName("account----nothing")]
    AccountAlone,

    /// <summary>A QQ number bound to a mobile (a binding list, not a password).</summary>
    [JsonStringEnumMemberName("QQ----mobile binding")]
    QqMobileBinding,

    /// <summary>A QQ number with a date.</summary>
    [JsonStringEnumMemberName("QQ----date")]
    QqDate,

    /// <summary>A hex order id on a line of its own in a dump.</summary>
    [JsonStringEnumMemberName("hex order id alone")]
    HexAlone,

    /// <summary>A game account whose password field is empty.</summary>
    [JsonStringEnumMemberName("account without a password")]
    AccountWithoutPassword,

    /// <summary>A hex order id or hash in the file of nothing but decoys.</summary>
    [JsonStringEnumMemberName("hex order id or hash without an account")]
    HexWithoutAccount,
}
