using Tracemark.Identifiers.Kinds;

namespace Tracemark.Identifiers.Specs;

/// <summary>Courier waybills: they name parcels, not people; numeric ones look like any long number, so never read from values alone.</summary>
internal static class WaybillSpec
{
    public static readonly KindSpec Value = new()
    {
        Kind = IdentifierKind.Waybill,
        Code = "waybill",
        Label = "courier waybill number",
        Validation = "a courier's waybill pattern",
        Check = static (raw, canonical, _) => Waybill.Check(raw, canonical),
        Headers = [new(30, "waybill header", "运单", "快递单", "物流单", "面单", "waybill", "tracking", "expressno")],
        Context = ["运单", "快递单", "物流单", "单号", "快递", "waybill", "tracking"],
        PublishField = "waybill",
        IsPersonal = false,
        Priority = 15,
    };
}
