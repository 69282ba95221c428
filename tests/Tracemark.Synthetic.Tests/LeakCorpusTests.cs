using System.Security.Cryptography;
using Tracemark.Identifiers;
using Tracemark.Synthetic.Truth;

namespace Tracemark.Synthetic.Tests;

public sealed class LeakCorpusTests : IClassFixture<LeakCorpusTests.SharedCorpus>
{
    private readonly Corpus _corpus;

    public LeakCorpusTests(SharedCorpus shared) => _corpus = shared.Corpus;

    public sealed class SharedCorpus : IDisposable
    {
        public Corpus Corpus { get; } = new();

        public void Dispose() => Corpus.Dispose();
    }

    [Fact]
    public void Every_shape_is_written_with_its_truth()
    {
        Assert.Equal(LeakCorpus.ShapeNames.Count, _corpus.Manifest.Datasets.Count);
        foreach (var d in _corpus.Manifest.Datasets)
        {
            Assert.True(File.Exists(Path.Combine(_corpus.Directory, LeakCorpus.LeaksFolder, d.File)), d.File);
            Assert.Equal(d.Records, _corpus.Truth(d).LongCount());
        }

        Assert.True(File.Exists(Path.Combine(_corpus.Directory, "manifest.json")));
    }

    [Fact]
    public void Every_truth_item_is_in_its_record_exactly_as_written()
    {
        foreach (var d in _corpus.Manifest.Datasets)
        {
            var records = _corpus.Records(d);
            foreach (var t in _corpus.Truth(d))
            {
                // Text formats number lines; the dump has a banner on line 1, so its truth starts at 2.
                Assert.True(records.TryGetValue((t.Source, t.Record), out var cells), $"{t.Source} record {t.Record} not found");
                foreach (var item in t.Items)
                {
                    if (item.Field is { } field && cells.TryGetValue(field, out var cell))
                    {
                        Assert.Equal(item.Written, cell);
                    }
                    else
                    {
                        Assert.Contains(item.Written, cells.Values.First(), StringComparison.Ordinal);
                    }
                }
            }
        }
    }

    [Fact]
    public void Truth_statuses_agree_with_the_identifier_library()
    {
        Span<char> canonical = stackalloc char[Identifier.MaxCanonicalLength];
        foreach (var d in _corpus.Manifest.Datasets)
        {
            foreach (var t in _corpus.Truth(d))
            {
                foreach (var item in t.Items)
                {
                    var verdict = Identifier.Check(item.Kind, item.Written, canonical);
                    var where = $"{t.Source}#{t.Record} {item.Field} {item.Kind.Code()} '{item.Written}'";
                    switch (item.Status)
                    {
                        case ItemStatus.Valid:
                            Assert.True(verdict.IsValid, $"{where}: {verdict.Explain()}");
                            Assert.Equal(item.Value, canonical[..verdict.Length].ToString());
                            break;
                        case ItemStatus.Masked:
                            Assert.True(item.Kind.IsMasked() && verdict.IsValid, $"{where}: {verdict.Explain()}");
                            break;
                        case ItemStatus.Invalid:
                            Assert.False(verdict.IsValid, where);
                            break;
                        default:
                            // Decoys are hard: each is, or contains, a value that passes the validation of the kind it imitates.
                            var lookAlike = Identifier.Check(item.Kind, item.Value, canonical);
                            Assert.True(lookAlike.IsValid, $"{where} is not a convincing decoy: {lookAlike.Explain()}");
                            Assert.Contains(item.Value, item.Written, StringComparison.Ordinal);
                            break;
                    }
                }
            }
        }
    }

    [Fact]
    public void Distinct_persons_match_an_independent_union_find_over_values()
    {
        var totalNodes = new UnionFind();
        foreach (var d in _corpus.Manifest.Datasets)
        {
            var nodes = new UnionFind();
            foreach (var t in _corpus.Truth(d))
            {
                foreach (var slot in t.Items.Where(i => i.Slot >= 0 && i.Status is ItemStatus.Valid or ItemStatus.Masked).GroupBy(i => i.Slot))
                {
                    var node = $"{t.Source}#{t.Record}/{slot.Key}";
                    foreach (var uf in new[] { nodes, totalNodes })
                    {
                        uf.Add(node);
                        foreach (var key in slot.Where(i => i.Status == ItemStatus.Valid && i.Kind is IdentifierKind.ResidentId or IdentifierKind.Mobile))
                        {
                            uf.Union(node, $"{key.Kind}:{key.Value}");
                        }
                    }
                }
            }

            Assert.Equal(nodes.Components(n => n.Contains('#', StringComparison.Ordinal)), d.Persons);
        }

        Assert.Equal(totalNodes.Components(n => n.Contains('#', StringComparison.Ordinal)), _corpus.Manifest.Persons);
    }

