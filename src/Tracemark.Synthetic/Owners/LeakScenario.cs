namespace Tracemark.Synthetic.Owners;

/// <summary>The injected leaks of issue 5, each with its ground truth.</summary>
public enum ScenarioKind
{
    /// <summary>One employee copies customers it viewed.</summary>
    SingleInsider,
    /// <summary>An employee account rented to a broker: bulk look-ups across its outlet, off-hours.</summary>
    RentedAccount,
    /// <summary>2–5 employees merge what they saw.</summary>
    Colluding,
    /// <summary>A back-office admin copies customers: indistinguishable from the other admins without canaries.</summary>
    AdminCopy,
    /// <summary>A partner's export leaks.</summary>
    PartnerExport,
    /// <summary>The leak did not come through any channel (another breach): no channel should be accused.</summary>
    Null,
}

/// <summary>Scenario kinds as they are written in files and shown to people.</summary>
public static class ScenarioKinds
{
    /// <summary>The kind's name in files and output: `admin-copy`, `single-insider`, `null`.</summary>
    public static string Code(this ScenarioKind kind) =>
        string.Concat(kind.ToString().Select((c, i) => i > 0 && char.IsUpper(c) ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}

/// <summary>A sampled record: the owner's customer (-1 when not the owner's) and whether it is in an older leak.</summary>
public readonly record struct LeakedRecord(int Customer, bool InKnownLeak);

/// <summary>A leak sample and who really leaked it.</summary>
/// <param name="Kind">The scenario.</param>
/// <param name="Truth">The leaking channels; empty for the null scenario.</param>
/// <param name="Sample">The records a seller would show.</param>
/// <param name="Contamination">Share of records from elsewhere (older leaks or not the owner's customers).</param>
/// <param name="ExtraAccess">Customers the truth channel accessed for this leak only (a rented account's bulk look-ups); to be added to its accesses.</param>
public sealed record LeakScenario(ScenarioKind Kind, IReadOnlyList<int> Truth, IReadOnlyList<LeakedRecord> Sample, double Contamination, IReadOnlyList<int> ExtraAccess)
{
    /// <summary>
    /// Draws a scenario: the leaker's records (repeats removed, like a seller's deduplicated sample), then the
    /// contamination: half from older leaks, half people who are not the owner's customers.
    /// </summary>
    public static LeakScenario Draw(OwnerWorld world, ScenarioKind kind, int size, double contamination, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(world);
        var rng = new SynthRandom(seed, 0x5ce0, (ulong)kind);
        var n = world.Options.Customers;
        var employees = world.Channels.Where(c => c.Kind == ChannelKind.Employee).ToList();
        int[] truth;
        int[] pool;
        var extra = Array.Empty<int>();
        switch (kind)
        {
            case ScenarioKind.SingleInsider:
                truth = [rng.Pick(employees).Id];
                pool = world.Accessed[truth[0]];
                break;
            case ScenarioKind.RentedAccount:
                {
                    var account = rng.Pick(employees);
                    truth = [account.Id];
                    var perOutlet = n / world.Options.Outlets;
                    var bulk = new HashSet<int>();
                    while (bulk.Count < perOutlet / 2)
                    {
                        bulk.Add((account.Unit * perOutlet) + rng.Next(perOutlet));
                    }

                    extra = [.. bulk.Order()];
                    pool = extra;
                    break;
                }

            case ScenarioKind.Colluding:
                {
                    var members = new HashSet<int>();
                    var count = rng.Next(2, 6);
                    while (members.Count < count)
                    {
                        members.Add(rng.Pick(employees).Id);
                    }

                    truth = [.. members.Order()];
                    pool = [.. truth.SelectMany(m => world.Accessed[m]).Distinct()];
                    break;
                }

            case ScenarioKind.AdminCopy:
                {
                    var admins = world.Channels.Where(c => c.Kind == ChannelKind.Admin).ToList();
                    truth = [rng.Pick(admins).Id];
                    pool = world.Accessed[truth[0]];
                    break;
                }

            case ScenarioKind.PartnerExport:
                {
                    var partners = world.Channels.Where(c => c.Kind == ChannelKind.Partner).ToList();
                    truth = [rng.Pick(partners).Id];
                    pool = world.Accessed[truth[0]];
                    break;
                }

            default:
                truth = [];
                pool = [.. Enumerable.Range(0, n)];
                break;
        }

        var sample = new List<LeakedRecord>();
        var used = new HashSet<int>();
        var fromLeaker = (int)Math.Round(size * (1 - contamination));
        if (kind == ScenarioKind.Colluding)
        {
            // Each member contributes a share, so the merged sample needs every member to explain it.
            var perMember = Math.Max(1, fromLeaker / truth.Length);
            foreach (var m in truth)
            {
                var added = 0;
                for (var tries = 0; added < perMember && tries < perMember * 20; tries++)
                {
                    var customer = rng.Pick(world.Accessed[m]);
                    if (used.Add(customer))
                    {
                        sample.Add(new LeakedRecord(customer, world.InKnownLeak[customer]));
                        added++;
                    }
                }
            }
        }
        else
        {
            for (var tries = 0; sample.Count < fromLeaker && tries < fromLeaker * 20; tries++)
            {
                var customer = rng.Pick(pool);
                if (used.Add(customer))
                {
                    sample.Add(new LeakedRecord(customer, world.InKnownLeak[customer]));
                }
            }
        }

        var knownPool = Enumerable.Range(0, n).Where(i => world.InKnownLeak[i]).ToArray();
        while (sample.Count < size)
        {
            if (rng.Chance(0.5) && knownPool.Length > 0)
            {
                var customer = rng.Pick(knownPool);
                if (used.Add(customer))
                {
                    sample.Add(new LeakedRecord(customer, true));
                }
            }
            else
            {
                sample.Add(new LeakedRecord(-1, false));
            }
        }

        // A seller's sample comes in no telling order.
        for (var i = sample.Count - 1; i > 0; i--)
        {
            var j = rng.Next(i + 1);
            (sample[i], sample[j]) = (sample[j], sample[i]);
        }

        return new LeakScenario(kind, truth, sample, contamination, extra);
    }
}
