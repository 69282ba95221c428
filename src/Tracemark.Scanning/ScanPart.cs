using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Tracemark.Identifiers;
using Tracemark.Scanning.Analysis;
using Tracemark.Scanning.Detection;
using Tracemark.Scanning.Input;
using Tracemark.Scanning.Reading;

namespace Tracemark.Scanning;

/// <summary>
/// A scan's result kept so that it merges exactly with another's: the scan of files A and B together equals the
/// merge of A's part and B's part (elapsed time aside). Persons are linked across parts through their resident IDs
/// and mobiles, so a part keeps each component of its person graph as the keyed tags of its keys; distinct counts of
/// the other kinds keep the keyed tags of their values. A tag is AES-256 of the scan's 64-bit key under a secret (a
/// keyed permutation, truncated to 64 bits): without the secret it says nothing of the identifier, so a part may be
/// kept on disk. Of a resident ID a part also keeps what the demographics need — the province digits, the birth date
/// and the sex — never the number. Example values are held in memory only (<see cref="Examples"/>) and never written.
/// </summary>
public sealed class ScanPart
{
    private const string Magic = "TMPART1";

    // Domain of a tag: 0 for a linking key, else the kind of a distinct-value hash, so the sets never share tags.
    private const byte LinkDomain = 0;

    private const byte MobileKey = 1;
    private const byte IdKey = 2;

    private readonly Scalars _scalars;
    private readonly ulong[] _keys;
    private readonly byte[] _keyKinds;
    private readonly int[] _components;
    private readonly ushort[] _componentCategories;
    // Per key: (birth day number << 8) | (province digits << 1) | male, for resident IDs; 0 for mobiles.
    private readonly int[] _traits;
    private readonly Dictionary<ushort, long> _keyless;
    private readonly SortedDictionary<byte, ulong[]> _distinct;

    private ScanPart(Scalars scalars, ulong[] keys, byte[] keyKinds, int[] components, ushort[] componentCategories, int[] traits, Dictionary<ushort, long> keyless, SortedDictionary<byte, ulong[]> distinct, IReadOnlyDictionary<string, IReadOnlyList<string>> examples)
    {
        _scalars = scalars;
        _keys = keys;
        _keyKinds = keyKinds;
        _components = components;
        _componentCategories = componentCategories;
        _traits = traits;
        _keyless = keyless;
        _distinct = distinct;
        Examples = examples;
    }

    /// <summary>Up to three values per kind code, in input order (as <see cref="ScanSummary.Examples"/>); in memory only.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Examples { get; }

    /// <summary>The same part with <paramref name="examples"/> (kept apart from the part, since they are values in clear).</summary>
    public ScanPart WithExamples(IReadOnlyDictionary<string, IReadOnlyList<string>> examples) =>
        new(_scalars, _keys, _keyKinds, _components, _componentCategories, _traits, _keyless, _distinct, examples);

    /// <summary>Distinct persons across the part's inputs.</summary>
    public long Persons => _componentCategories.Length + _keyless.Values.Sum();

    /// <summary>Scans <paramref name="options"/>' paths into a part whose tags are made with <paramref name="key"/>.</summary>
    /// <param name="options">What to scan (<see cref="ScanOptions.Insider"/> is applied by <see cref="Summary"/>).</param>
    /// <param name="key">The 32-byte secret; parts merge only under the same secret.</param>
    /// <param name="monitor">Live counters.</param>
    /// <param name="cancellation">Stops the scan.</param>
    public static ScanPart Scan(ScanOptions options, ReadOnlySpan<byte> key, ScanMonitor? monitor = null, CancellationToken cancellation = default)
    {
        if (key.Length != 32)
        {
            throw new ArgumentException($"the part key must be 32 bytes, not {key.Length}", nameof(key));
        }

        ScanPart? part = null;
        var secret = key.ToArray();
        Scanner.Run(options, monitor, (aggregator, summary) => part = From(summary, aggregator, secret), cancellation);
        return part!;
    }

