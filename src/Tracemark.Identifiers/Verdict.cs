using System.Globalization;
using Tracemark.Identifiers.Kinds;

namespace Tracemark.Identifiers;

/// <summary>Why a value is not a valid identifier. <see cref="Verdict.Explain"/> turns it into plain words.</summary>
public enum Problem : byte
{
    /// <summary>Valid.</summary>
    None = 0,
    /// <summary>Nothing left after removing spaces and separators.</summary>
    Empty,
    /// <summary>Wrong number of characters (Detail = length found).</summary>
    Length,
    /// <summary>A character that this kind never contains (Detail = 1-based position, Detail2 = the character).</summary>
    Character,
    /// <summary>Region code in no GB/T 2260 revision (Detail = the code).</summary>
    Region,
    /// <summary>Month outside 1–12 (Detail = month).</summary>
    Month,
    /// <summary>Day that the month does not have (Detail = day, Detail2 = yyyymm).</summary>
    Day,
    /// <summary>Birth date after today (Detail = yyyymmdd).</summary>
    FutureDate,
    /// <summary>Birth year before 1880 (Detail = year).</summary>
    TooOld,
    /// <summary>Wrong check character (Detail = the expected character).</summary>
    CheckCharacter,
    /// <summary>Mobile prefix not allocated (Detail = the prefix digits as a number, Detail2 = its length).</summary>
    UnassignedSegment,
    /// <summary>Prefix of a 13-digit IoT range (Detail = prefix, Detail2 = its length).</summary>
    IotSegment,
    /// <summary>Luhn check fails (Detail = the digit the last position should hold).</summary>
    Luhn,
    /// <summary>Card number starting with 0.</summary>
    CardPrefix,
    /// <summary>Malformed area code (Detail: 2 = 00 international prefix, 3 = 01 other than 010).</summary>
    AreaCode,
    /// <summary>Local number of a landline of a length its area does not have (Detail = digits found, Detail2 = the area code's digits after the 0).</summary>
    LocalNumber,
    /// <summary>Local number of a landline starting with 0 or 1 (Detail = that digit).</summary>
    LocalNumberStart,
    /// <summary>E-mail without exactly one @.</summary>
    EmailAt,
    /// <summary>E-mail local part malformed.</summary>
    EmailLocalPart,
    /// <summary>E-mail domain malformed.</summary>
    EmailDomain,
    /// <summary>The value does not have the shape of this kind (Detail: kind-specific shape hint).</summary>
    Shape,
    /// <summary>GB 11714 organization code check inside a USCC (Detail = expected character).</summary>
    OrganizationCheck,
    /// <summary>USCC registration authority character unknown (Detail = the character).</summary>
    RegistrationAuthority,
    /// <summary>Plate province character unknown (Detail = the character).</summary>
    PlateProvince,
    /// <summary>The first character(s) are not a surname in the table.</summary>
    Surname,
    /// <summary>An address without a region name or street/number parts.</summary>
    AddressParts,
    /// <summary>A masked value whose visible parts are inconsistent.</summary>
    MaskedParts,
    /// <summary>A card number of a length its network does not issue (Detail = digits, Detail2 = network range).</summary>
    NetworkLength,
    /// <summary>A foreigner's permanent residence ID whose nationality is no GB/T 2659 country (Detail = the code).</summary>
    Nationality,
    /// <summary>USCC organization type not allowed under its registration authority (Detail = authority, Detail2 = type).</summary>
    OrganizationType,
    /// <summary>Landline area code not assigned (Detail = the code's digits after the 0, Detail2 = their count).</summary>
    UnassignedAreaCode,
}

