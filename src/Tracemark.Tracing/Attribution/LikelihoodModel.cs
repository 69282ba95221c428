namespace Tracemark.Tracing.Attribution;

/// <summary>One explanation of a sample: a channel, a colluding set, or none of the owner's channels.</summary>
/// <param name="Channels">The channel indexes; empty for "none of these channels".</param>
/// <param name="Posterior">Probability after the evidence, over all hypotheses considered.</param>
/// <param name="LogLikelihood">ln L(S | hypothesis).</param>
/// <param name="Explained">Matched records the hypothesis' channels accessed.</param>
/// <param name="Canaries">Canary records of the hypothesis' channels in the sample.</param>
internal sealed record Hypothesis(int[] Channels, double Posterior, double LogLikelihood, int Explained, int Canaries)
{
    public bool IsNone => Channels.Length == 0;
}

/// <summary>attributed (one hypothesis at ≥ 0.9), shortlist (≤ 5 channels hold ≥ 0.9), or undetermined.</summary>
internal enum Verdict
{
    Attributed,
    Shortlist,
    Undetermined,
}

internal sealed record Attribution(Verdict Verdict, IReadOnlyList<Hypothesis> Ranked, double Pi, int Records, int Matched, int Known, int CanaryHits);

/// <summary>
/// The normalized likelihood model of docs/domain.md §5: L(S | c) = Π_t [(1−π)·1{t ∈ A_c}/|A_c| + π·q(t)], with A_c the
/// customers channel c accessed, π the share of the sample from other sources and q the background; posterior ∝
/// prior × L over single channels, colluding sets (when no single channel explains the sample) and "none of
/// these channels". A canary has no background (q = 0): only its channel explains it. Two channels the sample
/// cannot tell apart get equal likelihoods and split the posterior, so the verdict falls to a shortlist or
/// undetermined rather than naming one of them.
/// </summary>
internal sealed class LikelihoodModel(AccessIndex index)
{
    // "None of these channels" (a break-in, another route) starts almost as likely as all channels together: a
    // coincidence among thousands of channels (two random records both on one employee's route) then stays a
    // coincidence, while a real leaker's records outweigh any prior within a few records.
    private const double SingleMass = 0.5;
    private const double NoneMass = 0.4;
    private const double CollusionMass = 0.1;
    private const double Threshold = 0.9;
    private const int MaxCollusion = 5;
    private const int MinFreshRecords = 2;

    /// <summary>Share of the owner's customers already in known leaks (their records are obtainable elsewhere).</summary>
    public double KnownShare { get; init; } = 0.05;

    public Attribution Attribute(IReadOnlyList<SampleRecord> sample)
    {
        var matched = sample.Where(r => r.Customer >= 0).ToList();
        var known = matched.Count(r => r.InKnownLeak);
        var canaryHits = matched.Count(r => index.CanaryOf(r.Customer) >= 0);

        // Records already in known leaks say how much of the sample may come from elsewhere.
        var pi = Math.Clamp(matched.Count == 0 ? 0.5 : (double)known / matched.Count, 0.02, 0.9);
        var qPlain = 1.0 / index.Customers;
        var qKnown = 1.0 / Math.Max(1, index.Customers * KnownShare);
        double Q(SampleRecord r) => index.CanaryOf(r.Customer) >= 0 ? 0 : r.InKnownLeak ? qKnown : qPlain;

        // Under a channel, a record it did not access came from elsewhere (π·q); under "none", every record did (q).
        // A channel that saw everyone (a nightly export) then explains a sample exactly as well as "none": the two
        // cannot be told apart, and the posterior says so.
        var background = new double[matched.Count];
        double channelBase = 0, none = 0;
        for (var i = 0; i < matched.Count; i++)
        {
            background[i] = Math.Log(Math.Max(pi * Q(matched[i]), 1e-300));
            channelBase += background[i];
            none += Math.Log(Math.Max(Q(matched[i]), 1e-300));
        }

        var touched = new Dictionary<int, List<int>>();
        for (var i = 0; i < matched.Count; i++)
        {
            foreach (var c in index.ChannelsOf(matched[i].Customer))
            {
                if (!touched.TryGetValue(c, out var list))
                {
                    touched[c] = list = [];
                }

                list.Add(i);
            }
        }

        double Single(int c, List<int> records)
        {
            var ll = channelBase;
            var share = (1 - pi) / index.Accessed(c);
            foreach (var i in records)
            {
                ll += Math.Log(share + (pi * Q(matched[i]))) - background[i];
            }

            return ll;
        }

        var hypotheses = new List<(int[] Channels, double Prior, double LogL, int Explained)>();
        var singlePrior = SingleMass / Math.Max(1, index.Channels);
        foreach (var (c, records) in touched)
        {
            hypotheses.Add(([c], singlePrior, Single(c, records), records.Count));
        }

        var untouched = index.Channels - touched.Count;
        var collusions = Collusions(matched, touched, pi, Q, background, channelBase);
        foreach (var set in collusions)
        {
            hypotheses.Add((set, SetPrior(set.Length), SetLikelihood(set, matched, pi, Q, background, channelBase), Explained(set, touched)));
        }

        hypotheses.Add(([], NoneMass, none, 0));

        // Channels that touched no record share one likelihood (everything from elsewhere): one lumped term.
        var logs = hypotheses.Select(h => Math.Log(h.Prior) + h.LogL).ToList();
        if (untouched > 0)
        {
            logs.Add(Math.Log(singlePrior * untouched) + channelBase);
        }

        var max = logs.Max();
        var total = logs.Sum(l => Math.Exp(l - max));
        var ranked = hypotheses
            .Select((h, i) => new Hypothesis(h.Channels, Math.Exp(logs[i] - max) / total, h.LogL, h.Explained, h.Channels.Sum(c => CanariesOf(c, matched))))
            .OrderByDescending(h => h.Posterior)
            .ToList();
        return new Attribution(Decide(ranked), ranked, pi, sample.Count, matched.Count, known, canaryHits);
    }

