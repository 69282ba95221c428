using Tracemark.Identifiers;

namespace Tracemark.Scanning.Detection.Recognizers;

/// <summary>Courier waybills. Lettered ones (SF, YT, JT, JD) are distinctive; numeric ones need a waybill word before them.</summary>
internal sealed class WaybillRecognizer : Recognizer
{
    public static readonly WaybillRecognizer Instance = new();

    public override IdentifierKind Kind => IdentifierKind.Waybill;


    public override float Base => 0.6f;

    public override bool Fits(in Candidate c) =>
        c.Masks == 0 && ((c.Shape == CandidateShape.Alphanumeric && c.Letters is 2 or 4 && c.Digits >= 11) || c.Shape == CandidateShape.Digits && c.Digits is >= 13 and <= 17);

    /// <summary>Numeric waybills look like any long number: only with context.</summary>
    public static bool NeedsContext(in Candidate c) => c.Shape == CandidateShape.Digits;
}
