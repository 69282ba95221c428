using Tracemark.Identifiers;

namespace Tracemark.Scanning.Detection.Recognizers;

/// <summary>QQ numbers: any 5–11 digits, so only with a QQ word just before (QQ, qq号, Q:, 扣扣).</summary>
internal sealed class QqRecognizer : Recognizer
{
    public static readonly QqRecognizer Instance = new();

    public override IdentifierKind Kind => IdentifierKind.Qq;


    public override float Base => 0f;

    public override float WithContext => 0.9f;

    public override bool RequiresContext => true;

    public override bool Fits(in Candidate c) =>
        c.Shape == CandidateShape.Digits && c.Masks == 0 && c.Letters == 0 && c.Digits is >= 5 and <= 11 && c.First != '0';
}
