namespace Tracemark.Tracing.Attribution;

/// <summary>One record of a leaked sample drawn from a simulated owner.</summary>
/// <param name="Customer">The customer it belongs to (dense index), or -1 when it is nobody the owner knows.</param>
/// <param name="InKnownLeak">Its identifiers are already in an earlier known leak: obtainable elsewhere.</param>
public readonly record struct MatchedRecord(int Customer, bool InKnownLeak);

/// <summary>One ranked answer of the likelihood model.</summary>
/// <param name="Channels">The channels named (one, or a colluding set); empty for "none of these channels".</param>
/// <param name="Probability">Its posterior probability.</param>
public sealed record RankedAnswer(IReadOnlyList<int> Channels, double Probability)
{
    /// <summary>The answer names no channel of the owner's.</summary>
    public bool NamesNone => Channels.Count == 0;
}

/// <summary>What the likelihood model said about a sample.</summary>
/// <param name="Undetermined">No single channel nor short list holds the threshold probability: nobody is named.</param>
/// <param name="Ranked">Every hypothesis considered, most probable first.</param>
public sealed record ModelAnswer(bool Undetermined, IReadOnlyList<RankedAnswer> Ranked);

/// <summary>
/// The attribution models over an owner held in memory rather than in a store — which channels accessed which
/// customers — so they can be scored on simulated leaks with a known truth (<c>tracemark eval trace</c>). The same
/// models answer <c>tracemark trace</c> from a store.
/// </summary>
public sealed class SimulatedOwner
{
    private readonly AccessIndex _index;

    /// <param name="customers">How many customers the owner has.</param>
    /// <param name="accesses">Per channel (dense index), the customers it accessed.</param>
    public SimulatedOwner(int customers, IReadOnlyList<IReadOnlyCollection<int>> accesses)
    {
        ArgumentNullException.ThrowIfNull(accesses);
        ArgumentOutOfRangeException.ThrowIfNegative(customers);
        _index = new AccessIndex(customers, accesses.Count, accesses);
    }

    /// <summary>The normalized likelihood model's ranked answers for <paramref name="sample"/>.</summary>
    /// <param name="sample">The leaked records.</param>
    /// <param name="knownShare">Share of the owner's customers already in known leaks.</param>
    public ModelAnswer Likelihood(IReadOnlyList<MatchedRecord> sample, double knownShare)
    {
        ArgumentNullException.ThrowIfNull(sample);
        var a = new LikelihoodModel(_index) { KnownShare = knownShare }.Attribute(Records(sample));
        return new ModelAnswer(a.Verdict == Verdict.Undetermined, [.. a.Ranked.Select(h => new RankedAnswer(h.Channels, h.Posterior))]);
    }

    /// <summary>The guilt-model baseline: every channel that accessed a record of the sample with its unnormalized
    /// guilt probability, highest first.</summary>
    public IReadOnlyList<(int Channel, double Guilt)> Guilt(IReadOnlyList<MatchedRecord> sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        return new GuiltModel(_index).Rank(Records(sample));
    }

    private static List<SampleRecord> Records(IReadOnlyList<MatchedRecord> sample) =>
        [.. sample.Select(r => new SampleRecord(r.Customer, r.InKnownLeak))];
}
