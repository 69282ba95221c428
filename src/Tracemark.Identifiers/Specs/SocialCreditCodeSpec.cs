using Tracemark.Identifiers.Kinds;

namespace Tracemark.Identifiers.Specs;

/// <summary>Unified social credit codes (GB 32100-2015) identify organizations, not people: shown as written, never counted as personal.</summary>
internal static class SocialCreditCodeSpec
{
    public static readonly KindSpec Value = new()
    {
        Kind = IdentifierKind.SocialCreditCode,
        Code = "uscc",
        Label = "unified social credit code",
        Validation = "GB 32100 check character and region code",
        Check = static (raw, canonical, _) => SocialCreditCode.Check(raw, canonical),
        Mask = v => v,
        Headers = [new(40, "credit code header", "统一社会信用代码", "信用代码", "uscc", "营业执照")],
        Context = ["信用代码", "统一社会", "营业执照", "税号", "uscc"],
        PublishField = "uscc",
        IsPersonal = false,
        ColumnShare = 0.6,
        Priority = 4,
    };
}
