using Tracemark.Identifiers.Kinds;

namespace Tracemark.Identifiers.Specs;

/// <summary>Motor vehicle plates.</summary>
internal static class VehiclePlateSpec
{
    public static readonly KindSpec Value = new()
    {
        Kind = IdentifierKind.VehiclePlate,
        Code = "plate",
        Label = "vehicle plate",
        Validation = "GA 36 plate shape with a province abbreviation",
        Check = static (raw, canonical, _) => VehiclePlate.Check(raw, canonical),
        Headers = [new(180, "plate header", "车牌", "号牌", "plate")],
        Context = ["车牌", "号牌", "车辆", "plate"],
        PublishField = "plate",
        ColumnShare = 0.6,
        Priority = 14,
    };
}