    private static ScanPart From(ScanSummary summary, Aggregator aggregator, byte[] secret)
    {
        var persons = aggregator.Persons;
        var entries = persons.Entries().ToArray();
        var roots = new Dictionary<int, int>();
        var components = new int[entries.Length];
        var categories = new List<ushort>();
        var kinds = new byte[entries.Length];
        var traits = new int[entries.Length];
        var raw = new ulong[entries.Length];
        for (var i = 0; i < entries.Length; i++)
        {
            var (key, node) = entries[i];
            var root = persons.Root(node);
            if (!roots.TryGetValue(root, out var component))
            {
                component = roots.Count;
                roots[root] = component;
                categories.Add((ushort)persons.CategoriesOf(root));
            }

            components[i] = component;
            raw[i] = (ulong)key;
            if (IdentifierKey.IsResidentId(key))
            {
                kinds[i] = IdKey;
                var (province, birth, male) = Demographics.Traits(key);
                traits[i] = Pack(province, birth, male);
            }
            else
            {
                kinds[i] = MobileKey;
            }
        }

        using var aes = Cipher(secret);
        var distinct = new SortedDictionary<byte, ulong[]>();
        foreach (var (kind, set) in aggregator.DistinctSets())
        {
            distinct[(byte)kind] = Tags(aes, [.. set.Values()], (byte)kind);
        }

        return new ScanPart(
            Scalars.Of(summary),
            Tags(aes, raw, LinkDomain),
            kinds,
            components,
            [.. categories],
            traits,
            persons.KeylessByCategory.ToDictionary(p => (ushort)p.Key, p => p.Value),
            distinct,
            summary.Examples);
    }

    private static Aes Cipher(byte[] secret)
    {
        var aes = Aes.Create();
        aes.Key = secret;
        return aes;
    }

    private static int Pack(int province, DateOnly birth, bool male) => (birth.DayNumber << 8) | (province << 1) | (male ? 1 : 0);

    // AES-256 of (value ‖ domain), one block per value, first 8 bytes kept. Done in slices: one ECB call encrypts a
    // slice with AES-NI at gigabytes a second, where an HMAC per value cost about a microsecond each.
    private static ulong[] Tags(Aes aes, ulong[] values, byte domain)
    {
        const int Slice = 1 << 16;
        var tags = new ulong[values.Length];
        var plain = new byte[Slice * 16];
        var cipher = new byte[Slice * 16];
        for (var start = 0; start < values.Length; start += Slice)
        {
            var n = Math.Min(Slice, values.Length - start);
            Array.Clear(plain);
            for (var i = 0; i < n; i++)
            {
                BinaryPrimitives.WriteUInt64LittleEndian(plain.AsSpan(i * 16), values[start + i]);
                plain[(i * 16) + 8] = domain;
            }

            aes.EncryptEcb(plain.AsSpan(0, n * 16), cipher.AsSpan(0, n * 16), PaddingMode.None);
            for (var i = 0; i < n; i++)
            {
                tags[start + i] = BinaryPrimitives.ReadUInt64LittleEndian(cipher.AsSpan(i * 16));
            }
        }

        return tags;
    }

    /// <summary>
    /// This part followed by <paramref name="next"/>: inputs, tables and problems in that order, counts summed,
    /// persons who share a resident ID or mobile across the two joined into one.
    /// </summary>
    public ScanPart Merge(ScanPart next)
    {
        ArgumentNullException.ThrowIfNull(next);
        var firstComponents = _componentCategories.Length;
        var parent = new int[firstComponents + next._componentCategories.Length];
        for (var i = 0; i < parent.Length; i++)
        {
            parent[i] = i;
        }

        int Find(int x)
        {
            while (parent[x] != x)
            {
                parent[x] = parent[parent[x]];
                x = parent[x];
            }

            return x;
        }

        var index = new Dictionary<ulong, int>(_keys.Length + next._keys.Length);
        for (var i = 0; i < _keys.Length; i++)
        {
            index[_keys[i]] = i;
        }

        var added = new List<int>();
        for (var j = 0; j < next._keys.Length; j++)
        {
            if (index.TryGetValue(next._keys[j], out var i))
            {
                var a = Find(_components[i]);
                var b = Find(firstComponents + next._components[j]);
                if (a != b)
                {
                    parent[Math.Max(a, b)] = Math.Min(a, b);
                }
            }
            else
            {
                added.Add(j);
            }
        }

        var renumbered = new Dictionary<int, int>();
        var categories = new List<ushort>();
        int Component(int c)
        {
            var root = Find(c);
            if (!renumbered.TryGetValue(root, out var n))
            {
                n = renumbered.Count;
                renumbered[root] = n;
                categories.Add(0);
            }

            return n;
        }

        var total = _keys.Length + added.Count;
        var keys = new ulong[total];
        var kinds = new byte[total];
        var components = new int[total];
        var traits = new int[total];
        for (var i = 0; i < _keys.Length; i++)
        {
            (keys[i], kinds[i], traits[i], components[i]) = (_keys[i], _keyKinds[i], _traits[i], Component(_components[i]));
        }

        for (var k = 0; k < added.Count; k++)
        {
            var j = added[k];
            var i = _keys.Length + k;
            (keys[i], kinds[i], traits[i], components[i]) = (next._keys[j], next._keyKinds[j], next._traits[j], Component(firstComponents + next._components[j]));
        }

        for (var c = 0; c < parent.Length; c++)
        {
            var own = c < firstComponents ? _componentCategories[c] : next._componentCategories[c - firstComponents];
            var n = Component(c);
            categories[n] = (ushort)(categories[n] | own);
        }

        var merged = categories.ToArray();

        var keyless = new Dictionary<ushort, long>(_keyless);
        foreach (var (category, count) in next._keyless)
        {
            keyless[category] = keyless.GetValueOrDefault(category) + count;
        }

        var distinct = new SortedDictionary<byte, ulong[]>();
        foreach (var kind in _distinct.Keys.Union(next._distinct.Keys))
        {
            var set = new HashSet<ulong>(_distinct.GetValueOrDefault(kind) ?? []);
            set.UnionWith(next._distinct.GetValueOrDefault(kind) ?? []);
            distinct[kind] = [.. set];
        }

        return new ScanPart(_scalars.Then(next._scalars), keys, kinds, components, merged, traits, keyless, distinct, MergeExamples(Examples, next.Examples));
    }

