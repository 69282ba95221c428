using Tracemark.Identifiers.Kinds;

namespace Tracemark.Identifiers.Specs;

/// <summary>Mainland mobile numbers: the segment and the last four stay visible (138****8000, as receipts print them).</summary>
internal static class MobileSpec
{
    public static readonly KindSpec Value = new()
    {
        Kind = IdentifierKind.Mobile,
        Code = "mobile",
        Label = "mobile number",
        Validation = "11 digits in an allocated mobile segment",
        Check = static (raw, canonical, _) => MobileNumber.Check(raw, canonical),
        Mask = v => v.Length == MobileNumber.Length ? Masking.Keep(v, 3, 4) : Masking.MaskUnknown(v),
        Headers = [new(140, "mobile header", "手机", "移动电话", "mobile", "cellphone", "cell"), SharedHeaders.Phones],
        Context = ["手机", "电话", "联系方式", "联系", "号码", "mobile", "phone", "tel", "电联", "微信"],
        PublishField = "mobile",
        MaskedForm = IdentifierKind.MobileMasked,
        ColumnShare = 0.6,
        Priority = 2,
    };
}