    // The collusion mass is spread over every set of each size (2 to 5) the channels could form, not over the few
    // sets the search proposes: a specific pair is a priori far less likely than a specific single channel, so a
    // set must earn its place with records no single member explains.
    private double SetPrior(int size)
    {
        double logSets = 0;
        for (var i = 0; i < size; i++)
        {
            logSets += Math.Log(index.Channels - i) - Math.Log(i + 1);
        }

        return Math.Exp(Math.Log(CollusionMass / (MaxCollusion - 1)) - logSets);
    }

    private int CanariesOf(int channel, List<SampleRecord> matched) => matched.Count(r => index.CanaryOf(r.Customer) == channel);

    private static int Explained(int[] set, Dictionary<int, List<int>> touched) =>
        set.SelectMany(c => touched[c]).Distinct().Count();

    private double SetLikelihood(int[] set, List<SampleRecord> matched, double pi, Func<SampleRecord, double> q, double[] background, double channelBase)
    {
        var ll = channelBase;
        for (var i = 0; i < matched.Count; i++)
        {
            double share = 0;
            foreach (var c in set)
            {
                if (index.ChannelsOf(matched[i].Customer).Contains(c))
                {
                    share += 1.0 / index.Accessed(c);
                }
            }

            if (share > 0)
            {
                ll += Math.Log(((1 - pi) * share / set.Length) + (pi * q(matched[i]))) - background[i];
            }
        }

        return ll;
    }

