using Tracemark.Identifiers.Kinds;

namespace Tracemark.Identifiers.Specs;

/// <summary>Hong Kong identity card numbers.</summary>
internal static class HongKongIdSpec
{
    public static readonly KindSpec Value = new()
    {
        Kind = IdentifierKind.HongKongId,
        Code = "hk_id",
        Label = "Hong Kong identity card number",
        Validation = "Hong Kong ID check character",
        Check = static (raw, canonical, _) => HongKongId.Check(raw, canonical),
        Headers = [SharedHeaders.Documents],
        Context = ["香港身份证", "身份证", "hkid", "证件"],
        PublishField = "hk_id",
        ColumnShare = 0.6,
        Priority = 10,
    };
}
