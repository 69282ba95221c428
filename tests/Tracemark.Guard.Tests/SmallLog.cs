namespace Tracemark.Guard.Tests;

/// <summary>
/// A small owner for one behaviour at a time: two outlets of two routes (100 customers each), six employees per
/// outlet, a supervisor each, two admins, three partner APIs and a nightly export, four weeks of routine from Monday
/// 2025-09-01. Tests add the behaviour they are about; deterministic per seed.
/// </summary>
internal sealed class SmallLog
{
    public const long Day = 86_400;
    public const long Hour = 3_600;
    public static readonly long Start = new DateTimeOffset(2025, 9, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds();
    private readonly Random _rng;
    private readonly List<GuardAccess> _rows = [];

    public SmallLog(int seed = 7)
    {
        _rng = new Random(seed);
        for (var outlet = 1; outlet <= 2; outlet++)
        {
            for (var route = 1; route <= 2; route++)
            {
                for (var k = 0; k < 100; k++)
                {
                    Units.Add($"outlet-{outlet:D2}/route-{route:D2}");
                }
            }
        }

        for (var outlet = 1; outlet <= 2; outlet++)
        {
            for (var e = 1; e <= 6; e++)
            {
                Channels.Add(new GuardChannel($"emp-{outlet}-{e}", "employee", $"outlet-{outlet:D2}/route-{((e - 1) % 2) + 1:D2}"));
            }

            Channels.Add(new GuardChannel($"sup-{outlet}", "employee", $"outlet-{outlet:D2}"));
        }

        Channels.Add(new GuardChannel("admin-1", "admin", "hq"));
        Channels.Add(new GuardChannel("admin-2", "admin", "hq"));
        for (var a = 1; a <= 3; a++)
        {
            Channels.Add(new GuardChannel($"api-{a}", "api", "external"));
        }

        Channels.Add(new GuardChannel("export-nightly", "export", "hq"));
    }

    public List<GuardChannel> Channels { get; } = [];

    public List<string?> Units { get; } = [];

    public Dictionary<int, int> Canaries { get; } = [];

    /// <summary>Volume multiplier of every human channel on a day (a peak season).</summary>
    public Func<int, double> Season { get; set; } = _ => 1;

    /// <summary>Channels working 20:00–06:00.</summary>
    public HashSet<string> Night { get; } = [];

    /// <summary>Channel → (day, outlet) it moves to.</summary>
    public Dictionary<string, (int Day, int Outlet)> Transfers { get; } = [];

    /// <summary>Channel → day it gets a new phone.</summary>
    public Dictionary<string, int> NewPhone { get; } = [];

    /// <summary>Channel → its first day.</summary>
    public Dictionary<string, int> Joins { get; } = [];

    public int Id(string name) => Channels.FindIndex(c => c.Name == name);

    public int Device(string name) => 100 + Id(name);

    public int OutletCustomer(int outlet) => ((outlet - 1) * 200) + _rng.Next(200);

    public int RouteCustomer(int outlet, int route) => ((outlet - 1) * 200) + ((route - 1) * 100) + _rng.Next(100);

    public void Add(long time, string channel, int customer, GuardAction action = GuardAction.View, int? device = null, int? ip = null) =>
        _rows.Add(new GuardAccess(time, Id(channel), customer, action, device ?? Device(channel), ip ?? (1000 + Id(channel))));

    /// <summary>A moment of a working day: 08:00–18:00, or 20:00–06:00 for night workers.</summary>
    public long At(int day, bool night = false) => Start + (day * Day) + (night ? 20 * Hour : 8 * Hour) + _rng.NextInt64(10 * Hour);

    public int Next(int max) => _rng.Next(max);

    public void Routine(int days = 28)
    {
        for (var day = 0; day < days; day++)
        {
            var weekend = (day % 7) switch { 5 => 0.6, 6 => 0.4, _ => 1.0 } * Season(day);
            foreach (var c in Channels)
            {
                if (Joins.TryGetValue(c.Name, out var first) && day < first)
                {
                    continue;
                }

                var device = NewPhone.TryGetValue(c.Name, out var phone) && day >= phone ? Device(c.Name) + 500 : Device(c.Name);
                switch (c.Kind)
                {
                    case "export":
                        var from = _rng.Next(400);
                        for (var k = 0; k < 200; k++)
                        {
                            Add(Start + (day * Day) + (2 * Hour), c.Name, (from + (k * 7)) % 400, GuardAction.Export);
                        }

                        continue;
                    case "api":
                        for (var k = 550 + _rng.Next(100); k > 0; k--)
                        {
                            Add(Start + (day * Day) + _rng.NextInt64(Day), c.Name, _rng.Next(400), GuardAction.Api);
                        }

                        continue;
                    case "admin":
                        for (var k = (int)((140 + _rng.Next(20)) * weekend); k > 0; k--)
                        {
                            Add(At(day), c.Name, _rng.Next(400), GuardAction.Search);
                        }

                        continue;
                }

                var outlet = c.Unit![8] - '0';
                if (Transfers.TryGetValue(c.Name, out var move))
                {
                    outlet = day >= move.Day ? move.Outlet : 3 - move.Outlet;
                }

                var supervisor = c.Name.StartsWith("sup", StringComparison.Ordinal);
                var route = supervisor ? 0 : c.Unit!.EndsWith('1') ? 1 : 2;
                var night = Night.Contains(c.Name);
                for (var k = (int)((supervisor ? 45 + _rng.Next(10) : 20 + _rng.Next(11)) * weekend); k > 0; k--)
                {
                    var roll = _rng.NextDouble();
                    var customer = supervisor ? OutletCustomer(outlet)
                        : roll < 0.02 ? _rng.Next(400)
                        : roll < 0.9 ? RouteCustomer(outlet, route)
                        : OutletCustomer(outlet);
                    Add(At(day, night), c.Name, customer, GuardAction.View, device);
                }
            }
        }
    }

    public IReadOnlyList<GuardAccess> Rows() => [.. _rows.OrderBy(r => r.Time).ThenBy(r => r.Channel).ThenBy(r => r.Customer)];

    public IReadOnlyList<GuardAlert> Run()
    {
        var engine = new GuardEngine(Channels, Units, Canaries);
        foreach (var r in Rows())
        {
            Assert.True(engine.Observe(r));
        }

        engine.Finish();
        return engine.Alerts;
    }

    public static string Show(IEnumerable<GuardAlert> alerts) => string.Join("\n", alerts.Select(a => $"{a.Kind} {a.Channel} {a.FirstAlert:MM-dd HH:mm}: {string.Join(" | ", a.Evidence)}"));
}
