using System.Collections.Frozen;
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
    private static readonly FrozenDictionary<string, Surname> ByText = Load();
    private static readonly FrozenDictionary<string, Surname>.AlternateLookup<ReadOnlySpan<char>> BySpan =
        ByText.GetAlternateLookup<ReadOnlySpan<char>>();

    // First characters of every surname (single or compound), for masked names such as 长*** (长孙…).
    private static readonly FrozenSet<char> Starts = ByText.Keys.Select(k => k[0]).ToFrozenSet();

    /// <summary>All surnames, most common first.</summary>
    public static IReadOnlyList<Surname> All { get; } = [.. ByText.Values.OrderBy(s => s.Rank)];

    /// <summary>The surname a name starts with: a compound surname first, else a single character.</summary>
    public static bool TryMatch(ReadOnlySpan<char> name, out Surname surname)
    {
        if (name.Length >= 3 && BySpan.TryGetValue(name[..2], out surname!))
        {
            return true;
        }

        if (name.Length >= 1 && BySpan.TryGetValue(name[..1], out surname!))
        {
            return true;
        }

        surname = null!;
        return false;
    }

    /// <summary>True when some surname, single or compound, starts with <paramref name="c"/>.</summary>
    public static bool IsSurnameStart(char c) => Starts.Contains(c);

    /// <summary>Exact lookup of one surname.</summary>
    public static bool TryGet(ReadOnlySpan<char> text, out Surname surname) => BySpan.TryGetValue(text, out surname!);

    private static FrozenDictionary<string, Surname> Load()
    {
        var rows = Tsv.Read("surnames.tsv");
        var ranked = rows
            .Select(r => (Text: r[0], Pinyin: r[1], PerMillion: int.Parse(r[2], CultureInfo.InvariantCulture)))
            .OrderByDescending(r => r.PerMillion)
            .ThenBy(r => r.Text, StringComparer.Ordinal)
            .Select((r, i) => new Surname(r.Text, r.Pinyin, r.PerMillion, i + 1));
        return ranked.ToFrozenDictionary(s => s.Text, StringComparer.Ordinal);
    }
}
