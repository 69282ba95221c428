using Tracemark.Identifiers.Text;

namespace Tracemark.Identifiers.Kinds;

/// <summary>
/// QQ number: 5–11 digits, first digit 1–9 (numbers started at 10000). The shape alone says little; callers must
/// require context (QQ, qq号, Q:, 扣扣) or a QQ column. Canonical form: the digits.
/// </summary>
public static class QqNumber
{
    /// <summary>Shortest QQ number.</summary>
    public const int MinLength = 5;

    /// <summary>Longest QQ number.</summary>
    public const int MaxLength = 11;

    /// <summary>Folds and validates; writes the digits to <paramref name="canonical"/> (at least 11 long).</summary>
    public static Verdict Check(ReadOnlySpan<char> raw, Span<char> canonical)
    {
        const IdentifierKind kind = IdentifierKind.Qq;
        Span<char> buf = stackalloc char[24];
        var prepared = Prepare.Digits(kind, raw, buf, Strip.Spaces, MinLength, MaxLength, out var digits);
        if (prepared.Problem != Problem.None)
        {
            return prepared;
        }

        if (digits[0] == '0')
        {
            return Verdict.Fail(kind, Problem.Shape);
        }

        digits.CopyTo(canonical);
        return Verdict.Valid(kind, digits.Length);
    }
}
