using System.Globalization;
using System.Text;

namespace Tracemark.Synthetic.Owners;

/// <summary>Sizes and behaviour of a simulated owner's access log with insider episodes (issue 19).</summary>
public sealed record InsiderOptions
{
    /// <summary>Days the log covers (from Monday 2025-09-01).</summary>
    public int Days { get; init; } = 56;

    /// <summary>Outlets; each has routes, employees on the routes and one supervisor.</summary>
    public int Outlets { get; init; } = 8;

    /// <summary>Routes per outlet.</summary>
    public int RoutesPerOutlet { get; init; } = 5;

    /// <summary>Employee accounts per outlet (each works one route).</summary>
    public int EmployeesPerOutlet { get; init; } = 8;

    /// <summary>Customers per route.</summary>
    public int CustomersPerRoute { get; init; } = 400;

    /// <summary>Customer-service agents (unit `cs-center`: look customers up anywhere).</summary>
    public int ServiceAgents { get; init; } = 4;

    /// <summary>Back-office administrators (unit `hq`).</summary>
    public int Admins { get; init; } = 2;

    /// <summary>Partner API clients (unit `external`) looking customers up around the clock.</summary>
    public int ApiClients { get; init; } = 3;

    /// <summary>An employee's usual views a day are drawn from this range.</summary>
    public (int Min, int Max) EmployeeViews { get; init; } = (15, 40);

    /// <summary>Share of employees working nights (20:00–06:00).</summary>
    public double NightShiftShare { get; init; } = 0.1;

    /// <summary>Share of an employee's views outside its outlet (deliveries handed over, look-ups for colleagues).</summary>
    public double StrayShare { get; init; } = 0.02;

    /// <summary>How much every human channel's volume is multiplied in the peak season (one week).</summary>
    public double PeakFactor { get; init; } = 3.0;

    /// <summary>How much the episodes' intensities are scaled (1 = the middle of the issue's ranges).</summary>
    public double Intensity { get; init; } = 1.0;

    /// <summary>Rows of the nightly reconciliation export.</summary>
    public int NightlyExport { get; init; } = 3000;

    /// <summary>A second, differently parameterised owner: other sizes, shifts, season and episode strengths, for checking a detector tuned on the first.</summary>
    public static InsiderOptions Alternate { get; } = new()
    {
        Days = 70,
        Outlets = 12,
        RoutesPerOutlet = 4,
        EmployeesPerOutlet = 6,
        CustomersPerRoute = 300,
        ServiceAgents = 6,
        Admins = 3,
        ApiClients = 4,
        EmployeeViews = (8, 60),
        NightShiftShare = 0.2,
        StrayShare = 0.04,
        PeakFactor = 2.5,
        Intensity = 0.8,
        NightlyExport = 5000,
    };
}

/// <summary>How a channel was used in one access row.</summary>
public enum AccessAction : byte
{
    /// <summary>A customer record opened.</summary>
    View,
    /// <summary>A search hit opened.</summary>
    Search,
    /// <summary>A row of a batch export.</summary>
    Export,
    /// <summary>An API look-up.</summary>
    Api,
}

/// <summary>One simulated access: Unix seconds, channel and customer indices, device and IP numbers.</summary>
public readonly record struct SimulatedAccess(long Time, int Channel, int Customer, AccessAction Action, int Device, int Ip);

/// <summary>A channel of the simulated owner as channels.csv shows it (the current HR snapshot).</summary>
/// <param name="Name">channel_id.</param>
/// <param name="Kind">employee, admin, partner, api or export (as docs/owner-data.md).</param>
/// <param name="Unit">The unit in force now (a transferred employee shows the new one).</param>
/// <param name="ActiveFrom">First day of the account.</param>
public sealed record SimulatedChannel(string Name, string Kind, string Unit, DateOnly ActiveFrom);

/// <summary>An insider episode or a hard negative, with the channels it concerns and its span.</summary>
/// <param name="Kind">rented_account, bulk_copy, slow_exfiltration, scraping, out_of_scope, collusion, canary; negatives: peak_season, new_employee, transfer, night_shift, nightly_export, supervisor, phone_replacement.</param>
/// <param name="Channels">Channel names.</param>
/// <param name="From">Start (UTC, as written to access.csv).</param>
/// <param name="To">End.</param>
/// <param name="Slow">A weeks-long episode (low-and-slow, collusion): judged against a 7-day delay target rather than 12 hours.</param>
/// <param name="Detail">What was simulated, in words.</param>
public sealed record InsiderEpisode(string Kind, IReadOnlyList<string> Channels, DateTimeOffset From, DateTimeOffset To, bool Slow, string Detail);

