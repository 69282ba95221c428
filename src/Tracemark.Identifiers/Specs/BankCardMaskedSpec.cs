using Tracemark.Identifiers.Kinds;

namespace Tracemark.Identifiers.Specs;

/// <summary>Masked bank card numbers (6222 **** **** 1234). Already partial: shown as written, never a full identifier, never a published field.</summary>
internal static class BankCardMaskedSpec
{
    public static readonly KindSpec Value = new()
    {
        Kind = IdentifierKind.BankCardMasked,
        Code = "bank_card_masked",
        Label = "masked bank card number",
        Validation = "visible parts consistent with the full kind (masked)",
        Check = static (raw, canonical, _) => MaskedValue.Check(IdentifierKind.BankCardMasked, raw, canonical),
        Mask = static v => v,
        MaskedFormOf = IdentifierKind.BankCard,
        Priority = 20,
    };
}
