using Tracemark.Identifiers.Kinds;

namespace Tracemark.Identifiers.Specs;

/// <summary>Masked names (张*). Already partial: shown as written, never a full identifier, never a published field.</summary>
internal static class NameMaskedSpec
{
    public static readonly KindSpec Value = new()
    {
        Kind = IdentifierKind.NameMasked,
        Code = "name_masked",
        Label = "masked name",
        Validation = "visible parts consistent with the full kind (masked)",
        Check = static (raw, canonical, _) => MaskedValue.Check(IdentifierKind.NameMasked, raw, canonical),
        Mask = static v => v,
        MaskedFormOf = IdentifierKind.Name,
        Priority = 22,
    };
}
