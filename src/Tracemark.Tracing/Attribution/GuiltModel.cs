namespace Tracemark.Tracing.Attribution;

/// <summary>
/// The baseline: Papadimitriou and Garcia-Molina's guilt model (IEEE TKDE 2011, docs/domain.md §5),
/// Pr{G_i | S} = 1 − Π_{t ∈ S ∩ R_i} (1 − (1 − p)/|V_t|), with p the probability a record came from elsewhere.
/// Scores are not normalized across channels; ranked by score for comparison.
/// </summary>
internal sealed class GuiltModel(AccessIndex index, double p = 0.2)
{
    /// <summary>Every channel that accessed a record of the sample with its guilt probability, highest first.</summary>
    public IReadOnlyList<(int Channel, double Guilt)> Rank(IReadOnlyList<SampleRecord> sample)
    {
        var innocence = new Dictionary<int, double>();
        foreach (var record in sample)
        {
            if (record.Customer < 0)
            {
                continue;
            }

            var holders = index.ChannelsOf(record.Customer);
            foreach (var c in holders)
            {
                innocence[c] = innocence.GetValueOrDefault(c, 1.0) * (1 - ((1 - p) / holders.Length));
            }
        }

        return [.. innocence.Select(kv => (kv.Key, 1 - kv.Value)).OrderByDescending(x => x.Item2).ThenBy(x => x.Key)];
    }
}
