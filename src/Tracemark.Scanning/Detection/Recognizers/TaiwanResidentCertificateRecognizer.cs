using Tracemark.Identifiers;

namespace Tracemark.Scanning.Detection.Recognizers;

/// <summary>Taiwan resident certificate numbers (two letters + 8 digits, or letter + 8/9 + 8 digits) with a checksum.</summary>
internal sealed class TaiwanResidentCertificateRecognizer : Recognizer
{
    public static readonly TaiwanResidentCertificateRecognizer Instance = new();

    public override IdentifierKind Kind => IdentifierKind.TaiwanResidentCertificate;


    public override float Base => 0.6f;

    public override bool Fits(in Candidate c) =>
        c.Shape == CandidateShape.Alphanumeric && c.Masks == 0 && c.Length == 10 && ((c.Letters == 1 && c.Digits == 9) || (c.Letters == 2 && c.Digits == 8));
}