    // The first three distinct values per kind in input order: this part's, then the next one's. Exact, since the next
    // part's own first three always hold at least as many values new to this part as this part has room for.
    private static Dictionary<string, IReadOnlyList<string>> MergeExamples(IReadOnlyDictionary<string, IReadOnlyList<string>> first, IReadOnlyDictionary<string, IReadOnlyList<string>> next)
    {
        var merged = first.ToDictionary(p => p.Key, p => p.Value.ToList(), StringComparer.Ordinal);
        foreach (var (code, values) in next)
        {
            var list = merged.TryGetValue(code, out var l) ? l : merged[code] = [];
            foreach (var v in values)
            {
                if (list.Count < 3 && !list.Contains(v, StringComparer.Ordinal))
                {
                    list.Add(v);
                }
            }
        }

        return merged.ToDictionary(p => p.Key, p => (IReadOnlyList<string>)p.Value, StringComparer.Ordinal);
    }

    /// <summary>The scan summary of the part's inputs, with ages on <paramref name="today"/>.</summary>
    /// <param name="today">The date ages are computed on.</param>
    /// <param name="insider">Halve the legal thresholds (see <see cref="ScanOptions.Insider"/>).</param>
    public ScanSummary Summary(DateOnly today, bool insider)
    {
        var counts = new Dictionary<Category, long>();
        foreach (var (category, count) in _keyless)
        {
            counts[(Category)category] = counts.GetValueOrDefault((Category)category) + count;
        }

        foreach (var category in _componentCategories)
        {
            counts[(Category)category] = counts.GetValueOrDefault((Category)category) + 1;
        }

        var kinds = new Dictionary<string, long>();
        foreach (var (kind, tags) in _distinct)
        {
            kinds[((IdentifierKind)kind).Code()] = tags.Length;
        }

        var ids = _keyKinds.LongCount(k => k == IdKey);
        var mobiles = _keyKinds.LongLength - ids;
        if (ids > 0)
        {
            kinds[IdentifierKind.ResidentId.Code()] = ids;
        }

        if (mobiles > 0)
        {
            kinds[IdentifierKind.Mobile.Code()] = mobiles;
        }

        var holders = new List<(int, DateOnly, bool)>();
        for (var i = 0; i < _keys.Length; i++)
        {
            if (_keyKinds[i] == IdKey)
            {
                var t = _traits[i];
                holders.Add(((t >> 1) & 0x7f, DateOnly.FromDayNumber(t >> 8), (t & 1) == 1));
            }
        }

        var s = _scalars;
        return new ScanSummary(
            s.Files,
            s.Records,
            Persons,
            s.Bytes,
            s.Elapsed,
            kinds,
            s.Occurrences,
            LegalTiers.Assess(counts, insider),
            s.Encodings,
            [.. s.Problems.Where(e => !e.IsNote)],
            s.Tables,
            Demographics.From(holders, today),
            Examples,
            [.. s.Problems.Where(e => e.IsNote)])
        {
            NewestRecord = s.NewestTicks == 0 ? null : new DateTime(s.NewestTicks, DateTimeKind.Unspecified),
            Passwords = s.Passwords,
        };
    }

