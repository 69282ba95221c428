using FsCheck.Fluent;
using Tracemark.Store.Tags;
using Tracemark.Tests;

namespace Tracemark.Store.Tests;

public sealed class SortedRunsTests
{
    [Fact]
    public void Merging_runs_gives_every_tag_once_in_order_in_batches_of_at_most_the_size_asked()
    {
        var runs = Gen.Choose(0, 200).Select(v => (ulong)v).ArrayOf().ArrayOf();
        Properties.Hold(Gen.Zip(runs, Gen.Choose(1, 50)), input =>
        {
            var (lists, batch) = input;
            using var dir = new TempDir();
            Directory.CreateDirectory(dir.Path);
            using var sorted = new SortedRuns(dir.Path);
            foreach (var list in lists)
            {
                var items = list.Select(v => new TaggedIdentifier(new Tag(v, v * 7), (byte)(v % 3))).ToArray();
                sorted.Add(items.AsSpan(0, TaggedIdentifier.SortDistinct(items)));
            }

            var merged = new List<TaggedIdentifier>();
            var sizes = new List<int>();
            sorted.Merge(batch, b =>
            {
                sizes.Add(b.Length);
                merged.AddRange(b.ToArray());
            });

            var expected = lists.SelectMany(l => l).Distinct().Order().Select(v => new TaggedIdentifier(new Tag(v, v * 7), (byte)(v % 3)));
            return merged.SequenceEqual(expected) && sizes.All(s => s > 0 && s <= batch);
        }, count: 100);
    }
}
