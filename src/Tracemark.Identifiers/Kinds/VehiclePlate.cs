using Tracemark.Identifiers.Text;

namespace Tracemark.Identifiers.Kinds;

/// <summary>What a plate tells.</summary>
public readonly record struct VehiclePlateFacts(string Province, bool NewEnergy, string? Special);

/// <summary>
/// Mainland motor vehicle plate (GA 36): province abbreviation + issuing-office letter + 5 serial characters
/// (digits and letters without I and O; the last may be 学, 警, 挂, 港, 澳, 领, 试 or 超), or for new-energy
/// vehicles 6 serial characters: small vehicles [ABCDEFGHJK] + letter/digit + 4 digits, large vehicles
/// 5 digits + [ABCDEFGHJK] (D/F originally; the other letters since 2021). Canonical form: "京A12345", no separator.
/// </summary>
public static class VehiclePlate
{
    /// <summary>Longest plate (new-energy): 8 characters.</summary>
    public const int MaxLength = 8;

    private const string Provinces = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼";
    private const string Specials = "学警挂港澳领试超";
    private const string EnergyLetters = "ABCDEFGHJK";

    /// <summary>Folds and validates; writes the plate to <paramref name="canonical"/> (at least 8 long).</summary>
    public static Verdict Check(ReadOnlySpan<char> raw, Span<char> canonical)
    {
        const IdentifierKind kind = IdentifierKind.VehiclePlate;
        Span<char> buf = stackalloc char[16];
        var n = Fold.Compact(raw, buf, Strip.Spaces | Strip.Dashes | Strip.Dots | Strip.MiddleDots | Strip.Upper);
        if (n == 0)
        {
            return Verdict.Fail(kind, Problem.Empty);
        }

        if (n < 0 || n is < 7 or > 8 || !Ascii.IsUpper(buf[1]))
        {
            return Verdict.Fail(kind, Problem.Shape);
        }

        if (!Provinces.Contains(buf[0]))
        {
            return Verdict.Fail(kind, Problem.PlateProvince, buf[0]);
        }

        var serial = buf[2..n];
        var ok = n == 7 ? IsOrdinarySerial(serial) : IsNewEnergySerial(serial);
        if (!ok)
        {
            return Verdict.Fail(kind, Problem.Shape);
        }

        buf[..n].CopyTo(canonical);
        return Verdict.Valid(kind, n);
    }

    /// <summary>Province, new-energy flag and special suffix of a canonical plate.</summary>
    public static VehiclePlateFacts Describe(ReadOnlySpan<char> canonical)
    {
        var special = Specials.Contains(canonical[^1]) ? canonical[^1].ToString() : null;
        return new VehiclePlateFacts(canonical[..1].ToString(), canonical.Length == 8, special);
    }

    private static bool IsSerialChar(char c) => Ascii.IsDigit(c) || (Ascii.IsUpper(c) && c is not ('I' or 'O'));

    private static bool IsOrdinarySerial(ReadOnlySpan<char> s)
    {
        for (var i = 0; i < 4; i++)
        {
            if (!IsSerialChar(s[i]))
            {
                return false;
            }
        }

        return IsSerialChar(s[4]) || Specials.Contains(s[4]);
    }

    private static bool IsNewEnergySerial(ReadOnlySpan<char> s)
    {
        // Small: energy letter, serial char, 4 digits. Large: 5 digits, energy letter.
        if (EnergyLetters.Contains(s[0]) && IsSerialChar(s[1]) && Ascii.AllDigits(s[2..]))
        {
            return true;
        }

        return Ascii.AllDigits(s[..5]) && EnergyLetters.Contains(s[5]);
    }
}
