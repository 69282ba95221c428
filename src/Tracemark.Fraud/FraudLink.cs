using Tracemark.Identifiers;
using Tracemark.Store;
using Tracemark.Store.Tags;

namespace Tracemark.Fraud;

/// <summary>One fraud type over-represented among a leak's victims.</summary>
/// <param name="Type">The fraud type.</param>
/// <param name="Victims">The leak's victims with a report of this type.</param>
/// <param name="Expected">Expected if the leak's victims had the types of all victims: victims in the leak × the type's share.</param>
/// <param name="Lift">Victims ÷ expected.</param>
/// <param name="LiftLow">Lower end of the exact 95 % interval of the lift.</param>
/// <param name="LiftHigh">Upper end.</param>
public sealed record TypeLift(FraudType Type, long Victims, double Expected, double Lift, double LiftLow, double LiftHigh);

/// <summary>What one known leak explains of the reported fraud.</summary>
/// <param name="Dataset">The leak.</param>
/// <param name="Victims">Distinct reported victims found in it.</param>
/// <param name="Expected">Victims expected in it by chance: victims × the leak's persons ÷ the population.</param>
/// <param name="Lift">Victims ÷ expected (0 when nothing is expected).</param>
/// <param name="LiftLow">Lower end of the exact 95 % Poisson interval of the victims count, ÷ expected.</param>
/// <param name="LiftHigh">Upper end.</param>
/// <param name="FraudTypes">Types over-represented among its victims (interval above 1), strongest first.</param>
/// <param name="DaysToReport">Median days from the day the leak was seen to its victims' first reports (negative: reported before it was seen); null without victims.</param>
/// <param name="LossYuan">Total loss its victims reported.</param>
public sealed record LeakLink(Dataset Dataset, long Victims, double Expected, double Lift, double LiftLow, double LiftHigh, IReadOnlyList<TypeLift> FraudTypes, int? DaysToReport, decimal LossYuan)
{
    /// <summary>The leak holds more reported victims than chance explains: the whole 95 % interval is above 1.</summary>
    public bool Connected => LiftLow > 1;
}

/// <summary>The leaks the victims of one fraudster's number or account share.</summary>
/// <param name="Contact">The number or account, masked.</param>
/// <param name="Victims">Distinct victims who reported it.</param>
/// <param name="Leaks">Each leak holding at least two of them, with how many, most first.</param>
public sealed record ContactLink(string Contact, long Victims, IReadOnlyList<(string Dataset, long Victims)> Leaks);

/// <summary>The answer of `fraud link`.</summary>
/// <param name="Reports">Reports in the store.</param>
/// <param name="Victims">Distinct victims (reports by one person count once).</param>
/// <param name="VictimsInLeaks">Victims found in at least one complete leak.</param>
/// <param name="Population">The population victims are taken to be drawn from.</param>
/// <param name="PopulationSource">Where <paramref name="Population"/> came from, in words.</param>
/// <param name="Leaks">Every complete leak, most harmful first: connected ones by excess victims, then the rest by lift.</param>
/// <param name="Contacts">Fraud contacts with at least two victims whose victims share a leak, most victims first.</param>
public sealed record LinkReport(long Reports, long Victims, long VictimsInLeaks, long Population, string PopulationSource, IReadOnlyList<LeakLink> Leaks, IReadOnlyList<ContactLink> Contacts);

/// <summary>
/// Ranks the known leaks by the reported fraud they explain (docs/fraud.md "The model"): a leak whose persons were
/// picked at random from the population would hold about victims × persons ÷ population of the victims; a leak
/// that fed the fraud holds many more.
/// </summary>
public static class FraudLink
{
    /// <summary>Kinds a report's victim is named by; the default population is counted over these.</summary>
    internal static readonly byte[] VictimKinds = [(byte)IdentifierKind.Mobile, (byte)IdentifierKind.ResidentId, (byte)IdentifierKind.Qq];

    private struct Victim
    {
        public int FirstDay;
        public long LossFen;
        public int Types; // bit per FraudType
    }

