namespace Tracemark.Identifiers.Reference;

/// <summary>
/// Region names as they appear in written addresses: full names (广东省, 深圳市, 南山区) and the short forms people
/// write (广东, 深圳, 广西, 内蒙古). Resolves the start of an address province → prefecture → county, each level
/// constrained to the children of the level found before it.
/// </summary>
public static class RegionNames
{
    private const int LongestName = 16;

    // Built with plain loops over arrays rather than LINQ and frozen collections: this runs at the start of every scan
    // that meets an address, and the LINQ pipeline (grouping, ordering, a frozen string dictionary used only to build
    // the arrays below) cost about 60 ms of CPU there, most of it compiling generic instantiations that ReadyToRun
    // code cannot carry (issue 16, scan set-up).
    private static readonly FlatNames Flat = Build();

    private static int FirstTwo(ReadOnlySpan<char> text) => (text[0] << 16) | text[1];

    /// <summary>True when some region name (full or short) starts with <paramref name="c"/>.</summary>
    public static bool IsFirstCharacter(char c) => Flat.IsFirstCharacter(c);

    /// <summary>
    /// Reads region names from the start of <paramref name="text"/>. Returns the deepest region found (null when none)
    /// and how many characters its names took.
    /// </summary>
    public static Region? Resolve(ReadOnlySpan<char> text, out int consumed)
    {
        consumed = 0;
        var found = -1;
        for (var level = 0; level < 3 && consumed < text.Length; level++)
        {
            var next = Flat.MatchChild(text[consumed..], found < 0 ? 0 : Flat.Codes[found], out var length);
            if (next < 0)
            {
                break;
            }

            found = next;
            consumed += length;
            if (Flat.Codes[found] % 100 != 0)
            {
                break; // a county: nothing below it
            }
        }

        return found < 0 ? null : Flat.Regions[found];
    }

    /// <summary>True when <paramref name="text"/> starts with any region name (full or short), at least 2 characters.</summary>
    public static bool StartsWithName(ReadOnlySpan<char> text, out int length)
    {
        length = Flat.LongestName(text);
        return length > 0;
    }

    // The names laid out in flat arrays: resolving an address's regions reads a few contiguous integers and characters
    // instead of following references to name strings and Region objects scattered over the heap (TryMatchChild,
    // IsBelow and the bucket dictionary were 8–9 % of a JSON Lines scan, most of it waiting for memory; issue 16).
    // Names are grouped by their first two characters, longest first; a bucket holds one to four names, compared in place.
    private sealed class FlatNames
    {
        private readonly int[] _keys; // open addressing on (first << 16 | second); 0 is empty
        private readonly int[] _firstEntry;
        private readonly int[] _entryCount;
        private readonly char[] _chars;
        private readonly int[] _nameStart;
        private readonly int[] _nameLength;
        private readonly int[] _candidateStart;
        private readonly int[] _candidateCount;
        private readonly bool[] _topLevelChoice; // chosen without a parent: not a county, or a current one
        private readonly int _mask;

        public int[] Codes { get; }

        public Region[] Regions { get; }

        private readonly ulong[] _firstCharacters = new ulong[65536 / 64]; // of every name, the longer ones too

        public FlatNames(Dictionary<int, List<NameEntry>> buckets, List<string> allNames)
        {
            foreach (var name in allNames)
            {
                _firstCharacters[name[0] >> 6] |= 1UL << name[0];
            }

            var size = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Max(4, buckets.Count * 2));
            _mask = size - 1;
            _keys = new int[size];
            _firstEntry = new int[size];
            _entryCount = new int[size];
            int entries = 0, characters = 0, candidates = 0;
            foreach (var names in buckets.Values)
            {
                entries += names.Count;
                foreach (var (name, regions) in names)
                {
                    characters += name.Length;
                    candidates += regions.Length;
                }
            }

            _nameStart = new int[entries];
            _nameLength = new int[entries];
            _candidateStart = new int[entries];
            _candidateCount = new int[entries];
            _chars = new char[characters];
            Regions = new Region[candidates];
            Codes = new int[candidates];
            _topLevelChoice = new bool[candidates];
            int e = 0, c = 0, r = 0;
            foreach (var (key, names) in buckets)
            {
                var slot = Slot(key);
                while (_keys[slot] != 0)
                {
                    slot = (slot + 1) & _mask;
                }

                _keys[slot] = key;
                _firstEntry[slot] = e;
                _entryCount[slot] = names.Count;
                foreach (var (name, regions) in names)
                {
                    _nameStart[e] = c;
                    _nameLength[e] = name.Length;
                    name.CopyTo(_chars.AsSpan(c));
                    c += name.Length;
                    _candidateStart[e] = r;
                    _candidateCount[e] = regions.Length;
                    foreach (var region in regions)
                    {
                        Regions[r] = region;
                        Codes[r] = region.Code;
                        _topLevelChoice[r] = region.Level != RegionLevel.County || region.IsCurrent;
                        r++;
                    }

                    e++;
                }
            }
        }

