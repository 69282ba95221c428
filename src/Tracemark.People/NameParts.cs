using System.Collections.Frozen;
using Tracemark.Identifiers.Reference;

namespace Tracemark.People;

/// <summary>Surnames drawn by population frequency and given-name characters by sex, with pinyin for e-mail addresses.</summary>
internal sealed class NameParts
{
    private readonly Surname[] _surnames;
    private readonly long[] _cumulative;
    private readonly long _total;
    private readonly (char Char, string Pinyin)[] _male;
    private readonly (char Char, string Pinyin)[] _female;
    private readonly FrozenDictionary<char, string> _pinyin;

    private NameParts()
    {
        _surnames = [.. Surnames.All];
        _cumulative = new long[_surnames.Length];
        long sum = 0;
        for (var i = 0; i < _surnames.Length; i++)
        {
            sum += Math.Max(1, _surnames[i].PerMillion);
            _cumulative[i] = sum;
        }

        _total = sum;
        var rows = PeopleData.Read("given-names.tsv");
        _male = [.. rows.Where(r => r[2] is "m" or "n").Select(r => (r[0][0], r[1]))];
        _female = [.. rows.Where(r => r[2] is "f" or "n").Select(r => (r[0][0], r[1]))];
        _pinyin = rows.ToFrozenDictionary(r => r[0][0], r => r[1]);
    }

    public static NameParts Instance { get; } = new();

    public Surname DrawSurname(ref SynthRandom rng)
    {
        var x = rng.NextLong(_total);
        var i = Array.BinarySearch(_cumulative, x + 1);
        return _surnames[i >= 0 ? i : ~i];
    }

    /// <summary>One or two given-name characters (two for about 70 % of people), and their pinyin.</summary>
    public (string Given, string Pinyin) DrawGiven(ref SynthRandom rng, bool male)
    {
        var pool = male ? _male : _female;
        var first = pool[rng.Next(pool.Length)];
        if (rng.Chance(0.3))
        {
            return (first.Char.ToString(), first.Pinyin);
        }

        var second = pool[rng.Next(pool.Length)];
        return (string.Concat(first.Char.ToString(), second.Char.ToString()), first.Pinyin + second.Pinyin);
    }

    public string PinyinOf(char c) => _pinyin.GetValueOrDefault(c, "x");
}
