using Tracemark.Identifiers.Kinds;

namespace Tracemark.Identifiers.Specs;

/// <summary>Masked resident ID numbers (110105********002X). Already partial: shown as written, never a full identifier, never a published field.</summary>
internal static class ResidentIdMaskedSpec
{
    public static readonly KindSpec Value = new()
    {
        Kind = IdentifierKind.ResidentIdMasked,
        Code = "cn_id_masked",
        Label = "masked resident ID number",
        Validation = "visible parts consistent with the full kind (masked)",
        Check = static (raw, canonical, _) => MaskedValue.Check(IdentifierKind.ResidentIdMasked, raw, canonical),
        Mask = static v => v,
        MaskedFormOf = IdentifierKind.ResidentId,
        Priority = 19,
    };
}
