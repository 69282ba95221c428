using Tracemark.Identifiers.Text;

namespace Tracemark.Identifiers.Kinds;

/// <summary>Couriers whose waybill numbers Tracemark recognizes.</summary>
[Flags]
public enum Courier
{
    /// <summary>No courier.</summary>
    None = 0,
    /// <summary>SF Express: SF + 12–13 digits.</summary>
    SfExpress = 1,
    /// <summary>YTO Express: YT + 13 digits.</summary>
    Yto = 2,
    /// <summary>ZTO Express: 73–76 or 78 + 12 digits.</summary>
    Zto = 4,
    /// <summary>STO Express: 77 or 43 + 12–15 digits.</summary>
    Sto = 8,
    /// <summary>Yunda: 3 or 4 + 14 digits, or 5 + 12 digits.</summary>
    Yunda = 16,
    /// <summary>JD Logistics: JD + 2 letters/digits + 11 digits.</summary>
    Jd = 32,
    /// <summary>J&amp;T Express: JT + 13 digits.</summary>
    JAndT = 64,
}

/// <summary>
/// Courier waybill numbers (docs/domain.md §2). Numeric patterns overlap other numbers and each other (a 15-digit
/// number starting 43 fits STO and Yunda), so callers must require a waybill column or context; the facts list
/// every courier whose pattern matches. Canonical form: upper case, no separators.
/// </summary>
public static class Waybill
{
    /// <summary>Longest waybill number (STO: 17 digits).</summary>
    public const int MaxLength = 17;

    /// <summary>Folds and validates; writes the number to <paramref name="canonical"/> (at least 17 long).</summary>
    public static Verdict Check(ReadOnlySpan<char> raw, Span<char> canonical)
    {
        const IdentifierKind kind = IdentifierKind.Waybill;
        Span<char> buf = stackalloc char[24];
        var n = Fold.Compact(raw, buf, Strip.Spaces | Strip.Dashes | Strip.Upper);
        if (n == 0)
        {
            return Verdict.Fail(kind, Problem.Empty);
        }

        if (n < 0 || Couriers(buf[..n]) == Courier.None)
        {
            return Verdict.Fail(kind, Problem.Shape);
        }

        buf[..n].CopyTo(canonical);
        return Verdict.Valid(kind, n);
    }

    /// <summary>Every courier whose pattern a canonical number matches.</summary>
    public static Courier Couriers(ReadOnlySpan<char> s)
    {
        var found = Courier.None;
        var n = s.Length;
        if (n >= 2 && s[0] == 'S' && s[1] == 'F' && n is 14 or 15 && Ascii.AllDigits(s[2..]))
        {
            found |= Courier.SfExpress;
        }

        if (n == 15 && s.StartsWith("YT") && Ascii.AllDigits(s[2..]))
        {
            found |= Courier.Yto;
        }

        if (n == 15 && s.StartsWith("JT") && Ascii.AllDigits(s[2..]))
        {
            found |= Courier.JAndT;
        }

        if (n == 15 && s.StartsWith("JD") && IsAlnum(s[2]) && IsAlnum(s[3]) && Ascii.AllDigits(s[4..]))
        {
            found |= Courier.Jd;
        }

        if (n == 0 || !Ascii.AllDigits(s))
        {
            return found;
        }

        if (n == 14 && s[0] == '7' && s[1] is '3' or '4' or '5' or '6' or '8')
        {
            found |= Courier.Zto;
        }

        if (n is >= 14 and <= 17 && (s.StartsWith("77") || s.StartsWith("43")))
        {
            found |= Courier.Sto;
        }

        if ((n == 15 && s[0] is '3' or '4') || (n == 13 && s[0] == '5'))
        {
            found |= Courier.Yunda;
        }

        return found;
    }

    private static bool IsAlnum(char c) => Ascii.IsDigit(c) || Ascii.IsUpper(c);
}
