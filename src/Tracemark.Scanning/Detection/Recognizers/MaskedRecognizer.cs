using Tracemark.Identifiers;
using Tracemark.Identifiers.Kinds;

namespace Tracemark.Scanning.Detection.Recognizers;

/// <summary>Masked mobiles, IDs and cards in text (138****8000): partial, never counted as full identifiers.</summary>
internal sealed class MaskedRecognizer : Recognizer
{
    public static readonly MaskedRecognizer Instance = new();

    // The kind is decided per candidate by MaskedValue.TryClassify; this names the family.
    public override IdentifierKind Kind => IdentifierKind.MobileMasked;

    // The masked forms share one recognizer and one list: a masked value says little of which kind it is until classified.
    public override string[] Context { get; } = ["手机", "电话", "身份证", "卡号", "银行卡", "号码"];

    public override float Base => 0.8f;

    public override float WithContext => 0.95f;

    public override bool Fits(in Candidate c) =>
        c.Shape is CandidateShape.Digits or CandidateShape.Alphanumeric && c.Masks > 0 && c.Digits >= 4 && c.Digits + c.Masks + c.Letters is >= 11 and <= 19;

    /// <summary>Which masked kind a candidate is, if any.</summary>
    public static bool TryClassify(ReadOnlySpan<char> text, out IdentifierKind kind) => MaskedValue.TryClassify(text, out kind);
}
