using Tracemark.Identifiers.Reference;
using Tracemark.Identifiers.Text;

namespace Tracemark.Identifiers.Kinds;

/// <summary>What a valid card number tells: its issuer when the BIN table knows it.</summary>
public readonly record struct BankCardFacts(BankBin? Issuer, bool UnionPay, int Length);

/// <summary>
/// Bank card number (ISO/IEC 7812): 16–19 digits passing the Luhn check. A random 16–19 digit number passes Luhn
/// one time in ten, so callers must not call a number a card on this check alone when its column or context says
/// otherwise. Canonical form: the digits.
/// </summary>
public static class BankCard
{
    /// <summary>Shortest card number.</summary>
    public const int MinLength = 16;

    /// <summary>Longest card number.</summary>
    public const int MaxLength = 19;

    /// <summary>Folds and validates; writes the digits to <paramref name="canonical"/> (at least 19 long).</summary>
    public static Verdict Check(ReadOnlySpan<char> raw, Span<char> canonical)
    {
        const IdentifierKind kind = IdentifierKind.BankCard;
        Span<char> buf = stackalloc char[32];
        var prepared = Prepare.Digits(kind, raw, buf, Strip.Numeric, MinLength, MaxLength, out var digits);
        if (prepared.Problem != Problem.None)
        {
            return prepared;
        }

        if (digits[0] == '0')
        {
            return Verdict.Fail(kind, Problem.CardPrefix);
        }

        var expected = LuhnCheckDigit(digits[..^1]);
        if (digits[^1] - '0' != expected)
        {
            return Verdict.Fail(kind, Problem.Luhn, expected);
        }

        digits.CopyTo(canonical);
        return Verdict.Valid(kind, digits.Length);
    }

    /// <summary>The Luhn digit that completes <paramref name="payload"/> (ASCII digits).</summary>
    public static int LuhnCheckDigit(ReadOnlySpan<char> payload)
    {
        var sum = 0;
        var doubleIt = true; // the rightmost payload digit is doubled once the check digit is appended
        for (var i = payload.Length - 1; i >= 0; i--)
        {
            var d = payload[i] - '0';
            if (doubleIt)
            {
                d *= 2;
                if (d > 9)
                {
                    d -= 9;
                }
            }

            sum += d;
            doubleIt = !doubleIt;
        }

        return (10 - (sum % 10)) % 10;
    }

    /// <summary>Issuer of a canonical card number.</summary>
    public static BankCardFacts Describe(ReadOnlySpan<char> canonical)
    {
        var issuer = BankBins.TryFind(canonical, out var bin) ? bin : null;
        return new BankCardFacts(issuer, canonical.StartsWith("62"), canonical.Length);
    }
}
