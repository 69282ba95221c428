using Tracemark.Identifiers.Kinds;

namespace Tracemark.Identifiers.Specs;

/// <summary>Taiwan resident certificate numbers (居留證統一證號).</summary>
internal static class TaiwanResidentCertificateSpec
{
    public static readonly KindSpec Value = new()
    {
        Kind = IdentifierKind.TaiwanResidentCertificate,
        Code = "tw_resident_cert",
        Label = "Taiwan resident certificate number",
        Validation = "Taiwan ID check digit",
        Check = static (raw, canonical, _) => TaiwanResidentCertificate.Check(raw, canonical),
        Headers = [SharedHeaders.Documents, SharedHeaders.ResidentCertificates],
        Context = ["居留证", "居留證", "统一证号", "台湾", "证件"],
        PublishField = "tw_resident_cert",
        ColumnShare = 0.6,
        Priority = 12,
    };
}
