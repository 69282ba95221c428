using Tracemark.Identifiers.Kinds;

namespace Tracemark.Identifiers.Specs;

/// <summary>Macau SAR passport numbers.</summary>
internal static class MacauPassportSpec
{
    public static readonly KindSpec Value = new()
    {
        Kind = IdentifierKind.MacauPassport,
        Code = "mo_passport",
        Label = "Macau SAR passport number",
        Validation = "number shape (no check digit is published)",
        Check = static (raw, canonical, _) => MacauPassport.Check(raw, canonical),
        Headers = [SharedHeaders.Documents, SharedHeaders.Passports],
        Context = ["护照", "passport", "澳门特区护照", "特区护照", "证件"],
        PublishField = "mo_passport",
        ColumnShare = 0.8,
        Priority = 8,
    };
}
