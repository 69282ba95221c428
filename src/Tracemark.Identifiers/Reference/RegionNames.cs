using System.Collections.Frozen;

namespace Tracemark.Identifiers.Reference;

/// <summary>
/// Region names as they appear in written addresses: full names (广东省, 深圳市, 南山区) and the short forms people
/// write (广东, 深圳, 广西, 内蒙古). Resolves the start of an address province → prefecture → county, each level
/// constrained to the children of the level found before it.
/// </summary>
public static class RegionNames
{
    private const int LongestName = 16;

    private static readonly FrozenDictionary<string, Region[]> ByName = Build();

    private static readonly FrozenSet<char> FirstCharacters = ByName.Keys.Select(k => k[0]).ToFrozenSet();

    // Names (2–16 characters) grouped by their first two characters, longest first. Every address of a scan resolves
    // up to three levels here, and probing a string dictionary once per possible length hashed the span each time (a
    // tenth of a JSON Lines scan's CPU, issue 16); a bucket holds one to four names, compared in place.
    private static readonly Dictionary<int, (string Name, Region[] Candidates)[]> ByFirstTwo = ByName
        .Where(kv => kv.Key.Length <= LongestName)
        .GroupBy(kv => FirstTwo(kv.Key))
        .ToDictionary(g => g.Key, g => g.OrderByDescending(kv => kv.Key.Length).Select(kv => (kv.Key, kv.Value)).ToArray());

    private static int FirstTwo(ReadOnlySpan<char> text) => (text[0] << 16) | text[1];

    /// <summary>True when some region name (full or short) starts with <paramref name="c"/>.</summary>
    public static bool IsFirstCharacter(char c) => FirstCharacters.Contains(c);

    /// <summary>
    /// Reads region names from the start of <paramref name="text"/>. Returns the deepest region found (null when none)
    /// and how many characters its names took.
    /// </summary>
    public static Region? Resolve(ReadOnlySpan<char> text, out int consumed)
    {
        consumed = 0;
        Region? found = null;
        for (var level = 0; level < 3 && consumed < text.Length; level++)
        {
            if (!TryMatchChild(text[consumed..], found, out var next, out var length))
            {
                break;
            }

            found = next;
            consumed += length;
            if (found.Level == RegionLevel.County)
            {
                break;
            }
        }

        return found;
    }

    /// <summary>True when <paramref name="text"/> starts with any region name (full or short), at least 2 characters.</summary>
    public static bool StartsWithName(ReadOnlySpan<char> text, out int length)
    {
        if (text.Length >= 2 && ByFirstTwo.TryGetValue(FirstTwo(text), out var names))
        {
            foreach (var (name, _) in names)
            {
                if (text.StartsWith(name.AsSpan()))
                {
                    length = name.Length;
                    return true;
                }
            }
        }

        length = 0;
        return false;
    }

    private static bool TryMatchChild(ReadOnlySpan<char> text, Region? parent, out Region region, out int length)
    {
        if (text.Length < 2 || !ByFirstTwo.TryGetValue(FirstTwo(text), out var names))
        {
            region = null!;
            length = 0;
            return false;
        }

        foreach (var (name, candidates) in names)
        {
            if (!text.StartsWith(name.AsSpan()))
            {
                continue;
            }

            length = name.Length;

            // Prefer a current code under the parent, then any code under the parent; without a parent, the first
            // current code (candidates are ordered current first, then by code).
            foreach (var c in candidates)
            {
                if (parent is null ? c.Level != RegionLevel.County || c.IsCurrent : IsBelow(c, parent))
                {
                    region = c;
                    return true;
                }
            }
        }

        region = null!;
        length = 0;
        return false;
    }

    private static bool IsBelow(Region child, Region parent) => parent.Level switch
    {
        RegionLevel.Province => child.Code / 10000 == parent.Code / 10000 && child.Code != parent.Code,
        RegionLevel.Prefecture => child.Code / 100 == parent.Code / 100 && child.Code != parent.Code,
        _ => false,
    };

    private static FrozenDictionary<string, Region[]> Build()
    {
        var map = new Dictionary<string, List<Region>>(StringComparer.Ordinal);
        void Add(string name, Region r)
        {
            if (name.Length < 2 || Regions.IsPlaceholder(name))
            {
                return;
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

        foreach (var r in Regions.All)
        {
            Add(r.Name, r);
            Add(ShortName(r), r);
        }

        return map.ToFrozenDictionary(
            kv => kv.Key,
            kv => kv.Value.OrderByDescending(r => r.IsCurrent).ThenBy(r => r.Code).ToArray(),
            StringComparer.Ordinal);
    }

    // 广西壮族自治区 → 广西, 延边朝鲜族自治州 → 延边, 深圳市 → 深圳, 大兴安岭地区 → 大兴安岭. County suffixes
    // (区, 县) are kept unless two characters remain, so 朝阳区 → 朝阳 but 城区 stays.
    private static string ShortName(Region r)
    {
        var name = r.Name;
        if (r.Level == RegionLevel.Province)
        {
            if (name.StartsWith("内蒙古", StringComparison.Ordinal))
            {
                return "内蒙古";
            }

            if (name.EndsWith("自治区", StringComparison.Ordinal) || name.EndsWith("特别行政区", StringComparison.Ordinal))
            {
                return name[..2];
            }
        }

        var autonomous = name.IndexOf("族自治", StringComparison.Ordinal);
        if (autonomous >= 2)
        {
            // Strip the ethnic group too: the shortest known group names are one character (回族, 藏族 …).
            var beforeGroup = name[..autonomous];
            return beforeGroup.Length > 2 ? beforeGroup[..2] : beforeGroup;
        }

        foreach (var suffix in (ReadOnlySpan<string>)["省", "市", "地区", "盟", "自治州", "区", "县", "旗"])
        {
            if (name.EndsWith(suffix, StringComparison.Ordinal) && name.Length - suffix.Length >= 2)
            {
                return name[..^suffix.Length];
            }
        }

        return name;
    }
}
