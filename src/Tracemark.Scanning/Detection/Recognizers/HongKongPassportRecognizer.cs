using Tracemark.Identifiers;

namespace Tracemark.Scanning.Detection.Recognizers;

/// <summary>Hong Kong SAR passport numbers (K + 8 digits, KJ + 7 digits): no check digit, so weak without context.</summary>
internal sealed class HongKongPassportRecognizer : Recognizer
{
    public static readonly HongKongPassportRecognizer Instance = new();

    public override IdentifierKind Kind => IdentifierKind.HongKongPassport;


    public override float Base => 0.45f;

    public override bool Fits(in Candidate c) =>
        c.Shape == CandidateShape.Alphanumeric && c.Masks == 0 && c.Length == 9 && c.Letters is 1 or 2 && c.First == 'K';
}
