namespace Tracemark.Synthetic.Owners;

/// <summary>What kind of access a channel is (issue 5).</summary>
public enum ChannelKind
{
    /// <summary>An outlet employee's account: sees the customers of its route, some others of its outlet.</summary>
    Employee,
    /// <summary>A back-office administrator: sees customers across every outlet.</summary>
    Admin,
    /// <summary>A partner receiving batch exports of its segment.</summary>
    Partner,
    /// <summary>An API client querying customers.</summary>
    Api,
    /// <summary>A scheduled export of the whole customer table.</summary>
    Export,
}

/// <summary>One way customer data leaves the owner's systems.</summary>
/// <param name="Id">Dense index.</param>
/// <param name="Name">Stable name, e.g. "emp-outlet07-12", "admin-2", "partner-3".</param>
/// <param name="Kind">The kind of channel.</param>
/// <param name="Unit">The outlet an employee belongs to; -1 for others.</param>
public sealed record OwnerChannel(int Id, string Name, ChannelKind Kind, int Unit);

/// <summary>Sizes of a synthetic owner (defaults: a courier as issue 5 describes).</summary>
public sealed record OwnerOptions
{
    /// <summary>Customers.</summary>
    public int Customers { get; init; } = 200_000;

    /// <summary>Outlets; customers are split among them.</summary>
    public int Outlets { get; init; } = 50;

    /// <summary>Employee accounts per outlet, each with its route (an equal share of the outlet's customers).</summary>
    public int EmployeesPerOutlet { get; init; } = 40;

    /// <summary>Back-office administrators.</summary>
    public int Admins { get; init; } = 3;

    /// <summary>Partners, each exported one contiguous segment of customers.</summary>
    public int Partners { get; init; } = 5;

    /// <summary>API clients.</summary>
    public int ApiClients { get; init; } = 5;

    /// <summary>Days of activity the accesses cover.</summary>
    public int Days { get; init; } = 30;

    /// <summary>Share of customers already in older leaks from elsewhere.</summary>
    public double KnownLeakShare { get; init; } = 0.05;
}

/// <summary>
/// A synthetic data owner: customers, channels and which customers each channel accessed. Employees work routes
/// (about 90 % of their views), plus outlet-wide look-ups; admins look up customers anywhere; partners hold their
/// exported segment; API clients query at random; one scheduled export holds everything. Deterministic per seed.
/// </summary>
public sealed class OwnerWorld
{
    private OwnerWorld(OwnerOptions options, List<OwnerChannel> channels, List<int[]> accessed, bool[] known, int[] outletOf)
    {
        Options = options;
        Channels = channels;
        Accessed = accessed;
        InKnownLeak = known;
        OutletOf = outletOf;
    }

    public OwnerOptions Options { get; }

    /// <summary>Every channel, indexed by its id.</summary>
    public IReadOnlyList<OwnerChannel> Channels { get; }

    /// <summary>Per channel, the distinct customers it accessed, ascending.</summary>
    public IReadOnlyList<int[]> Accessed { get; }

    /// <summary>Per customer: present in an older leak from elsewhere.</summary>
    public IReadOnlyList<bool> InKnownLeak { get; }

    /// <summary>Per customer: its outlet.</summary>
    public IReadOnlyList<int> OutletOf { get; }

    public static OwnerWorld Generate(OwnerOptions options, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(options);
        var rng = new SynthRandom(seed, 0x0_0e_4e_12, 0);
        var n = options.Customers;
        var outletOf = new int[n];
        for (var i = 0; i < n; i++)
        {
            outletOf[i] = (int)((long)i * options.Outlets / n);
        }

        var known = new bool[n];
        for (var i = 0; i < n; i++)
        {
            known[i] = rng.Chance(options.KnownLeakShare);
        }

        var channels = new List<OwnerChannel>();
        var accessed = new List<int[]>();
        void Add(string name, ChannelKind kind, int unit, HashSet<int> customers)
        {
            channels.Add(new OwnerChannel(channels.Count, name, kind, unit));
            accessed.Add([.. customers.Order()]);
        }

        var perOutlet = n / options.Outlets;
        for (var o = 0; o < options.Outlets; o++)
        {
            var first = o * perOutlet;
            var routeSize = perOutlet / options.EmployeesPerOutlet;
            for (var e = 0; e < options.EmployeesPerOutlet; e++)
            {
                var seen = new HashSet<int>();
                var routeStart = first + (e * routeSize);
                var views = options.Days * rng.Next(15, 40);
                for (var v = 0; v < views; v++)
                {
                    seen.Add(rng.Chance(0.9) ? routeStart + rng.Next(routeSize) : first + rng.Next(perOutlet));
                }

                Add($"emp-outlet{o:D2}-{e:D2}", ChannelKind.Employee, o, seen);
            }
        }

        for (var a = 0; a < options.Admins; a++)
        {
            var seen = new HashSet<int>();
            var views = options.Days * rng.Next(1000, 3000);
            for (var v = 0; v < views; v++)
            {
                seen.Add(rng.Next(n));
            }

            Add($"admin-{a + 1}", ChannelKind.Admin, -1, seen);
        }

        for (var p = 0; p < options.Partners; p++)
        {
            var size = Math.Max(1, n / 20); // a segment: 10,000 of a 200,000-customer base
            var start = rng.Next(Math.Max(1, n - size));
            Add($"partner-{p + 1}", ChannelKind.Partner, -1, [.. Enumerable.Range(start, size)]);
        }

        for (var c = 0; c < options.ApiClients; c++)
        {
            var seen = new HashSet<int>();
            for (var v = 0; v < 5_000; v++)
            {
                seen.Add(rng.Next(n));
            }

            Add($"api-client-{c + 1}", ChannelKind.Api, -1, seen);
        }

        Add("export-nightly", ChannelKind.Export, -1, [.. Enumerable.Range(0, n)]);
        return new OwnerWorld(options, channels, accessed, known, outletOf);
    }
}
