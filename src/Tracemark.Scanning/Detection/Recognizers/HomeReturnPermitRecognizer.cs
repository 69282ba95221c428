using Tracemark.Identifiers;

namespace Tracemark.Scanning.Detection.Recognizers;

/// <summary>Home-return permits (H/M + 8 digits): no check digit, so weak without context.</summary>
internal sealed class HomeReturnPermitRecognizer : Recognizer
{
    public static readonly HomeReturnPermitRecognizer Instance = new();

    public override IdentifierKind Kind => IdentifierKind.HomeReturnPermit;


    public override float Base => 0.4f;

    public override bool Fits(in Candidate c) =>
        c.Shape == CandidateShape.Alphanumeric && c.Masks == 0 && c.Letters == 1 && c.Digits is 8 or 10 && c.First is 'H' or 'M';
}