    /// <summary>Writes the part (without <see cref="Examples"/>).</summary>
    public void Write(Stream stream)
    {
        using var w = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        w.Write(Magic);
        _scalars.Write(w);
        w.Write(_keys.Length);
        for (var i = 0; i < _keys.Length; i++)
        {
            w.Write(_keys[i]);
            w.Write(_keyKinds[i]);
            w.Write(_components[i]);
            w.Write(_traits[i]);
        }

        w.Write(_componentCategories.Length);
        foreach (var c in _componentCategories)
        {
            w.Write(c);
        }

        w.Write(_keyless.Count);
        foreach (var (category, count) in _keyless)
        {
            w.Write(category);
            w.Write(count);
        }

        w.Write(_distinct.Count);
        foreach (var (kind, tags) in _distinct)
        {
            w.Write(kind);
            w.Write(tags.Length);
            foreach (var t in tags)
            {
                w.Write(t);
            }
        }
    }

    /// <summary>Reads a part <see cref="Write"/> wrote; its <see cref="Examples"/> are empty.</summary>
    /// <exception cref="InvalidDataException">The stream is not a part, or is cut short.</exception>
    public static ScanPart Read(Stream stream)
    {
        using var r = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
        try
        {
            if (r.ReadString() != Magic)
            {
                throw new InvalidDataException("not a scan part (or one written by another version)");
            }

            var scalars = Scalars.Read(r);
            var n = Count(r);
            var keys = new ulong[n];
            var kinds = new byte[n];
            var components = new int[n];
            var traits = new int[n];
            for (var i = 0; i < n; i++)
            {
                (keys[i], kinds[i], components[i], traits[i]) = (r.ReadUInt64(), r.ReadByte(), r.ReadInt32(), r.ReadInt32());
            }

            var categories = new ushort[Count(r)];
            for (var i = 0; i < categories.Length; i++)
            {
                categories[i] = r.ReadUInt16();
            }

            if (components.Any(c => c < 0 || c >= categories.Length))
            {
                throw new InvalidDataException("a key belongs to a person the part does not have");
            }

            var keyless = new Dictionary<ushort, long>();
            for (var i = Count(r); i > 0; i--)
            {
                keyless[r.ReadUInt16()] = r.ReadInt64();
            }

            var distinct = new SortedDictionary<byte, ulong[]>();
            for (var i = Count(r); i > 0; i--)
            {
                var kind = r.ReadByte();
                var tags = new ulong[Count(r)];
                for (var t = 0; t < tags.Length; t++)
                {
                    tags[t] = r.ReadUInt64();
                }

                distinct[kind] = tags;
            }

            return new ScanPart(scalars, keys, kinds, components, categories, traits, keyless, distinct, new Dictionary<string, IReadOnlyList<string>>());
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException("the scan part is cut short", e);
        }
    }

    private static int Count(BinaryReader r)
    {
        var n = r.ReadInt32();
        return n >= 0 ? n : throw new InvalidDataException($"a negative count ({n}) in the scan part");
    }

