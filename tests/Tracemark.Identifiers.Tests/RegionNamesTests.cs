using FsCheck.Fluent;
using Tracemark.Identifiers.Reference;
using Tracemark.Tests;

namespace Tracemark.Identifiers.Tests;

/// <summary>
/// RegionNames builds its lookup arrays with plain loops (issue 16, scan set-up); these hold it to a reference built
/// the obvious way — every full and short name of every region, candidates ordered current first then by code,
/// resolved level by level by trying names longest first — for every name and for addresses made of random names.
/// </summary>
public sealed class RegionNamesTests
{
    private sealed class Reference
    {
        private const int LongestName = 16;
        private readonly Dictionary<string, Region[]> _byName;

        public Reference()
        {
            var map = new Dictionary<string, List<Region>>(StringComparer.Ordinal);
            foreach (var r in Regions.All)
            {
                foreach (var name in new[] { r.Name, RegionNames.ShortName(r) })
                {
                    if (name.Length < 2 || Regions.IsPlaceholder(name))
                    {
                        continue;
                    }

                    if (!map.TryGetValue(name, out var list))
                    {
                        map[name] = list = [];
                    }

                    if (!list.Contains(r))
                    {
                        list.Add(r);
                    }
                }
            }

            _byName = map.ToDictionary(kv => kv.Key, kv => kv.Value.OrderByDescending(r => r.IsCurrent).ThenBy(r => r.Code).ToArray(), StringComparer.Ordinal);
            Names = [.. _byName.Keys.Order(StringComparer.Ordinal)];
            FirstCharacters = [.. _byName.Keys.Select(k => k[0])];
        }

        public string[] Names { get; }

        public HashSet<char> FirstCharacters { get; }

        public int Longest(string text) =>
            Enumerable.Range(2, Math.Max(0, Math.Min(LongestName, text.Length) - 1)).Reverse().FirstOrDefault(n => _byName.ContainsKey(text[..n]));

        public (int Code, int Consumed) Resolve(string text)
        {
            Region? found = null;
            var consumed = 0;
            for (var level = 0; level < 3 && consumed < text.Length; level++)
            {
                var rest = text[consumed..];
                var match = Enumerable.Range(2, Math.Max(0, Math.Min(LongestName, rest.Length) - 1)).Reverse()
                    .Where(n => _byName.ContainsKey(rest[..n]))
                    .Select(n => (Length: n, Region: _byName[rest[..n]].FirstOrDefault(c => found is null ? c.Level != RegionLevel.County || c.IsCurrent : Below(c.Code, found.Code))))
                    .FirstOrDefault(m => m.Region is not null);
                if (match.Region is null)
                {
                    break;
                }

                found = match.Region;
                consumed += match.Length;
                if (found.Code % 100 != 0)
                {
                    break;
                }
            }

            return found is null ? (0, 0) : (found.Code, consumed);
        }

        private static bool Below(int child, int parent) =>
            parent % 10000 == 0 ? child / 10000 == parent / 10000 && child != parent
            : parent % 100 == 0 && child / 100 == parent / 100 && child != parent;
    }

    private static readonly Reference Expected = new();

    private static (int Code, int Consumed) Resolve(string text) =>
        RegionNames.Resolve(text, out var consumed) is { } region ? (region.Code, consumed) : (0, 0);

    [Fact]
    public void Every_name_resolves_and_starts_a_name_as_the_reference_does()
    {
        foreach (var name in Expected.Names)
        {
            Assert.Equal(Expected.Resolve(name), Resolve(name));
            Assert.Equal(Expected.Longest(name), RegionNames.StartsWithName(name, out var length) ? length : 0);
        }
    }

    [Fact]
    public void First_characters_are_those_of_the_reference()
    {
        for (var c = 0; c <= char.MaxValue; c++)
        {
            Assert.Equal(Expected.FirstCharacters.Contains((char)c), RegionNames.IsFirstCharacter((char)c));
        }
    }

    [Fact]
    public void Addresses_of_random_names_resolve_as_the_reference_does()
    {
        var name = Gen.Elements(Expected.Names);
        var tail = Gen.Elements("", "路12号", "县", "市", "区", "街道", "x", "镇中心", "新村3栋");
        var address = Gen.Zip(Gen.Choose(1, 4), Gen.Zip(name.ArrayOf(4), tail))
            .Select(t => string.Concat(t.Item2.Item1.Take(t.Item1)) + t.Item2.Item2);
        Properties.Hold(address, text =>
        {
            Assert.Equal(Expected.Resolve(text), Resolve(text));
            Assert.Equal(Expected.Longest(text), RegionNames.StartsWithName(text, out var length) ? length : 0);
        }, count: 3000);
    }
}
