using Tracemark.Identifiers.Kinds;
using Tracemark.Identifiers.Text;

namespace Tracemark.Identifiers;

/// <summary>One fact about an identifier: a stable key for JSON, a label for people, and the value.</summary>
/// <param name="Key">Stable snake_case key.</param>
/// <param name="Label">Plain-words label.</param>
/// <param name="Value">The fact.</param>
/// <param name="Masked">When the value is itself an identifier (e.g. the QQ number inside a QQ Mail address), the kind to mask it as.</param>
public sealed record Fact(string Key, string Label, string Value, IdentifierKind? Masked = null);

/// <summary>The answer to "what is this value?": the most plausible kind, its verdict, canonical form and facts.</summary>
public sealed record Identification(
    string Input,
    IdentifierKind? Kind,
    Verdict Verdict,
    string? Canonical,
    IReadOnlyList<Fact> Facts,
    IReadOnlyList<IdentifierKind> Alternatives)
{
    /// <summary>True when the value is a valid identifier of <see cref="Kind"/>.</summary>
    public bool IsValid => Kind is not null && Verdict.IsValid;

    /// <summary>1 for a valid value, lower for a valid one with a caveat (<see cref="Verdict.Uncertain"/>), 0 otherwise.</summary>
    public double Confidence => !IsValid ? 0 : Verdict.Uncertain ? 0.6 : 1;

    /// <summary>Plain-words reason: "valid", the verdict's explanation, or why nothing matched.</summary>
    public string Reason => Kind is null ? "not recognized as any identifier Tracemark knows" : Verdict.Explain();
}

/// <summary>Entry points over every kind: check by kind, identify an unknown value, describe a valid one.</summary>
public static class Identifier
{
    /// <summary>A canonical buffer of this length fits every kind.</summary>
    public const int MaxCanonicalLength = EmailAddress.MaxLength;

    // Order matters: the first kind that validates is the answer, so specific shapes come before generic ones
    // (an 11-digit mobile is also QQ-shaped; an ID-shaped number can pass Luhn by chance). Each kind's place is its
    // KindSpec.Priority; passport-like numbers come before Hong Kong IDs (E + 8 characters is an e-passport even when
    // it passes the HKID check, as one value in eleven does).
    private static readonly IdentifierKind[] Priority = [.. KindSpecs.ByPriority.Select(s => s.Kind)];

    /// <summary>Checks <paramref name="raw"/> as <paramref name="kind"/>; writes the canonical form on success.</summary>
    public static Verdict Check(IdentifierKind kind, ReadOnlySpan<char> raw, Span<char> canonical) =>
        Dispatch(kind, raw, canonical, null);

    /// <summary>As <see cref="Check(IdentifierKind, ReadOnlySpan{char}, Span{char})"/> with a fixed "today" for birth-date checks.</summary>
    public static Verdict Check(IdentifierKind kind, ReadOnlySpan<char> raw, Span<char> canonical, DateOnly today) =>
        Dispatch(kind, raw, canonical, today);

    private static Verdict Dispatch(IdentifierKind kind, ReadOnlySpan<char> raw, Span<char> canonical, DateOnly? today) =>
        KindSpecs.For(kind).Check(raw, canonical, today);

    /// <summary>Identifies a value typed by a person; see <see cref="Identify(string, DateOnly)"/>.</summary>
    public static Identification Identify(string raw) => Identify(raw, Clock.Today);