/// <summary>
/// A simulated owner's access log for `tracemark guard` (issue 19): a courier's outlets, routes, employees,
/// supervisors, service agents, admins, partner APIs and a nightly reconciliation export, with insider episodes of
/// every kind the issue lists and hard negatives that must not alert. Deterministic per seed; rows in time order.
/// </summary>
public sealed class InsiderLog
{
    /// <summary>Day 0 of every log: a Monday.</summary>
    public static readonly DateTimeOffset Start = new(2025, 9, 1, 0, 0, 0, TimeSpan.Zero);

    private InsiderLog(InsiderOptions options, List<SimulatedChannel> channels, string[] units, List<SimulatedAccess> accesses, List<InsiderEpisode> episodes, List<InsiderEpisode> negatives, Dictionary<int, int> canaries, int devices)
    {
        Options = options;
        Channels = channels;
        CustomerUnits = units;
        Accesses = accesses;
        Episodes = episodes;
        Negatives = negatives;
        Canaries = canaries;
        Devices = devices;
    }

    public InsiderOptions Options { get; }

    public IReadOnlyList<SimulatedChannel> Channels { get; }

    /// <summary>Per customer index: its unit (outlet/route).</summary>
    public IReadOnlyList<string> CustomerUnits { get; }

    /// <summary>Every access, in time order.</summary>
    public IReadOnlyList<SimulatedAccess> Accesses { get; }

    /// <summary>The insider episodes: what a guard must catch.</summary>
    public IReadOnlyList<InsiderEpisode> Episodes { get; }

    /// <summary>The hard negatives: what a guard must not alert on.</summary>
    public IReadOnlyList<InsiderEpisode> Negatives { get; }

    /// <summary>Canary customer index → the channel it was planted for.</summary>
    public IReadOnlyDictionary<int, int> Canaries { get; }

    /// <summary>Distinct devices (and IPs) numbered so far.</summary>
    public int Devices { get; }

    /// <summary>The customer number written to the files.</summary>
    public static string CustomerId(int customer) => string.Create(CultureInfo.InvariantCulture, $"C{customer + 1:D7}");

    /// <summary>Channel-days the log covers (each channel from its first day), the denominator of false alerts per 1,000 channel-days.</summary>
    public long ChannelDays => Channels.Sum(c => (long)Math.Max(0, Options.Days - (c.ActiveFrom.DayNumber - DateOnly.FromDateTime(Start.UtcDateTime).DayNumber)));

    public static InsiderLog Generate(InsiderOptions options, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new Builder(options, seed).Build();
    }

    /// <summary>
    /// Writes channels.csv, customers.csv (with unit), access.csv (time order), canaries.csv (customer_id, channel_id)
    /// and guard-truth.json into <paramref name="folder"/>; customers' identifiers are people of a seeded population.
    /// guard-truth.json is written by <paramref name="writeTruth"/> (the CLI's Tracemark.Reports record, which this
    /// layer may not reference); without it no truth file is written.
    /// </summary>
    public void Write(string folder, ulong seed, Action<InsiderLog, Stream>? writeTruth = null)
    {
        Directory.CreateDirectory(folder);
        var people = new Population((long)seed, CustomerUnits.Count + 10L);
        using (var w = Writer(Path.Combine(folder, "channels.csv")))
        {
            w.WriteLine("channel_id,kind,unit,active_from,active_to");
            foreach (var c in Channels)
            {
                w.WriteLine($"{c.Name},{c.Kind},{c.Unit},{c.ActiveFrom:yyyy-MM-dd},");
            }
        }

        using (var w = Writer(Path.Combine(folder, "customers.csv")))
        {
            w.WriteLine("customer_id,name,mobile,cn_id,unit");
            for (var i = 0; i < CustomerUnits.Count; i++)
            {
                var p = people.Get(i);
                w.WriteLine($"{CustomerId(i)},{p.Name},{p.Mobile},{p.ResidentId},{CustomerUnits[i]}");
            }
        }

        using (var w = Writer(Path.Combine(folder, "canaries.csv")))
        {
            w.WriteLine("customer_id,channel_id");
            foreach (var (customer, channel) in Canaries.OrderBy(c => c.Key))
            {
                w.WriteLine($"{CustomerId(customer)},{Channels[channel].Name}");
            }
        }

        using (var w = Writer(Path.Combine(folder, "access.csv")))
        {
            w.WriteLine("time,channel_id,customer_id,action,device,ip");
            foreach (var a in Accesses)
            {
                w.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{DateTimeOffset.FromUnixTimeSeconds(a.Time):yyyy-MM-ddTHH:mm:ss},{Channels[a.Channel].Name},{CustomerId(a.Customer)},{a.Action.ToString().ToLowerInvariant()},d-{a.Device:x4},{Ip(a.Ip)}"));
            }
        }

        if (writeTruth is not null)
        {
            using var truth = File.Create(Path.Combine(folder, "guard-truth.json"));
            writeTruth(this, truth);
        }
    }

