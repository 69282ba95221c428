using Tracemark.Identifiers.Kinds;

namespace Tracemark.Identifiers.Specs;

/// <summary>Fixed-line numbers with area code: the area code stays visible.</summary>
internal static class LandlineSpec
{
    public static readonly KindSpec Value = new()
    {
        Kind = IdentifierKind.Landline,
        Code = "landline",
        Label = "landline number",
        Validation = "assigned area code and local-number length",
        Check = static (raw, canonical, _) => Landline.Check(raw, canonical),
        Mask = Masking.MaskLandline,
        Headers = [SharedHeaders.Phones],
        Context = ["电话", "座机", "固话", "联系方式", "tel", "phone", "传真"],
        PublishField = "landline",
        ColumnShare = 0.6,
        Priority = 16,
    };
}
