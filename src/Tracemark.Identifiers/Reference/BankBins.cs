using System.Collections.Frozen;

namespace Tracemark.Identifiers.Reference;

/// <summary>An issuer prefix with the card length it is issued at.</summary>
public sealed record BankBin(string Prefix, int CardLength, string BankCode, string BankName, BankCardType CardType);

/// <summary>Card product type as the BIN table records it.</summary>
public enum BankCardType
{
    /// <summary>Debit card (储蓄卡).</summary>
    Debit,
    /// <summary>Credit card (信用卡).</summary>
    Credit,
    /// <summary>Semi-credit card (准贷记卡).</summary>
    SemiCredit,
    /// <summary>Prepaid card (预付费卡).</summary>
    Prepaid,
}

/// <summary>Issuer table from npm bankcardinfo's offline list (~1,800 prefixes of Chinese banks), loaded once.</summary>
public static class BankBins
{
    private const int MinPrefix = 3;
    private const int MaxPrefix = 8;

    // Key: prefix length * 10^12 + prefix value * 100 + card length.
    private static readonly FrozenDictionary<long, BankBin> ByKey = Load();

    /// <summary>Every entry.</summary>
    public static IReadOnlyList<BankBin> All { get; } = [.. ByKey.Values.OrderBy(b => b.Prefix, StringComparer.Ordinal).ThenBy(b => b.CardLength)];

    /// <summary>Longest issuer prefix of a card number (ASCII digits) issued at exactly its length.</summary>
    public static bool TryFind(ReadOnlySpan<char> digits, out BankBin bin)
    {
        for (var len = Math.Min(MaxPrefix, digits.Length); len >= MinPrefix; len--)
        {
            var key = (len * 1_000_000_000_000L) + (Ascii.Digits(digits[..len]) * 100L) + digits.Length;
            if (ByKey.TryGetValue(key, out bin!))
            {
                return true;
            }
        }

        bin = null!;
        return false;
    }

    private static FrozenDictionary<long, BankBin> Load()
    {
        var map = new Dictionary<long, BankBin>();
        foreach (var row in Tsv.Read("bank-bins.tsv"))
        {
            var length = int.Parse(row[1], System.Globalization.CultureInfo.InvariantCulture);
            var type = row[4] switch
            {
                "DC" => BankCardType.Debit,
                "CC" => BankCardType.Credit,
                "SCC" => BankCardType.SemiCredit,
                "PC" => BankCardType.Prepaid,
                _ => throw new InvalidDataException($"bank-bins.tsv: unknown card type '{row[4]}' for {row[0]}"),
            };
            var key = (row[0].Length * 1_000_000_000_000L) + (Ascii.Digits(row[0]) * 100L) + length;
            map[key] = new BankBin(row[0], length, row[2], row[3], type);
        }

        return map.ToFrozenDictionary();
    }
}