        public bool IsFirstCharacter(char c) => (_firstCharacters[c >> 6] & (1UL << c)) != 0;

        private int Slot(int key) => (int)(((uint)key * 0x9E3779B1u) >> 7) & _mask;

        private int Find(int key)
        {
            for (var slot = Slot(key); ; slot = (slot + 1) & _mask)
            {
                var k = _keys[slot];
                if (k == key)
                {
                    return slot;
                }

                if (k == 0)
                {
                    return -1;
                }
            }
        }

        /// <summary>The length of the longest name <paramref name="text"/> starts with (0: none).</summary>
        public int LongestName(ReadOnlySpan<char> text)
        {
            var slot = text.Length < 2 ? -1 : Find(FirstTwo(text));
            if (slot >= 0)
            {
                var end = _firstEntry[slot] + _entryCount[slot];
                for (var e = _firstEntry[slot]; e < end; e++)
                {
                    if (text.StartsWith(_chars.AsSpan(_nameStart[e], _nameLength[e])))
                    {
                        return _nameLength[e];
                    }
                }
            }

            return 0;
        }

        /// <summary>
        /// The region (an index into <see cref="Regions"/>) of the longest name at the start of <paramref name="text"/>
        /// that has one under <paramref name="parent"/> (a code; 0 for none), or -1. Without a parent, the first
        /// current code (candidates are ordered current first, then by code); under a parent, a current code under it,
        /// then any code under it.
        /// </summary>
        public int MatchChild(ReadOnlySpan<char> text, int parent, out int length)
        {
            var slot = text.Length < 2 ? -1 : Find(FirstTwo(text));
            if (slot >= 0)
            {
                var end = _firstEntry[slot] + _entryCount[slot];
                for (var e = _firstEntry[slot]; e < end; e++)
                {
                    if (!text.StartsWith(_chars.AsSpan(_nameStart[e], _nameLength[e])))
                    {
                        continue;
                    }

                    var from = _candidateStart[e];
                    var to = from + _candidateCount[e];
                    for (var c = from; c < to; c++)
                    {
                        if (parent == 0 ? _topLevelChoice[c] : IsBelow(Codes[c], parent))
                        {
                            length = _nameLength[e];
                            return c;
                        }
                    }
                }
            }

            length = 0;
            return -1;
        }

        // Province xx0000 holds xxyyzz, prefecture xxyy00 holds xxyyzz; a county holds nothing.
        private static bool IsBelow(int child, int parent) =>
            parent % 10000 == 0 ? child / 10000 == parent / 10000 && child != parent
            : parent % 100 == 0 && child / 100 == parent / 100 && child != parent;
    }

    private static FlatNames Build()
    {
        var map = new Dictionary<string, List<Region>>(StringComparer.Ordinal);
        var names = new List<string>();
        void Add(string name, Region r)
        {
            if (name.Length < 2 || Regions.IsPlaceholder(name))
            {
                return;
            }

            if (!map.TryGetValue(name, out var list))
            {
                map[name] = list = [];
                names.Add(name);
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

        // Each name's regions: current codes first, then by code (codes are distinct within a name, so the order is total).
        var buckets = new Dictionary<int, List<NameEntry>>();
        foreach (var name in names)
        {
            if (name.Length > LongestName)
            {
                continue;
            }

            var candidates = map[name].ToArray();
            Array.Sort(candidates, static (a, b) => a.IsCurrent != b.IsCurrent ? (a.IsCurrent ? -1 : 1) : a.Code.CompareTo(b.Code));
            var key = FirstTwo(name);
            if (!buckets.TryGetValue(key, out var bucket))
            {
                buckets[key] = bucket = [];
            }

            bucket.Add(new NameEntry(name, candidates));
        }

        // Longest first, so the first name the text starts with is the longest; two names of one length cannot both
        // start the same text, so their order does not matter.
        foreach (var bucket in buckets.Values)
        {
            bucket.Sort(static (a, b) => b.Name.Length.CompareTo(a.Name.Length));
        }

        return new FlatNames(buckets, names);
    }

    // A class, not a tuple: sorting a list of value tuples compiles a generic instantiation at start-up that
    // ReadyToRun code cannot carry; a reference type shares the framework's precompiled code.
    private sealed record NameEntry(string Name, Region[] Candidates);

    // 广西壮族自治区 → 广西, 延边朝鲜族自治州 → 延边, 深圳市 → 深圳, 大兴安岭地区 → 大兴安岭. County suffixes
    // (区, 县) are kept unless two characters remain, so 朝阳区 → 朝阳 but 城区 stays.
    internal static string ShortName(Region r)
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
