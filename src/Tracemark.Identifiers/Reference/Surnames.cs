using System.Globalization;

namespace Tracemark.Identifiers.Reference;

/// <summary>A surname with its pinyin and approximate share of the population.</summary>
public sealed record Surname(string Text, string Pinyin, int PerMillion, int Rank)
{
    /// <summary>Two-character surnames such as 欧阳, 诸葛.</summary>
    public bool IsCompound => Text.Length > 1;
}

/// <summary>Surname table (pinyin-pro's 百家姓 entries plus the national top-100 ranking), loaded once.</summary>
public static class Surnames
{
    // Surnames are one or two characters: each is keyed by its characters as one number (a compound one flagged
    // above them), and the first characters of compound surnames and of all surnames are bit maps over the 65,536
    // characters. A name's surname is looked up for every name validated and every name candidate in free text; the
    // frozen string dictionary's span hashing, twice per name, was 4 % of a dump scan's CPU (issue 16).
    private static readonly Table Data = Load();

    /// <summary>All surnames, most common first.</summary>
    public static IReadOnlyList<Surname> All => Data.All;

    /// <summary>The surname a name starts with: a compound surname first, else a single character.</summary>
    public static bool TryMatch(ReadOnlySpan<char> name, out Surname surname)
    {
        if (name.Length >= 3 && Has(Data.CompoundStarts, name[0]) && Data.ByKey.TryGetValue(Key(name[0], name[1]), out surname!))
        {
            return true;
        }

        if (name.Length >= 1 && Data.ByKey.TryGetValue(name[0], out surname!))
        {
            return true;
        }

        surname = null!;
        return false;
    }

    /// <summary>True when some surname, single or compound, starts with <paramref name="c"/>.</summary>
    public static bool IsSurnameStart(char c) => Has(Data.Starts, c);

    /// <summary>Exact lookup of one surname.</summary>
    public static bool TryGet(ReadOnlySpan<char> text, out Surname surname)
    {
        switch (text.Length)
        {
            case 1:
                return Data.ByKey.TryGetValue(text[0], out surname!);
            case 2:
                return Data.ByKey.TryGetValue(Key(text[0], text[1]), out surname!);
            default:
                surname = null!;
                return false;
        }
    }

    private static long Key(char first, char second) => (1L << 32) | ((long)first << 16) | second;

    private static bool Has(ulong[] bits, char c) => (bits[c >> 6] & (1UL << c)) != 0;

    private static void Set(ulong[] bits, char c) => bits[c >> 6] |= 1UL << c;

    private sealed record Table(IReadOnlyList<Surname> All, Dictionary<long, Surname> ByKey, ulong[] Starts, ulong[] CompoundStarts);

    private static Table Load()
    {
        var rows = Tsv.Read("surnames.tsv");
        var ranked = new List<(string Text, string Pinyin, int PerMillion)>(rows.Count);
        foreach (var r in rows)
        {
            ranked.Add((r[0], r[1], int.Parse(r[2], CultureInfo.InvariantCulture)));
        }

        ranked.Sort((a, b) => a.PerMillion != b.PerMillion ? b.PerMillion.CompareTo(a.PerMillion) : string.CompareOrdinal(a.Text, b.Text));
        var all = new Surname[ranked.Count];
        var byKey = new Dictionary<long, Surname>(ranked.Count);
        var starts = new ulong[65536 / 64];
        var compoundStarts = new ulong[65536 / 64];
        for (var i = 0; i < all.Length; i++)
        {
            var (text, pinyin, perMillion) = ranked[i];
            if (text.Length is < 1 or > 2)
            {
                throw new InvalidDataException($"surnames.tsv: surname '{text}' is not one or two characters");
            }

            var surname = all[i] = new Surname(text, pinyin, perMillion, i + 1);
            byKey.Add(text.Length == 1 ? text[0] : Key(text[0], text[1]), surname);
            Set(starts, text[0]);
            if (text.Length == 2)
            {
                Set(compoundStarts, text[0]);
            }
        }

        return new Table(Array.AsReadOnly(all), byKey, starts, compoundStarts);
    }
}
