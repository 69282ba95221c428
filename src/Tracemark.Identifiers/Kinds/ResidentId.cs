using Tracemark.Identifiers.Reference;
using Tracemark.Identifiers.Text;

namespace Tracemark.Identifiers.Kinds;

/// <summary>Sex encoded in an identifier.</summary>
public enum Sex
{
    /// <summary>Female (even order code).</summary>
    Female,
    /// <summary>Male (odd order code).</summary>
    Male,
}

/// <summary>What a valid resident ID number says about its holder.</summary>
public readonly record struct ResidentIdFacts(Region? Region, DateOnly BirthDate, Sex Sex, int Age, bool ForeignPermanentResident, string? Nationality);

/// <summary>
/// Resident identity card number, GB 11643-1999: 6-digit GB/T 2260 region + birth date YYYYMMDD + 3-digit order
/// (odd male, even female) + ISO 7064 MOD 11-2 check character. 15-digit legacy numbers (YYMMDD, no check)
/// upgrade to the 18-character canonical key. Foreigners' permanent residence IDs (2023 format: 9 + province of
/// issue + GB/T 2659 numeric nationality + birth date + order + check) share the check; their nationality must be a
/// foreign country's code.
/// </summary>
public static class ResidentId
{
    /// <summary>Canonical length.</summary>
    public const int Length = 18;

    /// <summary>Legacy (first-generation card) length.</summary>
    public const int LegacyLength = 15;

    private const string CheckChars = "10X98765432";
    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

    /// <summary>Cheap shape test: 18 characters of 17 digits and a digit or X, or 15 digits (after folding).</summary>
    public static bool IsShape(ReadOnlySpan<char> raw)
    {
        Span<char> buf = stackalloc char[24];
        var n = Fold.Compact(raw, buf, Strip.Spaces | Strip.Dashes | Strip.Upper);
        if (n == Length)
        {
            return Ascii.AllDigits(buf[..17]) && (Ascii.IsDigit(buf[17]) || buf[17] == 'X');
        }

        return n == LegacyLength && Ascii.AllDigits(buf[..n]);
    }

    /// <summary>Validates against today's date; see <see cref="Check(ReadOnlySpan{char}, Span{char}, DateOnly)"/>.</summary>
    public static Verdict Check(ReadOnlySpan<char> raw, Span<char> canonical) => Check(raw, canonical, (DateOnly?)null);

    /// <summary>
    /// Folds and validates <paramref name="raw"/>; on success writes the 18-character canonical form
    /// (upper-case X; legacy numbers upgraded) to <paramref name="canonical"/> (at least 18 long).
    /// Checks in order: characters and length, region, birth date, check character.
    /// </summary>
    public static Verdict Check(ReadOnlySpan<char> raw, Span<char> canonical, DateOnly today) => Check(raw, canonical, (DateOnly?)today);