    /// <summary>The IP address written for an IP number.</summary>
    public static string Ip(int ip) => ip >= 100_000
        ? string.Create(CultureInfo.InvariantCulture, $"203.0.113.{ip % 250}")
        : string.Create(CultureInfo.InvariantCulture, $"10.{ip / 62_500 % 250}.{ip / 250 % 250}.{ip % 250}");

    private static StreamWriter Writer(string path) => new(path, false, new UTF8Encoding(false), 1 << 16);

    private sealed class Builder(InsiderOptions o, ulong seed)
    {
        private const long Day = 86_400;
        private readonly List<SimulatedChannel> _channels = [];
        private readonly List<SimulatedAccess> _rows = [];
        private readonly List<InsiderEpisode> _episodes = [];
        private readonly List<InsiderEpisode> _negatives = [];
        private readonly Dictionary<int, int> _canaries = [];
        private SynthRandom _rng = new(seed, 0x9_0a_4d, 0);
        private int _devices;
        private string[] _units = [];

        // Per human channel: home outlet and route, views a day, night shift, device and IP.
        private readonly List<Worker> _workers = [];

        // Canaries are customers of their own, after the real ones: nobody's routine reaches them.
        private const int Planted = 5;

        private int Customers => o.Outlets * o.RoutesPerOutlet * o.CustomersPerRoute;

        private int RouteStart(int outlet, int route) => ((outlet * o.RoutesPerOutlet) + route) * o.CustomersPerRoute;

        private double I(double low, double high) => (low + (_rng.NextDouble() * (high - low))) * o.Intensity + (1 - o.Intensity) * low;

        public InsiderLog Build()
        {
            _units = new string[Customers + Planted];
            for (var outlet = 0; outlet < o.Outlets; outlet++)
            {
                for (var route = 0; route < o.RoutesPerOutlet; route++)
                {
                    for (var k = 0; k < o.CustomersPerRoute; k++)
                    {
                        _units[RouteStart(outlet, route) + k] = $"outlet-{outlet + 1:D2}/route-{route + 1:D2}";
                    }
                }
            }

            AddChannels();
            var peak = 21 + _rng.Next(Math.Max(1, o.Days - 35));
            _negatives.Add(new InsiderEpisode("peak_season", ["*"], At(peak), At(peak + 7), false, $"every channel's volume ×{o.PeakFactor:0.0} for a week"));
            Negatives();
            for (var w = 0; w < _workers.Count; w++)
            {
                Routine(w, peak);
            }

            Episodes();
            _rows.Sort((a, b) => a.Time != b.Time ? a.Time.CompareTo(b.Time) : a.Channel != b.Channel ? a.Channel.CompareTo(b.Channel) : a.Customer.CompareTo(b.Customer));
            return new InsiderLog(o, _channels, _units, _rows, _episodes, _negatives, _canaries, _devices);
        }

        private static DateTimeOffset At(double day) => Start.AddSeconds(day * Day);

        private sealed class Worker
        {
            public required int Channel { get; init; }

            public required string Role { get; init; }

            public int Outlet { get; set; }

            public int Route { get; set; }

            public double Views { get; set; }

            public bool Night { get; set; }

            public int Device { get; set; }

            public int Ip { get; set; }

            public int FirstDay { get; set; }

            /// <summary>Day of a transfer to <see cref="ToOutlet"/>; −1 for none.</summary>
            public int TransferDay { get; set; } = -1;

            public int ToOutlet { get; set; }

