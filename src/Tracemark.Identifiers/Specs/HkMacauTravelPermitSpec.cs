using Tracemark.Identifiers.Kinds;

namespace Tracemark.Identifiers.Specs;

/// <summary>Mainland residents' travel permits to Hong Kong and Macau (往来港澳通行证).</summary>
internal static class HkMacauTravelPermitSpec
{
    public static readonly KindSpec Value = new()
    {
        Kind = IdentifierKind.HkMacauTravelPermit,
        Code = "hk_macau_travel_permit",
        Label = "travel permit to Hong Kong/Macau (往来港澳通行证)",
        Validation = "number shape (no check digit is published)",
        Check = static (raw, canonical, _) => HkMacauTravelPermit.Check(raw, canonical),
        Headers = [new(100, "travel permit header", "往来港澳", "赴港澳", "港澳通行证"), SharedHeaders.Documents, SharedHeaders.Permits],
        Context = ["通行证", "港澳通行证", "往来港澳", "证件"],
        PublishField = "hk_macau_travel_permit",
        ColumnShare = 0.8,
        Priority = 9,
    };
}
