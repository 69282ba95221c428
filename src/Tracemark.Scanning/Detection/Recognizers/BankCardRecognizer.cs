using Tracemark.Identifiers;

namespace Tracemark.Scanning.Detection.Recognizers;

/// <summary>
/// Bank card numbers: 16–19 digits passing Luhn. One random number in ten passes Luhn, so without context a hit is
/// reported only when its issuer prefix is in the BIN table, and then with middling confidence.
/// </summary>
internal sealed class BankCardRecognizer : Recognizer
{
    public static readonly BankCardRecognizer Instance = new();

    public override IdentifierKind Kind => IdentifierKind.BankCard;


    public override float Base => 0.6f;

    /// <summary>Without context and without a known issuer.</summary>
    public static float UnknownIssuer => 0.3f;

    public override bool Fits(in Candidate c) =>
        c.Shape == CandidateShape.Digits && c.Masks == 0 && c.Letters == 0 && c.Digits is >= 16 and <= 19 && c.First != '0';
}
