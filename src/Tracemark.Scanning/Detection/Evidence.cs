using Tracemark.Identifiers;

namespace Tracemark.Scanning.Detection;

/// <summary>
/// Where a free-text finding sits and why it was reported (Presidio's analysis explanation): its span in the text
/// handed to the text scanner (UTF-16 positions; converted to code points when written), the recognizer, the
/// context word that raised it (or <see cref="HeaderContext"/> when the column's header did), and what validation
/// it passed. All strings are constants: building one allocates nothing.
/// </summary>
internal readonly record struct Evidence(int Start, int End, string Recognizer, string? ContextWord, string Validation)
{
    /// <summary>Stands for "the field's header named this kind"; the writer puts the header text in its place.</summary>
    public static readonly string HeaderContext = new("(header)".AsSpan());
}

/// <summary>What the identifier library checked for each kind, in words (the kind's <see cref="KindSpec.Validation"/>).</summary>
internal static class Validations
{
    public static string For(IdentifierKind kind) => KindSpecs.For(kind).Validation;
}
