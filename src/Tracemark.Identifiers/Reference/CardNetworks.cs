namespace Tracemark.Identifiers.Reference;

/// <summary>
/// Card networks by issuer prefix (IIN ranges) and the lengths each issues: American Express 15, Diners Club 14
/// (36) or 14/16 (300–305, 3095, 38, 39), Visa 16 or 19, Mastercard 16, JCB 16–19, Discover 16–19, UnionPay (62,
/// and 81 since 2016) 16–19. Sources: the networks' published IIN tables as summarized in ISO/IEC 7812 registries;
/// 13-digit Visa numbers were withdrawn and are not accepted. Numbers of no network here (Chinese banks' own
/// 9xxxxx and 6xxxxx domestic cards) keep the general 16–19 digit rule.
/// </summary>
internal static class CardNetworks
{
    private readonly record struct Range(int Low, int High, int Digits, string Name, int Lengths);

    private static int L(params int[] lengths) => lengths.Aggregate(0, (mask, n) => mask | (1 << n));

    private static readonly int Standard = L(16, 17, 18, 19);

    // Longest match first within each overlap: Discover's 622126–622925 lies inside UnionPay's 62, and UnionPay
    // governs it for Chinese cards, so 62 stays UnionPay.
    private static readonly Range[] Ranges =
    [
        new(34, 34, 2, "American Express", L(15)),
        new(37, 37, 2, "American Express", L(15)),
        new(36, 36, 2, "Diners Club", L(14)),
        new(300, 305, 3, "Diners Club", L(14, 16)),
        new(3095, 3095, 4, "Diners Club", L(14, 16)),
        new(38, 39, 2, "Diners Club", L(14, 16)),
        new(3528, 3589, 4, "JCB", Standard),
        new(4, 4, 1, "Visa", L(16, 19)),
        new(51, 55, 2, "Mastercard", L(16)),
        new(2221, 2720, 4, "Mastercard", L(16)),
        new(6011, 6011, 4, "Discover", Standard),
        new(644, 649, 3, "Discover", Standard),
        new(65, 65, 2, "Discover", Standard),
        new(62, 62, 2, "UnionPay", Standard),
        new(81, 81, 2, "UnionPay", Standard),
    ];

    /// <summary>The network of a card number (ASCII digits), or null when its prefix is no network's.</summary>
    public static string? Network(ReadOnlySpan<char> digits) => Find(digits) is { } r ? r.Name : null;

    /// <summary>True when the network of the number's prefix issues cards of its length (16–19 when no network claims it).</summary>
    public static bool LengthFits(ReadOnlySpan<char> digits)
    {
        var lengths = Find(digits) is { } r ? r.Lengths : Standard;
        return digits.Length < 32 && (lengths & (1 << digits.Length)) != 0;
    }

    /// <summary>Index of the network range of a number's prefix (for <see cref="LengthsText"/>), -1 when none.</summary>
    public static int IndexOf(ReadOnlySpan<char> digits) => Find(digits) is { } r ? Array.IndexOf(Ranges, r) : -1;

    /// <summary>"American Express numbers have 15 digits" for a range index from <see cref="IndexOf"/>.</summary>
    public static string LengthsText(int index)
    {
        var r = index >= 0 && index < Ranges.Length ? Ranges[index] : new Range(0, 0, 0, "bank card", Standard);
        var lengths = Enumerable.Range(0, 32).Where(n => (r.Lengths & (1 << n)) != 0).ToList();
        var text = lengths.Count == 1 ? lengths[0].ToString(System.Globalization.CultureInfo.InvariantCulture)
            : lengths.Count == 2 ? $"{lengths[0]} or {lengths[1]}" : $"{lengths[0]} to {lengths[^1]}";
        return $"{r.Name} numbers have {text} digits";
    }

    /// <summary>Shortest card number of any network.</summary>
    public const int MinLength = 14;

    private static Range? Find(ReadOnlySpan<char> digits)
    {
        Range? best = null;
        foreach (var r in Ranges)
        {
            if (digits.Length < r.Digits)
            {
                continue;
            }

            var prefix = Ascii.Digits(digits[..r.Digits]);
            if (prefix >= r.Low && prefix <= r.High && (best is null || r.Digits > best.Value.Digits))
            {
                best = r;
            }
        }

        return best;
    }
}
