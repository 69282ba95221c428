using Tracemark.Identifiers;

namespace Tracemark.Scanning.Detection.Recognizers;

/// <summary>Travel permits to Hong Kong and Macau (往来港澳通行证: C/W + 8 digits, C + letter + 7 digits): no check digit, so weak without context.</summary>
internal sealed class HkMacauTravelPermitRecognizer : Recognizer
{
    public static readonly HkMacauTravelPermitRecognizer Instance = new();

    public override IdentifierKind Kind => IdentifierKind.HkMacauTravelPermit;


    public override float Base => 0.4f;

    public override bool Fits(in Candidate c) =>
        c.Shape == CandidateShape.Alphanumeric && c.Masks == 0 && c.Length == 9 && c.Letters is 1 or 2 && c.First is 'C' or 'W';
}
