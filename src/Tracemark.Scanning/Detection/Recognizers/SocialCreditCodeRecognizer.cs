using Tracemark.Identifiers;

namespace Tracemark.Scanning.Detection.Recognizers;

/// <summary>Unified social credit codes: 18 characters with two check characters; strong without context.</summary>
internal sealed class SocialCreditCodeRecognizer : Recognizer
{
    public static readonly SocialCreditCodeRecognizer Instance = new();

    public override IdentifierKind Kind => IdentifierKind.SocialCreditCode;


    public override float Base => 0.9f;

    public override bool Fits(in Candidate c) =>
        c.Shape is CandidateShape.Alphanumeric or CandidateShape.Digits && c.Masks == 0 && c.Digits + c.Letters == 18 && c.Letters >= 1;
}
