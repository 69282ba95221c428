using Tracemark.Identifiers;

namespace Tracemark.Scanning.Detection.Recognizers;

/// <summary>E-mail addresses: text around an @ that validates as an address.</summary>
internal sealed class EmailRecognizer : Recognizer
{
    public static readonly EmailRecognizer Instance = new();

    public override IdentifierKind Kind => IdentifierKind.Email;


    public override float Base => 0.95f;

    public override bool Fits(in Candidate c) => c.Shape == CandidateShape.Email && c.Masks == 0;
}
