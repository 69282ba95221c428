using Tracemark.Identifiers.Reference;
using Tracemark.Identifiers.Text;

namespace Tracemark.Identifiers.Kinds;

/// <summary>
/// Masked (partial) identifiers as exports and receipts print them: 138****8000, 110105********002X,
/// 6222 **** **** 1234, zh***@163.com, 张*. They are reported as partial and never counted as full identifiers.
/// Mask characters * ＊ × ● (and x for digit-only kinds) all become '*' in the canonical form; the visible parts
/// must be consistent with the full kind (a real mobile segment, an existing region, a valid date).
/// </summary>
public static class MaskedValue
{
    /// <summary>Longest masked value handled (e-mail).</summary>
    public const int MaxLength = EmailAddress.MaxLength;

    private static readonly System.Buffers.SearchValues<char> DigitsOrMask = System.Buffers.SearchValues.Create("0123456789*");

    /// <summary>The masked kind a value has the shape of, trying mobile, ID, card, e-mail, name.</summary>
    public static bool TryClassify(ReadOnlySpan<char> raw, out IdentifierKind kind)
    {
        Span<char> scratch = stackalloc char[MaxLength];
        foreach (var k in (ReadOnlySpan<IdentifierKind>)
                 [IdentifierKind.MobileMasked, IdentifierKind.ResidentIdMasked, IdentifierKind.BankCardMasked, IdentifierKind.EmailMasked, IdentifierKind.NameMasked])
        {
            if (Check(k, raw, scratch).IsValid)
            {
                kind = k;
                return true;
            }
        }

        kind = default;
        return false;
    }

    /// <summary>Validates <paramref name="raw"/> as the masked form <paramref name="kind"/>; writes the canonical masked form.</summary>
    public static Verdict Check(IdentifierKind kind, ReadOnlySpan<char> raw, Span<char> canonical)
    {
        if (!kind.IsMasked())
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a masked kind");
        }

        Span<char> buf = stackalloc char[MaxLength + 2];
        var digitsOnly = kind is IdentifierKind.MobileMasked or IdentifierKind.BankCardMasked;
        var strip = kind is IdentifierKind.EmailMasked or IdentifierKind.NameMasked ? Strip.Spaces : Strip.Numeric | Strip.Upper;
        var n = Fold.Compact(raw, buf, strip);
        if (n == 0)
        {
            return Verdict.Fail(kind, Problem.Empty);
        }

        if (n < 0 || n > MaxLength)
        {
            return Verdict.Fail(kind, Problem.Length, n < 0 ? raw.Length : n);
        }

        var s = buf[..n];
        var masks = 0;
        for (var i = 0; i < n; i++)
        {
            if (IsMask(s[i], digitsOnly))
            {
                s[i] = '*';
                masks++;
            }
        }

        if (masks == 0)
        {
            return Verdict.Fail(kind, Problem.MaskedParts);
        }

        var ok = kind switch
        {
            IdentifierKind.MobileMasked => IsMobile(ref s),
            IdentifierKind.ResidentIdMasked => IsResidentId(s),
            IdentifierKind.BankCardMasked => IsBankCard(s),
            IdentifierKind.EmailMasked => IsEmail(s),
            _ => IsName(s),
        };
        if (!ok)
        {
            return Verdict.Fail(kind, Problem.MaskedParts);
        }

        s.CopyTo(canonical);
        return Verdict.Valid(kind, s.Length);
    }

    private static bool IsMask(char c, bool digitsOnly) =>
        c is '*' or '×' or '●' or '\u2217' || (digitsOnly && c is 'x' or 'X');

    private static int Visible(ReadOnlySpan<char> s) => s.Length - s.Count('*');

    private static bool IsMobile(ref Span<char> s)
    {
        var stripped = MobileNumber.StripCountryCode(s);
        s = s[(s.Length - stripped.Length)..];
        if (s.Length != MobileNumber.Length || s[0] != '1' || s.IndexOfAnyExcept(DigitsOrMask) >= 0 || Visible(s) < 4)
        {
            return false;
        }

        // When the first three digits show, they must begin some allocated personal segment.
        if (s[1] == '*' || s[2] == '*')
        {
            return true;
        }

        return MobileSegments.BeginsPersonalSegment(s[..3]);
    }

    private static bool IsResidentId(ReadOnlySpan<char> s)
    {
        if (s.Length != ResidentId.Length || s[..17].IndexOfAnyExcept(DigitsOrMask) >= 0
            || s[17] is not (>= '0' and <= '9' or 'X' or '*') || Visible(s) < 4)
        {
            return false;
        }

        // Visible region digits must exist; a leading 9 is a foreigner's ID whose next two digits are a province.
        if (s[0] == '9' ? Ascii.AllDigits(s[1..3]) && !Regions.Contains(Ascii.Digits(s[1..3]) * 10000)
            : Ascii.AllDigits(s[..6]) && !Regions.Contains(Ascii.Digits(s[..6])))
        {
            return false;
        }

        if (Ascii.AllDigits(s[6..14]))
        {
            var date = ResidentId.CheckDate(Ascii.Digits(s[6..10]), Ascii.Digits(s[10..12]), Ascii.Digits(s[12..14]), null);
            return date.IsValid;
        }

        return true;
    }

    private static bool IsBankCard(ReadOnlySpan<char> s) =>
        s.Length is >= BankCard.MaskedMinLength and <= BankCard.MaxLength
        && s.IndexOfAnyExcept(DigitsOrMask) < 0
        && s[0] != '0'
        && Visible(s) >= 4
        && Ascii.AllDigits(s[^4..]);

    private static bool IsEmail(ReadOnlySpan<char> s)
    {
        var at = s.IndexOf('@');
        if (at <= 0 || !s[..at].Contains('*') || s[(at + 1)..].Contains('*'))
        {
            return false;
        }

        // A masked local part is valid when the visible characters with masks filled in form a valid address.
        Span<char> probe = stackalloc char[s.Length];
        s.CopyTo(probe);
        probe[..at].Replace('*', 'a');
        Span<char> ignored = stackalloc char[EmailAddress.MaxLength];
        return EmailAddress.Check(probe, ignored).IsValid;
    }

    private static bool IsName(ReadOnlySpan<char> s)
    {
        if (s.Length is < 2 or > 4 || Visible(s) < 1)
        {
            return false;
        }

        foreach (var c in s)
        {
            if (c != '*' && !PersonName.IsHan(c))
            {
                return false;
            }
        }

        // 张*, 欧阳*, 长***, 张*三: a visible first character must begin a surname (single or compound).
        return s[0] == '*' || Surnames.IsSurnameStart(s[0]);
    }
}
