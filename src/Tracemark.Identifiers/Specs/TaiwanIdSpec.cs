using Tracemark.Identifiers.Kinds;

namespace Tracemark.Identifiers.Specs;

/// <summary>Taiwan national identification numbers (also under resident-certificate headers, where both appear).</summary>
internal static class TaiwanIdSpec
{
    public static readonly KindSpec Value = new()
    {
        Kind = IdentifierKind.TaiwanId,
        Code = "tw_id",
        Label = "Taiwan ID number",
        Validation = "Taiwan ID check digit",
        Check = static (raw, canonical, _) => TaiwanId.Check(raw, canonical),
        Headers = [SharedHeaders.Documents, SharedHeaders.ResidentCertificates],
        Context = ["台湾", "身份证", "台胞", "证件"],
        PublishField = "tw_id",
        ColumnShare = 0.6,
        Priority = 11,
    };
}
