using FsCheck.Fluent;
using Tracemark.Scanning.Analysis;
using Tracemark.Scanning.Detection;
using Tracemark.Tests;

namespace Tracemark.Scanning.Tests.Analysis;

public sealed class AnalysisTests
{
    [Fact]
    public void Long_set_counts_distinct_values_like_a_hash_set() =>
        Properties.Hold(Gen.ListOf(Gen.Choose(-50, 5000).Select(i => (ulong)(i * 7919L))), values =>
        {
            var set = new LongSet();
            var reference = new HashSet<ulong>();
            foreach (var v in values)
            {
                Assert.Equal(reference.Add(v), set.Add(v));
            }

            return set.Count == reference.Count;
        });

    [Fact]
    public void Long_index_hands_out_dense_indexes_once_per_key() =>
        Properties.Hold(Gen.ListOf(Gen.Choose(0, 3000).Select(i => (long)i * 1_000_003)), keys =>
        {
            var index = new LongIndex();
            var reference = new Dictionary<long, int>();
            foreach (var k in keys)
            {
                var i = index.GetOrAdd(k);
                if (!reference.TryGetValue(k, out var expected))
                {
                    expected = reference[k] = reference.Count;
                }

                Assert.Equal(expected, i);
            }

            return index.Entries().Count() == reference.Count;
        });

    [Fact]
    public void Sharded_tables_agree_with_the_framework_collections_past_many_growths()
    {
        // 300,000 keys: every one of the 256 shards grows several times.
        var set = new LongSet();
        var index = new LongIndex();
        var reference = new Dictionary<long, int>();
        var random = new Random(16);
        for (var n = 0; n < 600_000; n++)
        {
            var key = (long)random.Next(0, 300_000) * 2_654_435_761L;
            var expected = reference.TryGetValue(key, out var seen) ? seen : reference[key] = reference.Count;
            Assert.Equal(expected, index.GetOrAdd(key));
            set.Add((ulong)key);
        }

        Assert.Equal(reference.Count, set.Count);
        Assert.Equal(reference.Count, index.Count);
        Assert.Equal(reference.OrderBy(e => e.Value).Select(e => e.Key), index.Entries().OrderBy(e => e.Index).Select(e => e.Key));
        // 12-byte slots at 40–80 % load.
        Assert.InRange(index.Bytes / (double)index.Count, 15, 30);
        Assert.InRange(set.Bytes / (double)set.Count, 10.6, 21.4);
    }

    [Fact]
    public void Chunked_arrays_grow_without_moving_what_they_hold()
    {
        var array = new ChunkedArray<int>();
        for (var i = 0; i < 200_000; i++)
        {
            array.Ensure(i);
            array[i] = i * 3;
        }

        Assert.All(Enumerable.Range(0, 200_000).Where(i => i % 997 == 0), i => Assert.Equal(i * 3, array[i]));
        Assert.Equal(4L * (1 << 16) * 4, array.Bytes);
    }

    [Fact]
    public void Persons_are_the_components_of_the_key_graph_plus_keyless_slots() =>
        Properties.Hold(Gen.ListOf(Gen.ListOf(Gen.Choose(0, 40))), slots =>
        {
            // Each slot is a list of keys; an empty slot is keyless personal data.
            var graph = new PersonGraph();
            var reference = new Dictionary<int, int>();
            int Find(int x) => reference[x] == x ? x : Find(reference[x]);
            long keyless = 0;
            foreach (var slot in slots)
            {
                if (slot.Count == 0)
                {
                    graph.AddKeyless(Category.Other);
                    keyless++;
                    continue;
                }

                var first = graph.Node(slot[0]);
                foreach (var k in slot)
                {
                    reference.TryAdd(k, k);
                    graph.Union(first, graph.Node(k));
                    var (a, b) = (Find(slot[0]), Find(k));
                    if (a != b)
                    {
                        reference[a] = b;
                    }
                }
            }

            return graph.Persons() == reference.Keys.Select(Find).Distinct().Count() + keyless;
        });

    [Fact]
    public void A_person_counts_once_in_the_most_sensitive_category_of_their_records()
    {
        var graph = new PersonGraph();
        var a = graph.Node(1);
        graph.AddCategory(a, Category.Other);
        graph.AddCategory(graph.Node(2), Category.Accommodation | Category.Other);
        graph.Union(a, graph.Node(2));
        graph.AddKeyless(Category.Property | Category.Other);
        var legal = LegalTiers.Assess(graph.CategoryCounts(), insider: false);
        Assert.Equal(1, legal.Categories.Single(c => c.Category == "accommodation").Persons);
        Assert.Equal(1, legal.Categories.Single(c => c.Category == "property").Persons);
        Assert.Equal(0, legal.Categories.Single(c => c.Category == "other").Persons);
        Assert.Equal((1 / 500.0) + (1 / 50.0), legal.RatioSerious, 6);
    }

    [Theory]
    // 50 property persons reach "serious"; 25 do for insiders (thresholds halved); 500 reach "especially serious".
    [InlineData(50, false, "serious")]
    [InlineData(49, false, "below the serious threshold")]
    [InlineData(25, true, "serious")]
    [InlineData(500, false, "especially serious")]
    public void Thresholds_follow_the_2017_interpretation(long persons, bool insider, string verdict)
    {
        var legal = LegalTiers.Assess(new Dictionary<Category, long> { [Category.Property] = persons }, insider);
        Assert.Equal(verdict, legal.Verdict);
    }

    [Fact]
    public void Mixed_categories_add_up_in_proportion()
    {
        // 25 property (0.5 of 50) + 2,500 other (0.5 of 5,000) = 1.0: serious.
        var legal = LegalTiers.Assess(new Dictionary<Category, long> { [Category.Property] = 25, [Category.Other] = 2_500 }, insider: false);
        Assert.Equal(1.0, legal.RatioSerious, 6);
        Assert.Equal("serious", legal.Verdict);
    }

    [Fact]
    public void Demographics_come_from_the_id_digits()
    {
        Assert.True(IdentifierKey.TryLinkKey(Identifiers.IdentifierKind.ResidentId, "11010519491231002X", out var old));
        Assert.True(IdentifierKey.TryLinkKey(Identifiers.IdentifierKind.ResidentId, "440524201501010013", out var child));
        Assert.True(IdentifierKey.TryLinkKey(Identifiers.IdentifierKind.Mobile, "13800138000", out var mobile));
        var d = Demographics.From([old, child, mobile], new DateOnly(2026, 11, 22));
        Assert.Equal(2, d.Ids);
        Assert.Equal(1, d.ByProvince["北京市"]);
        Assert.Equal(1, d.ByProvince["广东省"]);
        Assert.Equal(1, d.ByAgeBand["70+"]);
        Assert.Equal(1, d.ByAgeBand["0-13"]);
        Assert.Equal(1, d.Minors);
        Assert.Equal(1, d.BySex["female"]);
        Assert.Equal(1, d.BySex["male"]);
    }
}