    [Fact]
    public void Manifest_counts_match_the_truth()
    {
        foreach (var d in _corpus.Manifest.Datasets)
        {
            var items = _corpus.Truth(d).SelectMany(t => t.Items).ToList();
            var valid = items.Where(i => i.Status == ItemStatus.Valid).GroupBy(i => i.Kind.Code()).ToDictionary(g => g.Key, g => (long)g.Count());
            Assert.Equal(valid.OrderBy(k => k.Key), d.Valid.OrderBy(k => k.Key));
            Assert.Equal(items.LongCount(i => i.Status == ItemStatus.Decoy), d.Decoys);
            var distinctIds = items.Where(i => i.Status == ItemStatus.Valid && i.Kind == IdentifierKind.ResidentId).Select(i => i.Value).Distinct().LongCount();
            Assert.Equal(distinctIds, d.Distinct["cn_id"]);
        }
    }

    [Fact]
    public void The_decoy_file_holds_nothing_but_decoys()
    {
        var decoys = _corpus.Manifest.Datasets.Single(d => d.Shape == "decoys");
        Assert.All(_corpus.Truth(decoys).SelectMany(t => t.Items), i => Assert.Equal(ItemStatus.Decoy, i.Status));
        Assert.Equal(0, decoys.Persons);
        Assert.True(decoys.Decoys > 0);
    }

    [Fact]
    public void People_repeat_across_files()
    {
        var personsPerFile = _corpus.Manifest.Datasets
            .Where(d => d.Shape != "decoys")
            .Select(d => _corpus.Truth(d).SelectMany(t => t.Persons).ToHashSet())
            .ToList();
        Assert.NotEmpty(personsPerFile[0].Intersect(personsPerFile[1]));
        Assert.True(_corpus.Manifest.Persons < _corpus.Manifest.Datasets.Sum(d => d.Persons), "the total must count shared people once");
    }

    [Fact]
    public void Same_seed_gives_the_same_bytes_and_another_seed_does_not()
    {
        using var again = new Corpus();
        using var other = new Corpus(seed: 6);
        foreach (var d in _corpus.Manifest.Datasets)
        {
            var leak = Path.Combine(LeakCorpus.LeaksFolder, d.File);
            Assert.True(Hash(_corpus, leak) == Hash(again, leak), $"{d.File} differs between two runs with the same seed");
            Assert.Equal(Lines(_corpus, d), Lines(again, d));
        }

        Assert.NotEqual(Hash(_corpus, "leaks/materials-dump.txt"), Hash(other, "leaks/materials-dump.txt"));
    }

    [Fact]
    public void Zero_noise_leaves_every_identifier_valid()
    {
        using var clean = new Corpus(records: 200, noise: 0, shapes: ["courier", "app"]);
        foreach (var d in clean.Manifest.Datasets)
        {
            Assert.Empty(d.Masked);
            Assert.Empty(d.Invalid);
        }
    }

    [Fact]
    public void Hotel_records_use_the_documents_people_carry()
    {
        var hotel = _corpus.Manifest.Datasets.Single(d => d.Shape == "hotel");
        Assert.True(hotel.Valid.ContainsKey("cn_id"));
        Assert.True(hotel.Valid.ContainsKey("hk_macau_permit"));
    }

    private static List<string> Lines(Corpus c, DatasetManifest d) =>
        [.. c.Truth(d).Select(t => $"{t.Source} {t.Record} [{string.Join(',', t.Persons)}] {string.Join("; ", t.Items)}")];

    private static string Hash(Corpus c, string file) =>
        Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(Path.Combine(c.Directory, file))));

    private sealed class UnionFind
    {
        private readonly Dictionary<string, string> _parent = [];

        public void Add(string x) => _parent.TryAdd(x, x);

        public void Union(string a, string b)
        {
            Add(a);
            Add(b);
            _parent[Find(a)] = Find(b);
        }

        public long Components(Func<string, bool> counted) =>
            _parent.Keys.Where(counted).Select(Find).Distinct().LongCount();

        private string Find(string x)
        {
            while (_parent[x] != x)
            {
                _parent[x] = _parent[_parent[x]];
                x = _parent[x];
            }

            return x;
        }
    }
}