            public int NewDeviceDay { get; set; } = -1;
        }

        private int NewDevice() => ++_devices;

        private void AddChannels()
        {
            for (var outlet = 0; outlet < o.Outlets; outlet++)
            {
                for (var e = 0; e < o.EmployeesPerOutlet; e++)
                {
                    var route = e % o.RoutesPerOutlet;
                    Human($"emp-{outlet + 1:D2}-{e + 1:D2}", "employee", $"outlet-{outlet + 1:D2}/route-{route + 1:D2}", "employee", outlet, route, _rng.Next(o.EmployeeViews.Min, o.EmployeeViews.Max + 1), _rng.Chance(o.NightShiftShare));
                }

                Human($"sup-{outlet + 1:D2}", "employee", $"outlet-{outlet + 1:D2}", "supervisor", outlet, -1, _rng.Next(40, 90), false);
            }

            for (var a = 0; a < o.ServiceAgents; a++)
            {
                Human($"cs-{a + 1:D2}", "employee", "cs-center", "service", -1, -1, _rng.Next(100, 200), false);
            }

            for (var a = 0; a < o.Admins; a++)
            {
                Human($"admin-{a + 1}", "admin", "hq", "admin", -1, -1, _rng.Next(150, 400), false);
            }

            for (var a = 0; a < o.ApiClients; a++)
            {
                Human($"api-partner-{a + 1}", "api", "external", "api", -1, -1, _rng.Next(800, 2000), false);
            }

            Human("export-nightly", "export", "hq", "export", -1, -1, o.NightlyExport, false);
        }

        private void Human(string name, string kind, string unit, string role, int outlet, int route, double views, bool night)
        {
            var id = _channels.Count;
            _channels.Add(new SimulatedChannel(name, kind, unit, DateOnly.FromDateTime(Start.UtcDateTime)));
            _workers.Add(new Worker { Channel = id, Role = role, Outlet = outlet, Route = route, Views = views, Night = night, Device = NewDevice(), Ip = 1000 + (Math.Max(outlet, 0) * 250) + id });
        }

        private List<int> Employees(Func<Worker, bool>? where = null) =>
            [.. _workers.Where(w => w.Role == "employee" && w.TransferDay < 0 && w.NewDeviceDay < 0 && w.FirstDay == 0 && (where?.Invoke(w) ?? true)).Select(w => w.Channel)];

        private readonly HashSet<int> _used = [];

        // An employee not yet given a part in an episode or negative.
        private int FreshEmployee(Func<Worker, bool>? where = null)
        {
            var pool = Employees(w => !_used.Contains(w.Channel) && !w.Night && (where?.Invoke(w) ?? true));
            var c = pool[_rng.Next(pool.Count)];
            _used.Add(c);
            return c;
        }

        private void Negatives()
        {
            // A new employee: joins mid-log on a route of its outlet, no history.
            for (var k = 0; k < 2; k++)
            {
                var outlet = _rng.Next(o.Outlets);
                var route = _rng.Next(o.RoutesPerOutlet);
                var day = 14 + _rng.Next(o.Days - 21);
                var id = _channels.Count;
                _channels.Add(new SimulatedChannel($"emp-{outlet + 1:D2}-n{k + 1}", "employee", $"outlet-{outlet + 1:D2}/route-{route + 1:D2}", DateOnly.FromDateTime(At(day).UtcDateTime)));
                _workers.Add(new Worker { Channel = id, Role = "employee", Outlet = outlet, Route = route, Views = _rng.Next(o.EmployeeViews.Min, o.EmployeeViews.Max + 1), Device = NewDevice(), Ip = 1000 + (outlet * 250) + id, FirstDay = day });
                _used.Add(id);
                _negatives.Add(new InsiderEpisode("new_employee", [_channels[id].Name], At(day), At(o.Days), false, "joins without history"));
            }

            // A transfer: channels.csv shows the new outlet; the log before the move is in the old one.
            for (var k = 0; k < 2; k++)
            {
                var c = FreshEmployee();
                var w = _workers[c];
                var to = (w.Outlet + 1 + _rng.Next(o.Outlets - 1)) % o.Outlets;
                var day = 14 + _rng.Next(o.Days - 21);
                w.TransferDay = day;
                w.ToOutlet = to;
                _channels[c] = _channels[c] with { Unit = $"outlet-{to + 1:D2}/route-{w.Route + 1:D2}" };
                _negatives.Add(new InsiderEpisode("transfer", [_channels[c].Name], At(day), At(o.Days), false, $"moves from outlet-{w.Outlet + 1:D2} to outlet-{to + 1:D2}"));
            }

            // A phone replacement: a new device from one day on, at normal volume and hours.
            for (var k = 0; k < 3; k++)
            {
                var c = FreshEmployee();
                var day = 7 + _rng.Next(o.Days - 10);
                _workers[c].NewDeviceDay = day;
                _negatives.Add(new InsiderEpisode("phone_replacement", [_channels[c].Name], At(day), At(o.Days), false, "new device, normal volume"));
            }

            foreach (var w in _workers.Where(w => w.Night))
            {
                _negatives.Add(new InsiderEpisode("night_shift", [_channels[w.Channel].Name], Start, At(o.Days), false, "works 20:00–06:00"));
            }

            foreach (var w in _workers.Where(w => w.Role == "supervisor").Take(2))
            {
                _negatives.Add(new InsiderEpisode("supervisor", [_channels[w.Channel].Name], Start, At(o.Days), false, "sees the whole outlet"));
            }

            _negatives.Add(new InsiderEpisode("nightly_export", ["export-nightly"], Start, At(o.Days), false, $"{o.NightlyExport:N0} rows every night at 02:00"));
        }

