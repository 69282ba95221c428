using Tracemark.Identifiers;

namespace Tracemark.Scanning.Detection.Recognizers;

/// <summary>Resident ID numbers: 18 (17 digits + digit or X) or 15 digits; the check, region and date make a hit strong without context.</summary>
internal sealed class ResidentIdRecognizer : Recognizer
{
    public static readonly ResidentIdRecognizer Instance = new();

    public override IdentifierKind Kind => IdentifierKind.ResidentId;


    public override float Base => 0.95f;

    public override bool Fits(in Candidate c) =>
        c.Shape is CandidateShape.Digits or CandidateShape.Alphanumeric && c.Masks == 0
        && ((c.Digits == 18 && c.Letters == 0) || (c.Digits == 17 && c.Letters == 1) || (c.Digits == 15 && c.Letters == 0));
}