    /// <summary>The parts of a summary that add up: counts, tables and problems in input order.</summary>
    private sealed record Scalars(
        int Files,
        long Records,
        long Bytes,
        TimeSpan Elapsed,
        long NewestTicks,
        IReadOnlyDictionary<string, long> Encodings,
        IReadOnlyDictionary<string, long> Occurrences,
        IReadOnlyDictionary<string, long> Passwords,
        IReadOnlyList<ScanError> Problems,
        IReadOnlyList<TableSummary> Tables)
    {
        public static Scalars Of(ScanSummary s) => new(
            s.Files, s.Records, s.Bytes, s.Elapsed, s.NewestRecord?.Ticks ?? 0, s.Encodings, s.Occurrences, s.Passwords, [.. s.Errors, .. s.Notes], s.Tables);

        public Scalars Then(Scalars next) => new(
            Files + next.Files,
            Records + next.Records,
            Bytes + next.Bytes,
            Elapsed + next.Elapsed,
            Math.Max(NewestTicks, next.NewestTicks),
            Sum(Encodings, next.Encodings),
            Sum(Occurrences, next.Occurrences),
            Sum(Passwords, next.Passwords),
            [.. Problems, .. next.Problems],
            [.. Tables, .. next.Tables]);

        private static Dictionary<string, long> Sum(IReadOnlyDictionary<string, long> a, IReadOnlyDictionary<string, long> b)
        {
            var sum = a.ToDictionary(StringComparer.Ordinal);
            foreach (var (k, v) in b)
            {
                sum[k] = sum.GetValueOrDefault(k) + v;
            }

            return sum;
        }

        public void Write(BinaryWriter w)
        {
            w.Write(Files);
            w.Write(Records);
            w.Write(Bytes);
            w.Write(Elapsed.Ticks);
            w.Write(NewestTicks);
            WriteCounts(w, Encodings);
            WriteCounts(w, Occurrences);
            WriteCounts(w, Passwords);
            w.Write(Problems.Count);
            foreach (var e in Problems)
            {
                w.Write(e.Source);
                w.Write(e.Record ?? -1);
                w.Write(e.Message);
                w.Write(e.IsNote);
            }

            w.Write(Tables.Count);
            foreach (var t in Tables)
            {
                w.Write(t.Source);
                w.Write(t.Format);
                w.Write(t.Encoding);
                w.Write(t.Records);
                WriteCounts(w, t.Findings);
                w.Write(t.Columns.Count);
                foreach (var c in t.Columns)
                {
                    w.Write(c.Column);
                    w.Write(c.Reading);
                    w.Write(c.Values);
                    w.Write(c.Found);
                    w.Write(c.Masked);
                    w.Write(c.Invalid);
                }
            }
        }

        public static Scalars Read(BinaryReader r)
        {
            var files = r.ReadInt32();
            var records = r.ReadInt64();
            var bytes = r.ReadInt64();
            var elapsed = TimeSpan.FromTicks(r.ReadInt64());
            var newest = r.ReadInt64();
            var encodings = ReadCounts(r);
            foreach (var name in encodings.Keys)
            {
                Known(Sniffer.Labels, name, "encoding");
            }

            var occurrences = ReadCounts(r);
            var passwords = ReadCounts(r);
            var problems = new List<ScanError>();
            for (var i = Count(r); i > 0; i--)
            {
                var source = r.ReadString();
                var record = r.ReadInt64();
                problems.Add(new ScanError(source, record < 0 ? null : record, r.ReadString()) { IsNote = r.ReadBoolean() });
            }

            var tables = new List<TableSummary>();
            for (var i = Count(r); i > 0; i--)
            {
                var (source, format, encoding, count) = (r.ReadString(), Known(FormatNames, r.ReadString(), "table format"), Known(Sniffer.Labels, r.ReadString(), "encoding"), r.ReadInt64());
                var findings = ReadCounts(r);
                var columns = new List<ColumnProfile>();
                for (var c = Count(r); c > 0; c--)
                {
                    columns.Add(new ColumnProfile(r.ReadString(), r.ReadString(), r.ReadInt64(), r.ReadInt64(), r.ReadInt64(), r.ReadInt64()));
                }

                tables.Add(new TableSummary(source, format, encoding, count, findings, columns));
            }

            return new Scalars(files, records, bytes, elapsed, newest, encodings, occurrences, passwords, problems, tables);
        }

        // A part is this version's own cache, so a format or encoding name the scanner never writes means the part is
        // not one it made (or is damaged): refuse it as such, and the caller scans again, rather than let the summary
        // carry a name that the contracts' closed sets (Tracemark.Reports) cannot print.
        private static readonly string[] FormatNames = [.. Enum.GetValues<TableFormat>().Select(Aggregator.FormatName)];

        private static string Known(IReadOnlyList<string> names, string name, string what) =>
            names.Contains(name) ? name : throw new InvalidDataException($"a {what} the scanner does not write (\"{name}\") in the scan part");

        private static void WriteCounts(BinaryWriter w, IReadOnlyDictionary<string, long> counts)
        {
            w.Write(counts.Count);
            foreach (var (k, v) in counts)
            {
                w.Write(k);
                w.Write(v);
            }
        }

        private static Dictionary<string, long> ReadCounts(BinaryReader r)
        {
            var counts = new Dictionary<string, long>(StringComparer.Ordinal);
            for (var i = Count(r); i > 0; i--)
            {
                counts[r.ReadString()] = r.ReadInt64();
            }

            return counts;
        }
    }
}
