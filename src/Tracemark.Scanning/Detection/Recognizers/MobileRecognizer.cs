using Tracemark.Identifiers;

namespace Tracemark.Scanning.Detection.Recognizers;

/// <summary>Mobile numbers: 11 digits from 1 (13 with 86, 15 with 0086), in an allocated segment.</summary>
internal sealed class MobileRecognizer : Recognizer
{
    public static readonly MobileRecognizer Instance = new();

    public override IdentifierKind Kind => IdentifierKind.Mobile;


    // A valid segment and 11 exact digits between non-digits is distinctive, but a part number could be too.
    public override float Base => 0.85f;

    public override bool Fits(in Candidate c) =>
        c.Shape == CandidateShape.Digits && c.Masks == 0 && c.Letters == 0
        && ((c.Digits == 11 && c.First == '1') || (c.Digits == 13 && c.First == '8') || (c.Digits == 15 && c.First == '0'));
}
