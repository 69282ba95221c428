using Tracemark.Identifiers;
using Tracemark.Store;
using Tracemark.Store.Tags;

namespace Tracemark.Fraud;

/// <summary>The answer of `fraud sample`.</summary>
/// <param name="Dataset">The leak sampled.</param>
/// <param name="Kind">The kind of identifier drawn (the people's mobiles, as the police sampled numbers).</param>
/// <param name="Drawn">Identifiers drawn (fewer than asked when the leak holds fewer).</param>
/// <param name="Reported">Of them, how many are the victim of some fraud report.</param>
/// <param name="Low">Lower end of the 95 % Wilson interval of the share reported.</param>
/// <param name="High">Upper end.</param>
/// <param name="Seed">The seed that draws this sample again.</param>
public sealed record SampleResult(Dataset Dataset, IdentifierKind Kind, long Drawn, long Reported, double Low, double High, int Seed)
{
    /// <summary>Reported ÷ drawn.</summary>
    public double Share => Drawn == 0 ? 0 : (double)Reported / Drawn;
}

/// <summary>Sampling a leak as the police did (100 numbers from a seized cache: how many already reported fraud?).</summary>
public static class FraudSample
{
    /// <summary>
    /// Draws <paramref name="n"/> of the dataset's identifiers of <paramref name="kind"/> uniformly without
    /// replacement (reservoir sampling over one pass of its tags, seeded) and counts those with fraud reports.
    /// </summary>
    public static SampleResult Draw(KnownLeakStore store, string dataset, int n, int seed, IdentifierKind kind = IdentifierKind.Mobile)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        var d = store.Datasets().FirstOrDefault(x => x.Name == dataset && x.Complete)
            ?? throw new ArgumentException($"no complete dataset named '{dataset}' in the store (`tracemark datasets` lists them)");
        var random = new Random(seed);
        var reservoir = new List<Tag>(n);
        long seen = 0;
        store.FraudReports.DatasetTags(d.Id, (byte)kind, tag =>
        {
            seen++;
            if (reservoir.Count < n)
            {
                reservoir.Add(tag);
            }
            else if (random.NextInt64(seen) is var j && j < n)
            {
                reservoir[(int)j] = tag;
            }
        });

        var reported = store.FraudReports.Reported(reservoir).Count;
        var (low, high) = Statistics.WilsonInterval(reported, reservoir.Count);
        return new SampleResult(d, kind, reservoir.Count, reported, low, high, seed);
    }
}