    /// <summary>Links every report in the store to every complete leak. <paramref name="population"/> overrides the default (the union of the leaks).</summary>
    public static LinkReport Link(KnownLeakStore store, long? population = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        var reports = store.FraudReports;
        var victimOf = new Dictionary<Tag, int>();
        var victims = new List<Victim>();
        var reportVictim = new Dictionary<long, int>();
        var contactVictims = new Dictionary<Tag, (string Masked, HashSet<int> Victims)>();
        long reportCount = 0;
        reports.Reports(r =>
        {
            reportCount++;
            if (!victimOf.TryGetValue(r.Victim, out var v))
            {
                victimOf[r.Victim] = v = victims.Count;
                victims.Add(new Victim { FirstDay = r.Day });
            }

            var victim = victims[v];
            victim.FirstDay = Math.Min(victim.FirstDay, r.Day);
            victim.LossFen += r.LossFen;
            victim.Types |= 1 << (int)FraudTypes.FromCode(r.FraudType);
            victims[v] = victim;
            reportVictim[r.Id] = v;
            if (r.Contact is { } c)
            {
                if (!contactVictims.TryGetValue(c, out var entry))
                {
                    contactVictims[c] = entry = (r.ContactMasked ?? "?", []);
                }

                entry.Victims.Add(v);
            }
        });

        var datasets = store.Datasets().Where(d => d.Complete).ToList();
        var index = datasets.Select((d, i) => (d.Id, i)).ToDictionary(p => p.Id, p => p.i);
        var found = datasets.Select(_ => new HashSet<int>()).ToArray();
        reports.Links((report, dataset) =>
        {
            if (reportVictim.TryGetValue(report, out var v) && index.TryGetValue(dataset, out var d))
            {
                found[d].Add(v);
            }
        });

        var (n, source) = Population(store, datasets, population);
        var total = victims.Count;
        var typeShare = new double[FraudTypes.All.Count];
        foreach (var v in victims)
        {
            for (var t = 0; t < typeShare.Length; t++)
            {
                typeShare[t] += (v.Types >> t) & 1;
            }
        }

        var leaks = new List<LeakLink>(datasets.Count);
        for (var d = 0; d < datasets.Count; d++)
        {
            leaks.Add(Leak(datasets[d], found[d], victims, total, n, typeShare));
        }

        var ranked = leaks.Where(l => l.Connected).OrderByDescending(l => l.Victims - l.Expected).ThenByDescending(l => l.LossYuan)
            .Concat(leaks.Where(l => !l.Connected).OrderByDescending(l => l.Lift).ThenByDescending(l => l.Victims))
            .ToList();
        var inLeaks = found.SelectMany(f => f).Distinct().Count();
        return new LinkReport(reportCount, total, inLeaks, n, source, ranked, Contacts(contactVictims, datasets, found));
    }

    private static LeakLink Leak(Dataset dataset, HashSet<int> found, List<Victim> victims, long total, long population, double[] typeCount)
    {
        var size = Math.Max(dataset.Persons, 1);
        var expected = total * Math.Min(1.0, (double)size / population);
        var x = found.Count;
        var (low, high) = Statistics.PoissonInterval(x);
        var lift = expected > 0 ? x / expected : 0;
        var types = new List<TypeLift>();
        var days = new List<int>(x);
        long loss = 0;
        var perType = new long[typeCount.Length];
        var seenDay = dataset.Seen.DayNumber - DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber;
        foreach (var v in found)
        {
            var victim = victims[v];
            loss += victim.LossFen;
            days.Add(victim.FirstDay - seenDay);
            for (var t = 0; t < perType.Length; t++)
            {
                perType[t] += (victim.Types >> t) & 1;
            }
        }

        for (var t = 0; t < perType.Length; t++)
        {
            if (perType[t] == 0 || total == 0)
            {
                continue;
            }

            // Conditional on the leak's victims: would this many of them have type t if they were like all victims?
            var e = x * typeCount[t] / total;
            var (tl, th) = Statistics.PoissonInterval(perType[t]);
            if (tl / e > 1)
            {
                types.Add(new TypeLift((FraudType)t, perType[t], e, perType[t] / e, tl / e, th / e));
            }
        }

        days.Sort();
        int? median = days.Count == 0 ? null : days[days.Count / 2];
        return new LeakLink(dataset, x, expected, lift, expected > 0 ? low / expected : 0, expected > 0 ? high / expected : 0,
            [.. types.OrderByDescending(t => t.LiftLow)], median, loss / 100m);
    }

    // The union of all leaks, counted as the largest number of distinct values of any one kind a victim is named by:
    // a person has one mobile, one ID, but may lack either, so this is a lower bound of the persons in the union.
    // A smaller population makes more victims expected by chance, so the lift errs low, not high.
    private static (long, string) Population(KnownLeakStore store, List<Dataset> datasets, long? given)
    {
        var largest = datasets.Count == 0 ? 1 : datasets.Max(d => d.Persons);
        if (given is { } g)
        {
            return g < largest
                ? (largest, $"--population {g:N0} is smaller than the largest leak; {largest:N0} (that leak's persons) used")
                : (g, "--population");
        }

        var distinct = store.FraudReports.DistinctTags(VictimKinds);
        var (kind, count) = distinct.MaxBy(kv => kv.Value);
        var union = Math.Max(count, largest);
        return (Math.Max(union, 1), $"the union of the {datasets.Count} known leak(s): {union:N0} distinct {((IdentifierKind)kind).Label()}s");
    }

    private static List<ContactLink> Contacts(Dictionary<Tag, (string Masked, HashSet<int> Victims)> contacts, List<Dataset> datasets, HashSet<int>[] found)
    {
        var links = new List<ContactLink>();
        foreach (var (masked, victims) in contacts.Values)
        {
            if (victims.Count < 2)
            {
                continue;
            }

            var shared = new List<(string, long)>();
            for (var d = 0; d < datasets.Count; d++)
            {
                var n = victims.Count(found[d].Contains);
                if (n >= 2)
                {
                    shared.Add((datasets[d].Name, n));
                }
            }

            if (shared.Count > 0)
            {
                links.Add(new ContactLink(masked, victims.Count, [.. shared.OrderByDescending(s => s.Item2)]));
            }
        }

        return [.. links.OrderByDescending(l => l.Victims).ThenBy(l => l.Contact, StringComparer.Ordinal)];
    }
}
