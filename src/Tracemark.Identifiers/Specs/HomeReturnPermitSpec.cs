using Tracemark.Identifiers.Kinds;

namespace Tracemark.Identifiers.Specs;

/// <summary>Home-return permits of Hong Kong and Macau residents (回乡证).</summary>
internal static class HomeReturnPermitSpec
{
    public static readonly KindSpec Value = new()
    {
        Kind = IdentifierKind.HomeReturnPermit,
        Code = "hk_macau_permit",
        Label = "home-return permit (Hong Kong/Macau)",
        Validation = "number shape (no check digit is published)",
        Check = static (raw, canonical, _) => HomeReturnPermit.Check(raw, canonical),
        Headers = [new(110, "permit header", "回乡证", "来往内地"), SharedHeaders.Documents, SharedHeaders.Permits],
        Context = ["回乡证", "通行证", "港澳", "证件"],
        PublishField = "hk_macau_permit",
        ColumnShare = 0.8,
        Priority = 13,
    };
}
