using Tracemark.Identifiers.Kinds;

namespace Tracemark.Identifiers.Specs;

/// <summary>Resident ID numbers (GB 11643-1999): the region code and the last four stay visible.</summary>
internal static class ResidentIdSpec
{
    public static readonly KindSpec Value = new()
    {
        Kind = IdentifierKind.ResidentId,
        Code = "cn_id",
        Label = "resident ID number",
        Validation = "GB 11643 check character, region code and birth date",
        Check = ResidentId.Check,
        Mask = v => v.Length == ResidentId.Length ? Masking.Keep(v, 6, 4) : Masking.MaskUnknown(v),
        Headers = [new(70, "ID header", "身份证", "身份号", "公民身份", "sfz", "idcard", "idno", "idnumber", "identity"), SharedHeaders.Documents],
        Context = ["身份证", "证件", "身份号", "公民身份", "sfz", "idcard", "id card", "id no", "id:"],
        PublishField = "cn_id",
        MaskedForm = IdentifierKind.ResidentIdMasked,
        ColumnShare = 0.6,
        Priority = 1,
    };
}