/// <summary>
/// Result of checking one value: valid or the reason it is not, plus the canonical length written.
/// A value type with numeric details so that checking never allocates; <see cref="Explain"/> builds text on demand.
/// </summary>
public readonly record struct Verdict
{
    internal Verdict(IdentifierKind kind, Problem problem, int detail, int detail2, int length)
    {
        Kind = kind;
        Problem = problem;
        Detail = detail;
        Detail2 = detail2;
        Length = length;
    }

    /// <summary>The kind that was checked.</summary>
    public IdentifierKind Kind { get; }

    /// <summary><see cref="Problem.None"/> when valid.</summary>
    public Problem Problem { get; }

    /// <summary>Problem-specific number (see <see cref="Problem"/>).</summary>
    public int Detail { get; }

    /// <summary>Second problem-specific number.</summary>
    public int Detail2 { get; }

    /// <summary>Characters of canonical form written to the caller's buffer (0 unless valid).</summary>
    public int Length { get; }

    /// <summary>True when the value is a valid identifier of <see cref="Kind"/>.</summary>
    public bool IsValid => Problem == Problem.None;

    internal static Verdict Valid(IdentifierKind kind, int length) => new(kind, Problem.None, 0, 0, length);

    /// <summary>A resident ID whose check character and birth date are right but whose region no table lists.</summary>
    internal static Verdict ValidUnknownRegion(int region) => new(IdentifierKind.ResidentId, Problem.None, region, 1, ResidentId.Length);

    /// <summary>
    /// True for a valid verdict with a caveat that lowers confidence: a resident ID whose region is in no GB/T 2260
    /// revision the table knows (only <see cref="Identifier.Identify(string)"/> gives such verdicts; Check does not).
    /// </summary>
    public bool Uncertain => Problem == Problem.None && Detail2 == 1;

    internal static Verdict Fail(IdentifierKind kind, Problem problem, int detail = 0, int detail2 = 0) =>
        new(kind, problem, detail, detail2, 0);

    /// <summary>The reason in plain words, e.g. "check character should be X"; "valid" when valid.</summary>
    public string Explain()
    {
        var c = CultureInfo.InvariantCulture;
        return Problem switch
        {
            Problem.None when Uncertain => string.Format(c, "check character and birth date are right, but region {0:D6} is in no GB/T 2260 revision through {1}: a resident ID with lower confidence", Detail, Reference.Regions.LatestRevision / 100),
            Problem.None => "valid",
            Problem.Empty => "empty value",
            Problem.Length => LengthText(Kind, Detail),
            Problem.Character => string.Format(c, "character '{0}' at position {1} is not allowed in a {2}", (char)Detail2, Detail, Kind.Label()),
            Problem.Region => string.Format(c, "region {0:D6} is in no GB/T 2260 revision 1980–{1}", Detail, Reference.Regions.LatestRevision / 100),
            Problem.Month => string.Format(c, "month {0}", Detail),
            Problem.Day => string.Format(c, "day {0} does not exist in {1:D4}-{2:D2}", Detail, Detail2 / 100, Detail2 % 100),
            Problem.FutureDate => string.Format(c, "birth date {0:D4}-{1:D2}-{2:D2} is in the future", Detail / 10000, Detail / 100 % 100, Detail % 100),
            Problem.TooOld => string.Format(c, "birth year {0} is before 1880", Detail),
            Problem.CheckCharacter => string.Format(c, "check character should be {0}", (char)Detail),
            Problem.UnassignedSegment => string.Format(c, "{0} is not an assigned mobile segment", Digits(Detail, Detail2)),
            Problem.IotSegment => string.Format(c, "{0} is a 13-digit IoT segment, not a personal mobile number", Digits(Detail, Detail2)),
            Problem.Luhn => string.Format(c, "Luhn check fails: the last digit should be {0}", Detail),
            Problem.CardPrefix => "card numbers never start with 0",
            Problem.LocalNumberStart => string.Format(c, "local numbers start with 2–9, not {0}", Detail),
            Problem.AreaCode => Detail switch
            {
                2 => "00 is the international prefix, not an area code",
                _ => "area codes starting 01 exist only as 010 (Beijing)",
            },
            Problem.LocalNumber => Reference.AreaCodes.TryGet(Detail2, out var area)
                ? string.Format(c, "local numbers after {0} have {1} digits starting 2–9; found {2}", area.Code, Reference.AreaCodes.LengthsText(area), Detail)
                : "no local number after the area code",
            Problem.EmailAt => "an e-mail address has exactly one @",
            Problem.EmailLocalPart => "the part before @ is empty, too long or has characters or dots that are not allowed",
            Problem.EmailDomain => "the domain after @ is not a valid host name with a top-level domain",
            Problem.Shape => ShapeText(Kind),
            Problem.OrganizationCheck => string.Format(c, "organization code check should be {0}", (char)Detail),
            Problem.RegistrationAuthority => string.Format(c, "'{0}' is not a registration authority code", (char)Detail),
            Problem.PlateProvince => string.Format(c, "'{0}' is not a province abbreviation", (char)Detail),
            Problem.Surname => "does not start with a surname from the surname table",
            Problem.AddressParts => "no region name or street, number, building or room parts",
            Problem.MaskedParts => "the visible parts do not fit a masked " + Kind.Unmasked().Label(),
            Problem.NetworkLength => string.Format(c, "has {0} digits; {1}", Detail, Reference.CardNetworks.LengthsText(Detail2)),
            Problem.Nationality => Detail is 156 or 158 or 344 or 446
                ? string.Format(c, "nationality code {0:D3} is China's (or Hong Kong's, Macau's, Taiwan's): a foreigner's permanent residence ID names a foreign nationality", Detail)
                : string.Format(c, "nationality code {0:D3} is no GB/T 2659 country", Detail),
            Problem.OrganizationType => string.Format(c, "organization type '{1}' does not exist under registration authority '{0}' (GB 32100-2015)", (char)Detail, (char)Detail2),
            Problem.UnassignedAreaCode => string.Format(c, "0{0} is not an assigned area code", Digits(Detail, Detail2)),
            _ => Problem.ToString(),
        };
    }

    private static string Digits(int value, int length) =>
        value.ToString(CultureInfo.InvariantCulture).PadLeft(length, '0');

    private static string LengthText(IdentifierKind kind, int found)
    {
        var expected = kind switch
        {
            IdentifierKind.ResidentId => "18 (or 15 for legacy numbers)",
            IdentifierKind.Mobile => "11",
            IdentifierKind.BankCard => "14 to 19",
            IdentifierKind.SocialCreditCode => "18",
            IdentifierKind.Qq => "5 to 11",
            IdentifierKind.Name => "2 to 4 (or a transliterated name with ·)",
            IdentifierKind.Email => "at most 254",
            IdentifierKind.Address => "5 to 200",
            IdentifierKind.Landline => "at most 40",
            _ when kind.IsMasked() => "at most 254",
            _ => "a different number of",
        };
        return string.Format(CultureInfo.InvariantCulture, "has {0} characters; a {1} has {2}", found, kind.Label(), expected);
    }

    private static string ShapeText(IdentifierKind kind) => kind switch
    {
        IdentifierKind.Passport => "not a passport number: E + 8 characters, G + 8 digits, or DE/SE/PE + 7 digits",
        IdentifierKind.HomeReturnPermit => "not a home-return permit: H or M + 8 digits (+ 2-digit issue count)",
        IdentifierKind.HongKongId => "not a Hong Kong ID: 1–2 letters + 6 digits + check digit or A",
        IdentifierKind.TaiwanId => "not a Taiwan ID: letter + 1 or 2 + 8 digits",
        IdentifierKind.TaiwanResidentCertificate => "not a Taiwan resident certificate: two letters + 8 digits, or letter + 8 or 9 + 8 digits",
        IdentifierKind.HongKongPassport => "not a Hong Kong SAR passport number: K + 8 digits or KJ + 7 digits",
        IdentifierKind.MacauPassport => "not a Macau SAR passport number: MA or MB + 7 digits",
        IdentifierKind.HkMacauTravelPermit => "not a travel permit to Hong Kong/Macau: C + 8 digits, C + letter + 7 digits, or W + 8 digits",
        IdentifierKind.VehiclePlate => "not a plate: province character + letter + 5 characters (6 for new-energy vehicles)",
        IdentifierKind.Waybill => "matches no courier's waybill pattern",
        IdentifierKind.Mobile => "a mobile number starts with 1",
        IdentifierKind.Landline => "a landline needs an area code starting with 0",
        IdentifierKind.Qq => "a QQ number is 5–11 digits not starting with 0",
        IdentifierKind.ResidentId => "a resident ID is 17 digits and a check digit or X (or 15 digits)",
        IdentifierKind.BankCard => "a bank card number is 16–19 digits",
        IdentifierKind.Name => "a name is written in Chinese characters",
        _ => "does not have the shape of a " + kind.Label(),
    };
}