    /// <summary>
    /// Finds the most plausible kind for <paramref name="raw"/>: the first kind (in a fixed priority) that validates;
    /// when none does, the kind whose shape it has, with the reason it fails. Not for hot paths.
    /// </summary>
    public static Identification Identify(string raw, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(raw);
        Span<char> canonical = stackalloc char[MaxCanonicalLength];
        var valid = new List<(IdentifierKind Kind, Verdict Verdict, string Canonical)>();
        (IdentifierKind Kind, Verdict Verdict)? deepFailure = null;
        Verdict? idNearMiss = null;
        foreach (var kind in Priority)
        {
            var verdict = Check(kind, raw, canonical, today);
            if (kind == IdentifierKind.ResidentId && verdict.Problem == Problem.Region && verdict.Detail2 == 1)
            {
                // Check character and birth date right, region unknown: still a resident ID, with lower confidence.
                verdict = Verdict.ValidUnknownRegion(verdict.Detail);
                Fold.Compact(raw, canonical, Strip.Spaces | Strip.Dashes | Strip.Upper);
            }

            if (verdict.IsValid)
            {
                valid.Add((kind, verdict, canonical[..verdict.Length].ToString()));
            }
            else if (deepFailure is null && IsDeep(verdict.Problem))
            {
                deepFailure = (kind, verdict);
            }

            if (kind == IdentifierKind.ResidentId && verdict.Problem == Problem.CheckCharacter)
            {
                idNearMiss = verdict;
            }
        }

        // An 18-digit number whose region and birth date are right but check character wrong is a mistyped ID,
        // even if it passes Luhn (one number in ten does).
        if (idNearMiss is { } miss && valid.Count > 0 && valid[0].Kind == IdentifierKind.BankCard)
        {
            return new Identification(raw, IdentifierKind.ResidentId, miss, null, [], [.. valid.Select(v => v.Kind)]);
        }

        // QQ numbers and numeric waybills are shapes that need context; a value that had a specific kind's form and
        // broke one of its rules (15412345678: an unassigned mobile segment) is reported as that failure.
        if (deepFailure is { } specific && valid.Count > 0 && valid[0].Kind is IdentifierKind.Qq or IdentifierKind.Waybill
            && Array.IndexOf(Priority, specific.Kind) < Array.IndexOf(Priority, valid[0].Kind))
        {
            return new Identification(raw, specific.Kind, specific.Verdict, null, [], [.. valid.Select(v => v.Kind)]);
        }

        if (valid.Count > 0)
        {
            var (kind, verdict, text) = valid[0];
            return new Identification(raw, kind, verdict, text, Describe(kind, text, raw, today), [.. valid.Skip(1).Select(v => v.Kind)]);
        }

        // Nothing valid: a value with the unmistakable digit shape of an ID or mobile is judged as one; otherwise the
        // first kind whose form it had and whose rule it broke; otherwise a looser guess by shape.
        var guess = GuessByShape(raw);
        if (guess is IdentifierKind.ResidentId or IdentifierKind.Mobile)
        {
            return new Identification(raw, guess, Check(guess.Value, raw, canonical, today), null, [], []);
        }

        if (deepFailure is { } failure)
        {
            return new Identification(raw, failure.Kind, failure.Verdict, null, [], []);
        }

        return guess is { } g
            ? new Identification(raw, g, Check(g, raw, canonical, today), null, [], [])
            : new Identification(raw, null, default, null, [], []);
    }

    // Failures past the shape: the value had the kind's form and broke one of its rules.
    private static bool IsDeep(Problem p) => p is not (Problem.None or Problem.Empty or Problem.Length or Problem.Character
        or Problem.Shape or Problem.EmailAt or Problem.Surname or Problem.AddressParts or Problem.MaskedParts);

    private static IdentifierKind? GuessByShape(string raw)
    {
        Span<char> buf = stackalloc char[64];
        var n = Fold.Compact(raw, buf, Strip.Numeric | Strip.Parentheses | Strip.Upper);
        if (n <= 0)
        {
            return null;
        }

        var s = buf[..n];
        if (s.Contains('@'))
        {
            return IdentifierKind.Email;
        }

        if ((n == 18 && Ascii.AllDigits(s[..17])) || (n == 15 && Ascii.AllDigits(s)))
        {
            return IdentifierKind.ResidentId;
        }

        if (n == 11 && s[0] == '1' && Ascii.AllDigits(s[1..]))
        {
            return IdentifierKind.Mobile;
        }

        if (n is >= 16 and <= 19 && Ascii.AllDigits(s[..4]))
        {
            return IdentifierKind.BankCard;
        }

        return n == 18 ? IdentifierKind.SocialCreditCode : null;
    }

    /// <summary>Facts about a valid value: <paramref name="canonical"/> is its canonical form, <paramref name="raw"/> what was written.</summary>
    public static IReadOnlyList<Fact> Describe(IdentifierKind kind, string canonical, string raw, DateOnly today) =>
        Facts.Describe(kind, canonical, raw, today);
}