    // Greedy explanation: each step adds the channel whose accesses raise the likelihood most on the records not
    // yet explained (so a channel that saw everyone gains little per record); every prefix of two or more
    // channels is a colluding-set hypothesis.
    private List<int[]> Collusions(List<SampleRecord> matched, Dictionary<int, List<int>> touched, double pi, Func<SampleRecord, double> q, double[] background, double channelBase)
    {
        var sets = new List<int[]>();
        var chosen = Extend([], matched, touched, pi, q, background, sets);
        if (chosen.Count < 2)
        {
            return sets;
        }

        // The greedy search is myopic: a partner whose segment holds two colluders' customers can come first and
        // crowd them out. Try swapping each member for another channel (then extending again) while that raises
        // prior × likelihood.
        double Score(List<int> set) => Math.Log(SetPrior(set.Count)) + SetLikelihood([.. set], matched, pi, q, background, channelBase);
        var current = chosen;
        var score = Score(current);
        for (var round = 0; round < 3; round++)
        {
            var improved = false;
            foreach (var member in current.ToList())
            {
                foreach (var (c, records) in touched)
                {
                    if (current.Contains(c) || records.Count < MinFreshRecords || index.Accessed(c) * 2 > index.Customers)
                    {
                        continue;
                    }

                    var trial = Extend([.. current.Select(m => m == member ? c : m)], matched, touched, pi, q, background, null);
                    var trialScore = Score(trial);
                    if (trialScore > score + 1e-9)
                    {
                        (current, score, improved) = (trial, trialScore, true);
                        break;
                    }
                }
            }

            if (!improved)
            {
                break;
            }
        }

        // And the other way: drop a member whose records the others already explain well enough.
        for (var dropped = true; dropped && current.Count > 2;)
        {
            dropped = false;
            foreach (var member in current.ToList())
            {
                var trial = current.Where(m => m != member).ToList();
                var trialScore = Score(trial);
                if (trialScore > score + 1e-9)
                {
                    (current, score, dropped) = (trial, trialScore, true);
                    break;
                }
            }
        }

        if (!sets.Any(x => x.Order().SequenceEqual(current.Order())))
        {
            sets.Add([.. current]);
        }

        // The posterior is only as honest as the alternatives it weighs: add every set that swaps one member for a
        // channel that also saw some of that member's records, so a colleague who could equally have supplied
        // them shares the probability instead of leaving it all to the set the search happened to find.
        var members = current.ToHashSet();
        foreach (var member in current)
        {
            var theirs = touched[member].ToHashSet();
            foreach (var (c, records) in touched)
            {
                if (members.Contains(c) || index.Accessed(c) * 2 > index.Customers || !records.Any(theirs.Contains))
                {
                    continue;
                }

                int[] neighbour = [.. current.Select(m => m == member ? c : m)];
                if (!sets.Any(x => x.Order().SequenceEqual(neighbour.Order())))
                {
                    sets.Add(neighbour);
                }
            }
        }

        return sets;
    }

    // Greedy explanation from a starting set: each step adds the channel whose accesses raise the likelihood most
    // on the records not yet explained; every set of two or more along the way goes to <paramref name="prefixes"/>.
    private List<int> Extend(List<int> start, List<SampleRecord> matched, Dictionary<int, List<int>> touched, double pi, Func<SampleRecord, double> q, double[] background, List<int[]>? prefixes)
    {
        // Records already in known leaks are obtainable elsewhere: they never make the case for another member.
        var left = new HashSet<int>(Enumerable.Range(0, matched.Count).Where(i => !matched[i].InKnownLeak));
        var chosen = new List<int>(start);
        foreach (var c in chosen)
        {
            left.ExceptWith(touched[c]);
        }

        while (left.Count > 0 && chosen.Count < MaxCollusion)
        {
            var best = -1;
            var bestGain = 0.0;
            foreach (var (c, records) in touched)
            {
                // A channel that saw most customers (an export, a bulk job) explains any sample a little and is no
                // one's accomplice in particular; it stands as a single hypothesis only.
                if (chosen.Contains(c) || index.Accessed(c) * 2 > index.Customers)
                {
                    continue;
                }

                var share = (1 - pi) / index.Accessed(c);
                double gain = 0;
                var fresh = 0;
                foreach (var i in records)
                {
                    if (left.Contains(i))
                    {
                        gain += Math.Log(share + (pi * q(matched[i]))) - background[i];
                        fresh++;
                    }
                }

                // A member must explain at least two records nobody chosen so far explains: one stray record is
                // better put down to the background than to an accomplice.
                if (fresh < MinFreshRecords && chosen.Count > 0)
                {
                    continue;
                }

                if (gain > bestGain || (gain == bestGain && best >= 0 && c < best))
                {
                    best = c;
                    bestGain = gain;
                }
            }

            if (best < 0)
            {
                break;
            }

            chosen.Add(best);
            left.ExceptWith(touched[best]);
            if (chosen.Count >= 2)
            {
                prefixes?.Add([.. chosen]);
            }
        }

        return chosen;
    }

    private static Verdict Decide(List<Hypothesis> ranked)
    {
        var top = ranked[0];
        if (top.IsNone)
        {
            return Verdict.Undetermined;
        }

        if (top.Posterior >= Threshold)
        {
            return Verdict.Attributed;
        }

        double sum = 0;
        var channels = new HashSet<int>();
        foreach (var h in ranked)
        {
            if (h.IsNone)
            {
                break;
            }

            sum += h.Posterior;
            channels.UnionWith(h.Channels);
            if (channels.Count > MaxCollusion)
            {
                break;
            }

            if (sum >= Threshold)
            {
                return Verdict.Shortlist;
            }
        }

        return Verdict.Undetermined;
    }
}
