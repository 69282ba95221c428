using Tracemark.Identifiers.Kinds;

namespace Tracemark.Identifiers.Specs;

/// <summary>Masked mobile numbers (138****8000). Already partial: shown as written, never a full identifier, never a published field.</summary>
internal static class MobileMaskedSpec
{
    public static readonly KindSpec Value = new()
    {
        Kind = IdentifierKind.MobileMasked,
        Code = "mobile_masked",
        Label = "masked mobile number",
        Validation = "visible parts consistent with the full kind (masked)",
        Check = static (raw, canonical, _) => MaskedValue.Check(IdentifierKind.MobileMasked, raw, canonical),
        Mask = static v => v,
        MaskedFormOf = IdentifierKind.Mobile,
        Priority = 18,
    };
}
