using Tracemark.Identifiers.Kinds;

namespace Tracemark.Identifiers.Specs;

/// <summary>Masked e-mail addresses (zh***@163.com). Already partial: shown as written, never a full identifier, never a published field.</summary>
internal static class EmailMaskedSpec
{
    public static readonly KindSpec Value = new()
    {
        Kind = IdentifierKind.EmailMasked,
        Code = "email_masked",
        Label = "masked e-mail address",
        Validation = "visible parts consistent with the full kind (masked)",
        Check = static (raw, canonical, _) => MaskedValue.Check(IdentifierKind.EmailMasked, raw, canonical),
        Mask = static v => v,
        MaskedFormOf = IdentifierKind.Email,
        Priority = 21,
    };
}
