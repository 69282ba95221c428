using Tracemark.Identifiers.Kinds;

namespace Tracemark.Identifiers.Specs;

/// <summary>Passport numbers of the People's Republic of China.</summary>
internal static class PassportSpec
{
    public static readonly KindSpec Value = new()
    {
        Kind = IdentifierKind.Passport,
        Code = "cn_passport",
        Label = "Chinese passport number",
        Validation = "number shape (no check digit is published)",
        Check = static (raw, canonical, _) => Passport.Check(raw, canonical),
        Headers = [SharedHeaders.Documents, SharedHeaders.Passports],
        Context = ["护照", "passport", "证件"],
        PublishField = "cn_passport",
        ColumnShare = 0.8,
        Priority = 6,
    };
}
