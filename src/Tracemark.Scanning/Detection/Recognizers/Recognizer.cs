using Tracemark.Identifiers;

namespace Tracemark.Scanning.Detection.Recognizers;

/// <summary>The shape of a candidate found in free text.</summary>
internal enum CandidateShape
{
    /// <summary>Digits, possibly grouped by single spaces or dashes, with +86, trailing X, or mask characters.</summary>
    Digits,
    /// <summary>Letters and digits together (passports, HK/TW IDs, credit codes, waybills).</summary>
    Alphanumeric,
    /// <summary>A province character followed by letters and digits (plates).</summary>
    Plate,
    /// <summary>Text around an @.</summary>
    Email,
}

/// <summary>What the scanner knows about a candidate before asking recognizers.</summary>
/// <param name="Shape">The candidate's shape.</param>
/// <param name="Digits">Count of digits in it.</param>
/// <param name="Letters">Count of ASCII letters.</param>
/// <param name="Masks">Count of mask characters (* ×).</param>
/// <param name="Length">Length in characters.</param>
/// <param name="First">First digit or letter.</param>
internal readonly record struct Candidate(CandidateShape Shape, int Digits, int Letters, int Masks, int Length, char First);

/// <summary>
/// How one kind of identifier is found in free text (Presidio's model): a candidate shape and confidences. What the
/// kind is (validation hook, context and header words, masking, published field) is its <see cref="KindSpec"/>;
/// each recognizer lives in its own file with its own test file.
/// </summary>
internal abstract class Recognizer
{
    protected Recognizer() => Name = GetType().Name;

    /// <summary>The class name, as findings explain it (MobileRecognizer).</summary>
    public string Name { get; }

    /// <summary>The kind it finds.</summary>
    public abstract IdentifierKind Kind { get; }

    private string[]? _context;

    /// <summary>Words that, shortly before a candidate, say it is this kind: the kind's <see cref="KindSpec.Context"/>.
    /// One array per recognizer, since the text scanner caches context searches by the list's reference.</summary>
    public virtual string[] Context => _context ??= [.. KindSpecs.For(Kind).Context];

    /// <summary>Confidence of a valid candidate without context.</summary>
    public abstract float Base { get; }

    /// <summary>Confidence of a valid candidate with context.</summary>
    public virtual float WithContext => 0.99f;

    /// <summary>Kinds whose shape alone means little (QQ numbers, numeric waybills) are reported only with context.</summary>
    public virtual bool RequiresContext => false;

    /// <summary>Cheap shape test before validation.</summary>
    public abstract bool Fits(in Candidate candidate);

    /// <summary>The reason text for a hit.</summary>
    public string Reason(bool context) => context ? $"valid {Kind.Code()}; context word" : $"valid {Kind.Code()}";
}
