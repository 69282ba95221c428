using Tracemark.Identifiers.Kinds;

namespace Tracemark.Identifiers.Specs;

/// <summary>Bank card numbers: the issuer prefix (BIN) and the last four stay visible.</summary>
internal static class BankCardSpec
{
    public static readonly KindSpec Value = new()
    {
        Kind = IdentifierKind.BankCard,
        Code = "bank_card",
        Label = "bank card number",
        Validation = "Luhn check digit and a card network's length",
        Check = static (raw, canonical, _) => BankCard.Check(raw, canonical),
        Mask = v => v.Length >= 12 ? Masking.Keep(v, 6, 4) : Masking.MaskUnknown(v),
        Headers = [new(160, "card header", "银行卡", "卡号", "银行账号", "账号", "借记卡", "信用卡", "bankcard", "cardno", "card", "account")],
        Context = ["卡号", "银行卡", "银行账号", "账号", "借记卡", "信用卡", "储蓄卡", "开户", "card", "bank"],
        PublishField = "bank_card",
        MaskedForm = IdentifierKind.BankCardMasked,
        ColumnShare = 0.9,
        Priority = 3,
    };
}
