using Tracemark.Identifiers.Text;

namespace Tracemark.Identifiers.Kinds;

/// <summary>What a Taiwan ID number tells.</summary>
public readonly record struct TaiwanIdFacts(string Place, Sex Sex);

/// <summary>
/// Taiwan national identification number: letter (place of first registration) + 1/2 (male/female) + 7 digits +
/// check digit. Numbers with 8 or 9 in second place are resident certificate numbers of non-nationals
/// (<see cref="TaiwanResidentCertificate"/>). The letter maps to a two-digit number
/// (A=10 … with I=34, O=35, W=32, X=30, Y=31, Z=33); with weights 1,9 for its digits and 8…1 for the rest
/// plus the check digit, the sum is a multiple of 10. Canonical form: upper case, 10 characters.
/// </summary>
public static class TaiwanId
{
    /// <summary>Number length.</summary>
    public const int Length = 10;

    private const string LetterOrder = "ABCDEFGHJKLMNPQRSTUVXYWZIO";
    private static readonly string[] Places =
    [
        "台北市", "台中市", "基隆市", "台南市", "高雄市", "新北市", "宜兰县", "桃园市", "新竹县", "苗栗县", "台中县", "南投县",
        "彰化县", "云林县", "嘉义县", "台南县", "高雄县", "屏东县", "花莲县", "台东县", "澎湖县", "阳明山", "金门县", "连江县",
        "嘉义市", "新竹市",
    ];

    /// <summary>Folds and validates; writes the 10 characters to <paramref name="canonical"/>.</summary>
    public static Verdict Check(ReadOnlySpan<char> raw, Span<char> canonical) =>
        Prepare.Document(IdentifierKind.TaiwanId, raw, canonical, Length, static s =>
            Ascii.IsUpper(s[0]) && s[1] is '1' or '2' && Ascii.AllDigits(s[1..]), CheckDigit);

    /// <summary>Check digit for a letter and 8 digits.</summary>
    public static char CheckDigit(ReadOnlySpan<char> first9)
    {
        var code = 10 + LetterOrder.IndexOf(first9[0]);
        var sum = (code / 10) + (code % 10 * 9);
        for (var i = 1; i < 9; i++)
        {
            sum += (first9[i] - '0') * (9 - i);
        }

        return (char)('0' + ((10 - (sum % 10)) % 10));
    }

    /// <summary>Place and sex of a canonical number.</summary>
    public static TaiwanIdFacts Describe(ReadOnlySpan<char> canonical) =>
        new(Place(canonical[0]), canonical[1] == '1' ? Sex.Male : Sex.Female);

    internal static string Place(char letter) => Places[LetterOrder.IndexOf(letter)];
}
