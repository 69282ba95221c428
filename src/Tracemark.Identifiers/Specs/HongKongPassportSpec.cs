using Tracemark.Identifiers.Kinds;

namespace Tracemark.Identifiers.Specs;

/// <summary>Hong Kong SAR passport numbers.</summary>
internal static class HongKongPassportSpec
{
    public static readonly KindSpec Value = new()
    {
        Kind = IdentifierKind.HongKongPassport,
        Code = "hk_passport",
        Label = "Hong Kong SAR passport number",
        Validation = "number shape (no check digit is published)",
        Check = static (raw, canonical, _) => HongKongPassport.Check(raw, canonical),
        Headers = [SharedHeaders.Documents, SharedHeaders.Passports],
        Context = ["护照", "passport", "香港特区护照", "特区护照", "证件"],
        PublishField = "hk_passport",
        ColumnShare = 0.8,
        Priority = 7,
    };
}
