using Tracemark.Identifiers.Specs;

namespace Tracemark.Identifiers;

/// <summary>Checks <paramref name="raw"/> as one kind; writes the canonical form on success.</summary>
/// <param name="raw">The value as written.</param>
/// <param name="canonical">Where the canonical form goes.</param>
/// <param name="today">A fixed "today" for birth-date checks; null for the clock's.</param>
public delegate Verdict KindCheck(ReadOnlySpan<char> raw, Span<char> canonical, DateOnly? today);

/// <summary>
/// Words that, in a column header, say which kind the column holds (Chinese words match anywhere, English words by
/// segment). Header rules are tried in <see cref="Rank"/> order and the first match decides, so specific words rank
/// before generic ones (运单号 is a waybill before 单号 is a non-personal number). A rule shared by several kinds
/// (证件号 may be any document) is one instance listed by each of them.
/// </summary>
public sealed class HeaderRule
{
    internal HeaderRule(int rank, string reason, params string[] words)
    {
        Rank = rank;
        Reason = reason;
        Words = words;
    }

    /// <summary>Where the rule stands among all header rules (lower first).</summary>
    public int Rank { get; }

    /// <summary>The explanation a column reading carries ("mobile header").</summary>
    public string Reason { get; }

    /// <summary>The words, lower case.</summary>
    public IReadOnlyList<string> Words { get; }
}

/// <summary>
/// Everything Tracemark knows about one kind of identifier, in one place: code and label, the validation hook and
/// what it checks, how values are masked, header and context words, and whether a value is a published field. One
/// file per kind under Specs/ builds it; <see cref="KindSpecs"/> lists them, and the scanner, header matching,
/// masking and the exposure publisher loop over that list instead of keeping tables of their own.
/// </summary>
public sealed class KindSpec
{
    internal KindSpec()
    {
    }

    /// <summary>The kind.</summary>
    public required IdentifierKind Kind { get; init; }

    /// <summary>Stable code used in JSON and on the command line ("cn_id").</summary>
    public required string Code { get; init; }

    /// <summary>Plain-words label ("resident ID number").</summary>
    public required string Label { get; init; }

    /// <summary>What the validation hook checks, in words (explanations of findings).</summary>
    public required string Validation { get; init; }

    /// <summary>The validation hook into the kind's checker.</summary>
    public required KindCheck Check { get; init; }

    /// <summary>How a value is shown unless revealed (given a non-empty value).</summary>
    public Func<string, string> Mask { get; init; } = Masking.MaskUnknown;

    /// <summary>Header words naming the kind (Chinese and English).</summary>
    public IReadOnlyList<HeaderRule> Headers { get; init; } = [];

    /// <summary>Words that, shortly before a value in free text, say it is this kind (lower case).</summary>
    public IReadOnlyList<string> Context { get; init; } = [];

    /// <summary>The name under which the kind is listed among the fields of a leak in the published exposure index;
    /// null when it is never listed (masked forms).</summary>
    public string? PublishField { get; init; }

    /// <summary>For a masked form, the full kind it stands for; null for full kinds.</summary>
    public IdentifierKind? MaskedFormOf { get; init; }

    /// <summary>The full kind a masked form stands for; the kind itself when not masked.</summary>
    public IdentifierKind Unmasked => MaskedFormOf ?? Kind;

    /// <summary>The masked form of this kind, when values are seen masked (138****8000).</summary>
    public IdentifierKind? MaskedForm { get; init; }

    /// <summary>False for kinds that identify organizations or parcels rather than people (credit codes, waybills).</summary>
    public bool IsPersonal { get; init; } = true;

    /// <summary>Share of a column's sampled values that must validate for the column to be read as this kind with
    /// no header hint; null when values alone never decide (QQ numbers and numeric waybills look like any number).</summary>
    public double? ColumnShare { get; init; }

    /// <summary>Where the kind stands when one value validates as several (lower first): identification and column
    /// recognition take the first. Null for kinds never guessed from a bare value (credentials).</summary>
    public int? Priority { get; init; }

    /// <summary>True for masked (partial) forms.</summary>
    public bool IsMasked => MaskedFormOf is not null;
}

/// <summary>The registry of kinds: one <see cref="KindSpec"/> per <see cref="IdentifierKind"/> value.</summary>
public static class KindSpecs
{
    private static readonly KindSpec[] List =
    [
        ResidentIdSpec.Value, MobileSpec.Value, LandlineSpec.Value, BankCardSpec.Value, EmailSpec.Value, QqSpec.Value,
        SocialCreditCodeSpec.Value, PassportSpec.Value, HomeReturnPermitSpec.Value, HongKongIdSpec.Value, TaiwanIdSpec.Value,
        VehiclePlateSpec.Value, WaybillSpec.Value, NameSpec.Value, AddressSpec.Value, HongKongPassportSpec.Value,
        MacauPassportSpec.Value, HkMacauTravelPermitSpec.Value, TaiwanResidentCertificateSpec.Value, CredentialSpec.Value,
        MobileMaskedSpec.Value, ResidentIdMaskedSpec.Value, BankCardMaskedSpec.Value, EmailMaskedSpec.Value, NameMaskedSpec.Value,
    ];

    // Indexed by the kind's value: the enum is a byte, so every kind there can be has a slot.
    private static readonly KindSpec?[] ByKind = Index();

    /// <summary>Every kind, in display order (the order of <see cref="IdentifierKinds.All"/>).</summary>
    public static IReadOnlyList<KindSpec> All { get; } = List;

    /// <summary>Kinds in priority order (see <see cref="KindSpec.Priority"/>), without those never guessed.</summary>
    public static IReadOnlyList<KindSpec> ByPriority { get; } =
        [.. List.Where(s => s.Priority is not null).OrderBy(s => s.Priority)];

    /// <summary>The spec of <paramref name="kind"/> (throws for a value no kind has).</summary>
    public static KindSpec For(IdentifierKind kind) =>
        ByKind[(byte)kind] ?? throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown identifier kind");

    /// <summary>The spec of <paramref name="kind"/>, or null for a value no kind has.</summary>
    public static KindSpec? Find(IdentifierKind kind) => ByKind[(byte)kind];

    private static KindSpec?[] Index()
    {
        var index = new KindSpec?[byte.MaxValue + 1];
        foreach (var spec in List)
        {
            if (index[(byte)spec.Kind] is not null)
            {
                throw new InvalidOperationException($"two specs for {spec.Kind}");
            }

            index[(byte)spec.Kind] = spec;
        }

        return index;
    }
}