    // today: null reads the clock, and only for birth years not below the last year seen (see Clock.KnownYear).
    internal static Verdict Check(ReadOnlySpan<char> raw, Span<char> canonical, DateOnly? today)
    {
        const IdentifierKind kind = IdentifierKind.ResidentId;
        Span<char> buf = stackalloc char[24];
        var prepared = Prepare.Folded(kind, raw, buf, Strip.Spaces | Strip.Dashes | Strip.Upper, out var id);
        if (prepared.Problem != Problem.None)
        {
            return prepared;
        }

        var n = id.Length;
        var digitsEnd = n == Length ? 17 : n;
        var bad = Ascii.IndexOfNonDigit(id[..digitsEnd]);
        if (bad >= 0)
        {
            return Verdict.Fail(kind, Problem.Character, bad + 1, id[bad]);
        }

        if (n != Length && n != LegacyLength)
        {
            return Verdict.Fail(kind, Problem.Length, n);
        }

        if (n == Length && !Ascii.IsDigit(id[17]) && id[17] != 'X')
        {
            return Verdict.Fail(kind, Problem.Character, 18, id[17]);
        }

        var legacy = n == LegacyLength;
        var region = Ascii.Digits(id[..6]);
        var foreign = !legacy && id[0] == '9';
        var year = legacy ? 1900 + Ascii.Digits(id[6..8]) : Ascii.Digits(id[6..10]);
        var dateAt = legacy ? 8 : 10;
        var dateProblem = CheckDate(year, Ascii.Digits(id.Slice(dateAt, 2)), Ascii.Digits(id.Slice(dateAt + 2, 2)), today);
        if (foreign ? !Regions.Contains(Ascii.Digits(id[1..3]) * 10000) : !Regions.Contains(region))
        {
            // Detail2 = 1: the birth date and check character are right, so the value is still ID-shaped beyond
            // chance (a region created after the table was made, a typo in the region); Identify keeps the kind.
            var rest = !legacy && dateProblem.Problem == Problem.None && id[17] == CheckCharacter(id) ? 1 : 0;
            return Verdict.Fail(kind, Problem.Region, region, rest);
        }

        if (foreign && !Nationalities.IsForeign(Ascii.Digits(id[3..6])))
        {
            return Verdict.Fail(kind, Problem.Nationality, Ascii.Digits(id[3..6]));
        }

        if (dateProblem.Problem != Problem.None)
        {
            return dateProblem;
        }

        if (canonical.Length < Length)
        {
            throw new ArgumentException("canonical buffer must hold 18 characters", nameof(canonical));
        }

        if (legacy)
        {
            id[..6].CopyTo(canonical);
            canonical[6] = '1';
            canonical[7] = '9';
            id[6..15].CopyTo(canonical[8..]);
            canonical[17] = CheckCharacter(canonical);
            return Verdict.Valid(kind, Length);
        }

        var expected = CheckCharacter(id);
        if (id[17] != expected)
        {
            return Verdict.Fail(kind, Problem.CheckCharacter, expected);
        }

        id.CopyTo(canonical);
        return Verdict.Valid(kind, Length);
    }

    /// <summary>The check character for the first 17 digits.</summary>
    public static char CheckCharacter(ReadOnlySpan<char> first17)
    {
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += (first17[i] - '0') * Weights[i];
        }

        return CheckChars[sum % 11];
    }

    /// <summary>Describes a canonical (valid, 18-character) number.</summary>
    public static ResidentIdFacts Describe(ReadOnlySpan<char> canonical, DateOnly today)
    {
        var foreign = canonical[0] == '9';
        Regions.TryGet(foreign ? Ascii.Digits(canonical[1..3]) * 10000 : Ascii.Digits(canonical[..6]), out var region);
        var birth = new DateOnly(Ascii.Digits(canonical[6..10]), Ascii.Digits(canonical[10..12]), Ascii.Digits(canonical[12..14]));
        var sex = (canonical[16] - '0') % 2 == 1 ? Sex.Male : Sex.Female;
        var nationality = foreign ? Nationalities.Name(Ascii.Digits(canonical[3..6])) : null;
        return new ResidentIdFacts(region, birth, sex, AgeOn(birth, today), foreign, nationality);
    }

    /// <summary>Whole years between a birth date and a day.</summary>
    public static int AgeOn(DateOnly birth, DateOnly day)
    {
        var age = day.Year - birth.Year;
        if (day.Month < birth.Month || (day.Month == birth.Month && day.Day < birth.Day))
        {
            age--;
        }

        return age;
    }

    internal static Verdict CheckDate(int year, int month, int day, DateOnly? today)
    {
        const IdentifierKind kind = IdentifierKind.ResidentId;
        if (month is < 1 or > 12)
        {
            return Verdict.Fail(kind, Problem.Month, month);
        }

        if (year < 1)
        {
            return Verdict.Fail(kind, Problem.TooOld, year);
        }

        if (day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return Verdict.Fail(kind, Problem.Day, day, (year * 100) + month);
        }

        if (year < 1880)
        {
            return Verdict.Fail(kind, Problem.TooOld, year);
        }

        if ((today is not null || year >= Clock.KnownYear) && new DateOnly(year, month, day) > (today ?? Clock.Today))
        {
            return Verdict.Fail(kind, Problem.FutureDate, (year * 10000) + (month * 100) + day);
        }

        return default;
    }
}