        private double DayFactor(int day, int peak) =>
            ((day % 7) switch { 5 => 0.6, 6 => 0.4, _ => 1.0 }) * (day >= peak && day < peak + 7 ? o.PeakFactor : 1.0);

        private int Poisson(double mean)
        {
            if (mean > 30)
            {
                return Math.Max(0, (int)Math.Round(mean + (Gaussian() * Math.Sqrt(mean))));
            }

            var l = Math.Exp(-mean);
            var k = 0;
            var p = _rng.NextDouble();
            while (p > l)
            {
                k++;
                p *= _rng.NextDouble();
            }

            return k;
        }

        private double Gaussian() => Math.Sqrt(-2 * Math.Log(1 - _rng.NextDouble())) * Math.Cos(2 * Math.PI * _rng.NextDouble());

        private void Add(long time, int channel, int customer, AccessAction action, int device, int ip) =>
            _rows.Add(new SimulatedAccess(time, channel, customer, action, device, ip));

        // A working moment of the day: day shift 08:00–18:00, night shift 20:00–06:00.
        private long When(int day, bool night) => night
            ? (long)(((day + 0.833) * Day) + _rng.NextLong(10 * 3600))
            : (long)(((day + 0.333) * Day) + _rng.NextLong(10 * 3600));

        private static long T(long offset) => Start.ToUnixTimeSeconds() + offset;

        private void Routine(int index, int peak)
        {
            var w = _workers[index];
            var c = w.Channel;
            for (var day = w.FirstDay; day < o.Days; day++)
            {
                var outlet = w.TransferDay >= 0 && day >= w.TransferDay ? w.ToOutlet : w.Outlet;
                var device = w.NewDeviceDay >= 0 && day >= w.NewDeviceDay ? w.Device + 50_000 : w.Device;
                switch (w.Role)
                {
                    case "export":
                        var from = _rng.Next(Customers);
                        for (var k = 0; k < (int)w.Views; k++)
                        {
                            Add(T((day * Day) + (2 * 3600)), c, (from + (k * 7)) % Customers, AccessAction.Export, w.Device, w.Ip);
                        }

                        continue;
                    case "api":
                        for (var k = Poisson(w.Views); k > 0; k--)
                        {
                            Add(T((day * Day) + _rng.NextLong(Day)), c, _rng.Next(Customers), AccessAction.Api, w.Device, w.Ip);
                        }

                        continue;
                }

                var n = Poisson(w.Views * DayFactor(day, peak));
                for (var k = 0; k < n; k++)
                {
                    int customer;
                    if (w.Role is "service" or "admin")
                    {
                        customer = _rng.Next(Customers);
                    }
                    else if (w.Role == "supervisor")
                    {
                        customer = RouteStart(outlet, 0) + _rng.Next(o.RoutesPerOutlet * o.CustomersPerRoute);
                    }
                    else
                    {
                        var roll = _rng.NextDouble();
                        customer = roll < o.StrayShare ? _rng.Next(Customers)
                            : roll < 0.9 ? RouteStart(outlet, w.Route) + _rng.Next(o.CustomersPerRoute)
                            : RouteStart(outlet, 0) + _rng.Next(o.RoutesPerOutlet * o.CustomersPerRoute);
                    }

                    Add(T(When(day, w.Night)), c, customer, _rng.Chance(0.75) ? AccessAction.View : AccessAction.Search, device, w.Ip);
                }

                // Admins now and then export a small report (a few dozen to a few hundred rows): not a bulk copy.
                if (w.Role == "admin" && _rng.Chance(0.15))
                {
                    var at = T(When(day, false));
                    var start = _rng.Next(Customers);
                    for (var k = _rng.Next(30, 300); k > 0; k--)
                    {
                        Add(at, c, (start + (k * 13)) % Customers, AccessAction.Export, w.Device, w.Ip);
                    }
                }
            }
        }

