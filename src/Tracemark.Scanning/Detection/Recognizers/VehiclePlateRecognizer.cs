using Tracemark.Identifiers;

namespace Tracemark.Scanning.Detection.Recognizers;

/// <summary>Vehicle plates: a province character, a letter and 5–6 serial characters.</summary>
internal sealed class VehiclePlateRecognizer : Recognizer
{
    public static readonly VehiclePlateRecognizer Instance = new();

    public override IdentifierKind Kind => IdentifierKind.VehiclePlate;


    public override float Base => 0.8f;

    public override bool Fits(in Candidate c) => c.Shape == CandidateShape.Plate && c.Length is >= 7 and <= 9;
}
