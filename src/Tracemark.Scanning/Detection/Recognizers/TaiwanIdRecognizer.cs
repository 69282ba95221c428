using Tracemark.Identifiers;

namespace Tracemark.Scanning.Detection.Recognizers;

/// <summary>Taiwan ID numbers: letter + 9 digits with a checksum.</summary>
internal sealed class TaiwanIdRecognizer : Recognizer
{
    public static readonly TaiwanIdRecognizer Instance = new();

    public override IdentifierKind Kind => IdentifierKind.TaiwanId;


    public override float Base => 0.6f;

    public override bool Fits(in Candidate c) =>
        c.Shape == CandidateShape.Alphanumeric && c.Masks == 0 && c.Letters == 1 && c.Digits == 9;
}