        private void Episode(string kind, int[] channels, long from, long to, bool isLong, string detail) =>
            _episodes.Add(new InsiderEpisode(kind, [.. channels.Select(c => _channels[c].Name)], DateTimeOffset.FromUnixTimeSeconds(from), DateTimeOffset.FromUnixTimeSeconds(to), isLong, detail));

        private int EpisodeDay(int minLength) => 10 + _rng.Next(Math.Max(1, o.Days - 10 - minLength));

        private int OtherOutletCustomer(int outlet)
        {
            var other = (outlet + 1 + _rng.Next(o.Outlets - 1)) % o.Outlets;
            return RouteStart(other, 0) + _rng.Next(o.RoutesPerOutlet * o.CustomersPerRoute);
        }

        private void Episodes()
        {
            // Rented accounts: a broker works the account at night from its own phone and network.
            for (var k = 0; k < 3; k++)
            {
                var subtle = k > 0;
                var c = FreshEmployee();
                var w = _workers[c];
                var day = EpisodeDay(3);
                var nights = 1 + _rng.Next(3);
                var factor = subtle ? I(2, 3) : I(5, 10);
                var device = NewDevice() + 60_000;
                var ip = 100_000 + _rng.Next(250);
                long first = long.MaxValue, last = 0;
                for (var d = 0; d < nights; d++)
                {
                    var n = (int)(w.Views * factor);
                    var begin = ((day + d) * Day) + (subtle ? 23 : 22) * 3600;
                    var span = subtle ? 3 * 3600 : 6 * 3600;
                    for (var i = 0; i < n; i++)
                    {
                        var t = T(begin + _rng.NextLong(span));
                        var customer = !subtle && _rng.Chance(0.6) ? OtherOutletCustomer(w.Outlet) : RouteStart(w.Outlet, 0) + _rng.Next(o.RoutesPerOutlet * o.CustomersPerRoute);
                        Add(t, c, customer, AccessAction.Search, device, ip);
                        (first, last) = (Math.Min(first, t), Math.Max(last, t));
                    }
                }

                Episode("rented_account", [c], first, last, false, $"{(subtle ? "subtle" : "loud")}: {nights} night(s) at {factor:0.0}× from a new device d-{device:x4}");
            }

            // An admin's one-off bulk export of the customer table.
            for (var k = 0; k < Math.Min(2, o.Admins); k++)
            {
                var c = _workers.First(w => w.Role == "admin" && !_used.Contains(w.Channel)).Channel;
                _used.Add(c);
                var at = T((EpisodeDay(1) * Day) + (17 * 3600) + _rng.NextLong(4 * 3600));
                var rows = (int)I(3000, 8000);
                var start = _rng.Next(Customers);
                for (var i = 0; i < rows; i++)
                {
                    Add(at, c, (start + i) % Customers, AccessAction.Export, _workers[c].Device, _workers[c].Ip);
                }

                Episode("bulk_copy", [c], at, at, false, $"one export of {rows:N0} rows");
            }

            // Low and slow: 1.5–2× the usual volume for three to five weeks, spread over every outlet.
            for (var k = 0; k < 2; k++)
            {
                var c = FreshEmployee();
                var w = _workers[c];
                var length = 21 + _rng.Next(15);
                var day = 10 + _rng.Next(Math.Max(1, o.Days - 10 - length));
                var extra = I(0.5, 1.0);
                long first = long.MaxValue, last = 0;
                for (var d = day; d < Math.Min(o.Days, day + length); d++)
                {
                    for (var i = Poisson(w.Views * extra * ((d % 7) switch { 5 => 0.6, 6 => 0.4, _ => 1.0 })); i > 0; i--)
                    {
                        var t = T(When(d, false));
                        Add(t, c, _rng.Next(Customers), _rng.Chance(0.75) ? AccessAction.View : AccessAction.Search, w.Device, w.Ip);
                        (first, last) = (Math.Min(first, t), Math.Max(last, t));
                    }
                }

                Episode("slow_exfiltration", [c], first, last, true, $"+{extra:P0} for {length} days across all outlets");
            }

            // Scraping: a partner's API key enumerates customer numbers in order, above its steady rate.
            for (var k = 0; k < Math.Min(2, o.ApiClients); k++)
            {
                var w = _workers.First(x => x.Role == "api" && !_used.Contains(x.Channel));
                _used.Add(w.Channel);
                var begin = (EpisodeDay(1) * Day) + _rng.NextLong(Day / 2);
                var hours = 4 + _rng.Next(8);
                var rows = (int)(w.Views / 24 * hours * I(2, 4));
                var start = _rng.Next(Customers / 2);
                long last = 0;
                for (var i = 0; i < rows; i++)
                {
                    last = T(begin + (long)((double)i / rows * hours * 3600));
                    Add(last, w.Channel, (start + i) % Customers, AccessAction.Api, w.Device, w.Ip);
                }

                Episode("scraping", [w.Channel], T(begin), last, false, $"{rows:N0} sequential look-ups in {hours} h");
            }

            // Browsing outside one's scope: part of the day's views go to another outlet's customers.
            for (var k = 0; k < 2; k++)
            {
                var c = FreshEmployee();
                var w = _workers[c];
                var day = EpisodeDay(4);
                var days = 2 + _rng.Next(3);
                var other = (w.Outlet + 1 + _rng.Next(o.Outlets - 1)) % o.Outlets;
                long first = long.MaxValue, last = 0;
                for (var d = day; d < day + days; d++)
                {
                    for (var i = (int)(w.Views * I(0.5, 1.0)); i > 0; i--)
                    {
                        var t = T(When(d, false));
                        Add(t, c, RouteStart(other, 0) + _rng.Next(o.RoutesPerOutlet * o.CustomersPerRoute), AccessAction.View, w.Device, w.Ip);
                        (first, last) = (Math.Min(first, t), Math.Max(last, t));
                    }
                }

                Episode("out_of_scope", [c], first, last, false, $"{days} days browsing outlet-{other + 1:D2}");
            }

            // Two accounts of one outlet each rising modestly, together, for one to two weeks.
            {
                var a = FreshEmployee();
                var outlet = _workers[a].Outlet;
                var b = FreshEmployee(w => w.Outlet == outlet);
                var day = EpisodeDay(14);
                var length = 7 + _rng.Next(8);
                var extra = I(0.5, 0.8);
                long first = long.MaxValue, last = 0;
                foreach (var c in new[] { a, b })
                {
                    var w = _workers[c];
                    for (var d = day; d < Math.Min(o.Days, day + length); d++)
                    {
                        for (var i = Poisson(w.Views * extra); i > 0; i--)
                        {
                            var t = T(When(d, false));
                            Add(t, c, RouteStart(outlet, 0) + _rng.Next(o.RoutesPerOutlet * o.CustomersPerRoute), AccessAction.View, w.Device, w.Ip);
                            (first, last) = (Math.Min(first, t), Math.Max(last, t));
                        }
                    }
                }

                Episode("collusion", [a, b], first, last, true, $"both +{extra:P0} for {length} days");
            }

            // Canaries planted on routes; one is touched by an employee.
            for (var k = 0; k < Planted; k++)
            {
                var outlet = _rng.Next(o.Outlets);
                var route = _rng.Next(o.RoutesPerOutlet);
                _units[Customers + k] = $"outlet-{outlet + 1:D2}/route-{route + 1:D2}";
                _canaries[Customers + k] = _workers.First(w => w.Role == "employee" && w.Outlet == outlet).Channel;
            }

            {
                var canary = _canaries.Keys.First();
                var c = FreshEmployee();
                var t = T(When(EpisodeDay(1), false));
                Add(t, c, canary, AccessAction.View, _workers[c].Device, _workers[c].Ip);
                Episode("canary", [c], t, t, false, "opened a canary customer");
            }
        }
    }
}
