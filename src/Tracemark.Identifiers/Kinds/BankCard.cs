using Tracemark.Identifiers.Reference;
using Tracemark.Identifiers.Text;

namespace Tracemark.Identifiers.Kinds;

/// <summary>What a valid card number tells: its issuer when the BIN table knows it.</summary>
public readonly record struct BankCardFacts(BankBin? Issuer, bool UnionPay, int Length, string? Network);

/// <summary>
/// Bank card number (ISO/IEC 7812): digits passing the Luhn check, as many as the card's network issues (American
/// Express 15, Diners Club 14, UnionPay 16–19, …; 16–19 when the prefix is no network's; or exactly the length the
/// BIN table lists for the issuer). A random number passes Luhn one time in ten, so callers must not call a number a card on this check alone when its column or context says
/// otherwise. Canonical form: the digits.
/// </summary>
public static class BankCard
{
    /// <summary>Shortest card number (Diners Club).</summary>
    public const int MinLength = CardNetworks.MinLength;

    /// <summary>Shortest masked card number read as one (6222 **** **** 1234).</summary>
    public const int MaskedMinLength = 16;

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

        if (!CardNetworks.LengthFits(digits) && !BankBins.TryFind(digits, out _))
        {
            return Verdict.Fail(kind, Problem.NetworkLength, digits.Length, CardNetworks.IndexOf(digits));
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
        var network = CardNetworks.Network(canonical);
        return new BankCardFacts(issuer, network == "UnionPay", canonical.Length, network);
    }
}
