using Tracemark.Identifiers;

namespace Tracemark.Scanning.Detection.Recognizers;

/// <summary>Hong Kong ID numbers: 1–2 letters, 6 digits, check digit; the check makes a hit fair without context.</summary>
internal sealed class HongKongIdRecognizer : Recognizer
{
    public static readonly HongKongIdRecognizer Instance = new();

    public override IdentifierKind Kind => IdentifierKind.HongKongId;


    public override float Base => 0.6f;

    public override bool Fits(in Candidate c) =>
        c.Shape == CandidateShape.Alphanumeric && c.Masks == 0 && c.Letters is >= 1 and <= 3 && c.Digits is 6 or 7 && c.Digits + c.Letters is 8 or 9;
}
