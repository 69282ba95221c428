using Tracemark.Identifiers;

namespace Tracemark.Scanning.Detection.Recognizers;

/// <summary>Landlines with area code: 0 + 2–3 digits + 7–8 digits (or +86 without the 0).</summary>
internal sealed class LandlineRecognizer : Recognizer
{
    public static readonly LandlineRecognizer Instance = new();

    public override IdentifierKind Kind => IdentifierKind.Landline;


    public override float Base => 0.6f;

    public override bool Fits(in Candidate c) =>
        c.Shape == CandidateShape.Digits && c.Masks == 0 && c.Letters == 0 && c.Digits is >= 10 and <= 14 && c.First is '0' or '8';
}
