using Tracemark.Tracing.Attribution;

namespace Tracemark.Tracing.Tests;

/// <summary>The attribution model on small owners whose answer is known by construction.</summary>
public sealed class LikelihoodModelTests
{
    // 1,000 customers. Channel 0 saw 0..99, channel 1 saw 100..199, channel 2 (an admin) saw everyone,
    // channels 3 and 4 saw exactly the same 200..299 (two accounts the evidence cannot tell apart).
    private static AccessIndex Owner(IReadOnlyDictionary<int, int>? canaries = null) => new(1000, 5,
    [
        Enumerable.Range(0, 100).ToArray(),
        Enumerable.Range(100, 100).ToArray(),
        Enumerable.Range(0, 1000).ToArray(),
        Enumerable.Range(200, 100).ToArray(),
        Enumerable.Range(200, 100).ToArray(),
    ], canaries);

    private static List<SampleRecord> Sample(IEnumerable<int> customers) => [.. customers.Select(c => new SampleRecord(c, false))];

    [Fact]
    public void A_sample_only_one_channel_saw_is_attributed_to_it()
    {
        var a = new LikelihoodModel(Owner()).Attribute(Sample(Enumerable.Range(10, 20)));
        Assert.Equal(Verdict.Attributed, a.Verdict);
        Assert.Equal([0], a.Ranked[0].Channels);
        Assert.True(a.Ranked[0].Posterior > 0.99);
        Assert.Equal(20, a.Ranked[0].Explained);
    }

    [Fact]
    public void Two_channels_with_the_same_access_split_the_posterior_and_neither_is_named()
    {
        var a = new LikelihoodModel(Owner()).Attribute(Sample(Enumerable.Range(200, 30)));
        Assert.NotEqual(Verdict.Attributed, a.Verdict);
        var top = a.Ranked.Where(h => h.Channels is [3] or [4]).ToList();
        Assert.Equal(2, top.Count);
        Assert.Equal(top[0].Posterior, top[1].Posterior, 6);
        Assert.All(a.Ranked, h => Assert.True(h.Posterior < 0.9));
    }

    [Fact]
    public void A_channel_that_saw_everyone_is_not_told_apart_from_a_leak_elsewhere()
    {
        // Records from across the base: only the admin saw them all, exactly as an outside source would have.
        var a = new LikelihoodModel(Owner()).Attribute(Sample(Enumerable.Range(0, 30).Select(i => 300 + (i * 23))));
        Assert.Equal(Verdict.Undetermined, a.Verdict);
        Assert.DoesNotContain(a.Ranked, h => h.Channels is [2] && h.Posterior >= 0.9);
    }

    [Fact]
    public void A_canary_names_its_channel_even_among_records_everyone_saw()
    {
        var canaries = new Dictionary<int, int> { [150] = 1 };
        var records = Sample(Enumerable.Range(0, 9).Select(i => 300 + (i * 50)).Append(150));
        var a = new LikelihoodModel(Owner(canaries)).Attribute(records);
        Assert.Equal(1, a.CanaryHits);
        Assert.Contains(1, a.Ranked[0].Channels);
        Assert.Equal(1, a.Ranked[0].Canaries);
    }

    [Fact]
    public void Records_no_channel_explains_alone_point_to_colluders()
    {
        var a = new LikelihoodModel(Owner()).Attribute(Sample(Enumerable.Range(0, 15).Concat(Enumerable.Range(100, 15))));
        Assert.Equal([0, 1], a.Ranked[0].Channels.Order());
        Assert.Equal(30, a.Ranked[0].Explained);
    }

    [Fact]
    public void Records_outside_the_owner_and_in_known_leaks_raise_the_background_share()
    {
        var clean = new LikelihoodModel(Owner()).Attribute(Sample(Enumerable.Range(0, 20)));
        var mixed = new LikelihoodModel(Owner()).Attribute(
            [.. Sample(Enumerable.Range(0, 20)), .. Enumerable.Range(500, 10).Select(c => new SampleRecord(c, true)), new SampleRecord(-1, false)]);
        Assert.True(mixed.Pi > clean.Pi);
        Assert.Equal((31, 30, 10), (mixed.Records, mixed.Matched, mixed.Known));
        Assert.Equal([0], mixed.Ranked[0].Channels);
    }

    [Fact]
    public void A_sample_of_strangers_names_no_one()
    {
        var a = new LikelihoodModel(Owner()).Attribute(Enumerable.Repeat(new SampleRecord(-1, false), 10).ToList());
        Assert.Equal(Verdict.Undetermined, a.Verdict);
    }

    [Fact]
    public void Posteriors_sum_to_at_most_one()
    {
        var a = new LikelihoodModel(Owner()).Attribute(Sample(Enumerable.Range(90, 20)));
        Assert.InRange(a.Ranked.Sum(h => h.Posterior), 0.0, 1.000001);
    }
}
