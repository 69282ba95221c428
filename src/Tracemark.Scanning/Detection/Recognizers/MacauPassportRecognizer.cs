using Tracemark.Identifiers;

namespace Tracemark.Scanning.Detection.Recognizers;

/// <summary>Macau SAR passport numbers (MA/MB + 7 digits): no check digit, so weak without context.</summary>
internal sealed class MacauPassportRecognizer : Recognizer
{
    public static readonly MacauPassportRecognizer Instance = new();

    public override IdentifierKind Kind => IdentifierKind.MacauPassport;


    public override float Base => 0.45f;

    public override bool Fits(in Candidate c) =>
        c.Shape == CandidateShape.Alphanumeric && c.Masks == 0 && c.Length == 9 && c.Letters == 2 && c.First == 'M';
}
