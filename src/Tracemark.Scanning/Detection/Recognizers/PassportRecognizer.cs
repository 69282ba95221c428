using Tracemark.Identifiers;

namespace Tracemark.Scanning.Detection.Recognizers;

/// <summary>Passport numbers (E/G/DE/SE/PE + digits): no check digit, so weak without context.</summary>
internal sealed class PassportRecognizer : Recognizer
{
    public static readonly PassportRecognizer Instance = new();

    public override IdentifierKind Kind => IdentifierKind.Passport;


    public override float Base => 0.45f;

    public override bool Fits(in Candidate c) =>
        c.Shape == CandidateShape.Alphanumeric && c.Masks == 0 && c.Length == 9 && c.Letters is 1 or 2 && c.First is 'E' or 'G' or 'D' or 'S' or 'P';
}
