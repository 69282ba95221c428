using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Tracemark.Store.Owner;

namespace Tracemark.Guard;

/// <summary>
/// Replays access rows in time order and raises alerts as a running guard would: an alert at time t uses only rows
/// up to t. State is per channel (hourly rings of the last 24 hours, seasonal baselines, hour profile, devices, learned
/// scope, drift sums) and per customer (its unit), never per row. Thresholds and reasons: docs/guard.md.
/// </summary>
public sealed class GuardEngine
{
    private const long Hour = 3600;
    private const long Day = 86_400;
    private readonly GuardOptions _options;
    private readonly Channel[] _channels;
    private readonly int[] _customerUnit; // customer → unit id (−1 none)
    private readonly int[][] _unitPrefixes; // unit id → ids of the unit and every prefix at a '/'
    private readonly int[] _unitTop; // unit id → id of its first segment
    private readonly string[] _unitNames;
    private readonly Dictionary<int, int> _canaries;
    private readonly bool[] _isCanary; // customer → is a canary: one array read per row instead of a hash look-up
    private readonly List<GuardAlert> _alerts = [];
    private readonly Action<GuardAlert>? _raised;
    private long _hour = long.MinValue;
    private int _slot; // the hour of day of _hour: the ring slot of every row in it
    private long _lastTime = long.MinValue;
    private GuardActivity? _activity;

    /// <param name="channels">The channels, indexed as <see cref="GuardAccess.Channel"/>.</param>
    /// <param name="customerUnits">Per customer index: its unit path, or null.</param>
    /// <param name="canaries">Canary customer index → the channel it was planted for.</param>
    /// <param name="options">Thresholds; the defaults when null.</param>
    /// <param name="raised">Called as each alert is raised (it may still grow: <see cref="GuardAlert.To"/> moves on).</param>
    public GuardEngine(IReadOnlyList<GuardChannel> channels, IReadOnlyList<string?> customerUnits, IReadOnlyDictionary<int, int>? canaries = null, GuardOptions? options = null, Action<GuardAlert>? raised = null)
    {
        ArgumentNullException.ThrowIfNull(channels);
        ArgumentNullException.ThrowIfNull(customerUnits);
        _options = options ?? new GuardOptions();
        _raised = raised;
        _canaries = canaries is null ? [] : new Dictionary<int, int>(canaries);
        _isCanary = new bool[_canaries.Count == 0 ? 0 : Math.Max(0, _canaries.Keys.Max()) + 1];
        foreach (var customer in _canaries.Keys.Where(k => k >= 0))
        {
            _isCanary[customer] = true;
        }

        // Units are interned once: a customer holds one number, each distinct unit its prefixes.
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        var names = new List<string>();
        int Intern(string unit)
        {
            if (!ids.TryGetValue(unit, out var id))
            {
                id = names.Count;
                ids[unit] = id;
                names.Add(unit);
            }

            return id;
        }

        _customerUnit = new int[customerUnits.Count];
        var prefixes = new List<int[]>();
        for (var i = 0; i < customerUnits.Count; i++)
        {
            var unit = UnitPath.Normalize(customerUnits[i]);
            if (unit is null)
            {
                _customerUnit[i] = -1;
                continue;
            }

            var id = Intern(unit);
            while (prefixes.Count < names.Count)
            {
                prefixes.Add([]);
            }

            if (prefixes[id].Length == 0)
            {
                var list = new List<int>();
                for (var p = 0; p < unit.Length; p++)
                {
                    if (unit[p] == '/')
                    {
                        list.Add(Intern(unit[..p]));
                    }
                }

                list.Add(id);
                while (prefixes.Count < names.Count)
                {
                    prefixes.Add([]);
                }

                prefixes[id] = [.. list];
            }

            _customerUnit[i] = id;
        }

        _unitNames = [.. names];
        _unitPrefixes = [.. prefixes, .. Enumerable.Repeat(Array.Empty<int>(), names.Count - prefixes.Count)];
        _unitTop = new int[names.Count];
        for (var u = 0; u < names.Count; u++)
        {
            var slash = names[u].IndexOf('/', StringComparison.Ordinal);
            _unitTop[u] = slash < 0 ? u : ids[names[u][..slash]];
        }

        _channels = new Channel[channels.Count];
        for (var c = 0; c < channels.Count; c++)
        {
            var declared = UnitPath.Normalize(channels[c].Unit);
            var unitId = declared is not null && ids.TryGetValue(declared, out var d) ? d : -1;
            var top = declared is not null && ids.TryGetValue(declared.Split('/')[0], out var t) ? t : -1;
            _channels[c] = new Channel(channels[c], unitId, top);
        }
    }

    /// <summary>Every alert raised so far, in the order raised.</summary>
    public IReadOnlyList<GuardAlert> Alerts => _alerts;

    /// <summary>Rows observed.</summary>
    public long Rows { get; private set; }

    /// <summary>The time of the last row observed (long.MinValue before any).</summary>
    internal long LastTime => _lastTime;

    /// <summary>From now on, also counts each channel's daily activity for the report (`guard --report`).</summary>
    internal GuardActivity KeepActivity() => _activity ??= new GuardActivity(_channels.Length);

    /// <summary>The channels, in index order.</summary>
    internal IReadOnlyList<GuardChannel> ChannelList => [.. _channels.Select(c => c.Info)];

    /// <summary>
    /// Takes the next row. Rows must come in time order; a row earlier than the last one is refused (false) and
    /// changes nothing, so the caller can report it.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool Observe(in GuardAccess access)
    {
        if (access.Time < _lastTime || (uint)access.Channel >= (uint)_channels.Length)
        {
            return false;
        }

        // Rows of the hour already open (nearly all) need no division.
        var hour = _hour;
        if (_hour == long.MinValue || access.Time - _hour >= Hour)
        {
            hour = Floor(access.Time, Hour);
            Advance(hour);
            _slot = (int)Mod(hour / Hour, 24);
        }

        _lastTime = access.Time;
        Rows++;
        var c = _channels[access.Channel];
        if (_activity is not null)
        {
            var unit = (uint)access.Customer < (uint)_customerUnit.Length ? _customerUnit[access.Customer] : -1;
            _activity.Add(access, c.DeclaredTop >= 0 && unit >= 0 && _unitTop[unit] != c.DeclaredTop, c.DeclaredTop >= 0 && unit >= 0);
        }

        var slot = _slot;
        c.Count[slot]++;
        c.Today++;
        if (access.Action != GuardAction.Export)
        {
            c.TodayViews++;
        }

        var hourOfDay = slot; // the hour of day of the row's hour
        c.TodayHours[hourOfDay]++;
        c.LastEvent = access.Time;

        if ((uint)access.Customer < (uint)_isCanary.Length && _isCanary[access.Customer] && _canaries.TryGetValue(access.Customer, out var plantedFor))
        {
            Canary(c, access, plantedFor);
        }

        // Off the channel's usual hours (once it has a profile of its own).
        if (c.ActiveDays >= _options.WarmupDays && c.HourShare(hourOfDay) < 0.02)
        {
            c.OffHours[slot]++;
        }

        Devices(c, access, slot);
        Scope(c, access, slot);
        if (access.Action != GuardAction.Export)
        {
            Sequence(c, access, slot);
        }

        Burst(c, access);
        return true;
    }

    /// <summary>Ends the replay: the last hour and day are judged.</summary>
    public void Finish()
    {
        if (_hour != long.MinValue)
        {
            Advance(_hour + Hour);
        }
    }

    private static long Floor(long value, long unit) => value - Mod(value, unit);

    private static long Mod(long value, long unit) => ((value % unit) + unit) % unit;

    private void Canary(Channel c, in GuardAccess access, int plantedFor)
    {
        var planted = (uint)plantedFor < (uint)_channels.Length ? _channels[plantedFor].Info.Name : "another channel";
        Raise(c, "canary", 1.0, access.Time, access.Time, access.Time, [$"opened a canary customer (planted for {planted}) at {Clock(access.Time)}: no legitimate work reaches it"], force: true);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Devices(Channel c, in GuardAccess access, int slot)
    {
        if (IsNew(c, c.DeviceFirst, access.Device, access.Time, out var first))
        {
            c.NewDevice[slot]++;
            c.NewestDevice = (access.Device, first);
        }

        if (IsNew(c, c.IpFirst, access.Ip, access.Time, out _))
        {
            c.NewIp[slot]++;
        }
    }

    // A device or network first seen after the channel has a history is new for three days; those of its first two
    // days are its own (an unknown key, 0, is never new).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool IsNew(Channel c, Dictionary<int, long> firstSeen, int key, long time, out long first)
    {
        first = long.MinValue;
        if (key == 0)
        {
            return false;
        }

        ref var seen = ref CollectionsMarshal.GetValueRefOrAddDefault(firstSeen, key, out var known);
        if (!known)
        {
            seen = c.ActiveDays >= 2 ? time : long.MinValue;
        }

        first = seen;

        return first != long.MinValue && time - first < 3 * Day;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Scope(Channel c, in GuardAccess access, int slot)
    {
        if ((uint)access.Customer >= (uint)_customerUnit.Length || _customerUnit[access.Customer] < 0)
        {
            return;
        }

        var unit = _customerUnit[access.Customer];
        var top = _unitTop[unit];
        CollectionsMarshal.GetValueRefOrAddDefault(c.TodayTops, top, out _)++;
        if (c.ActiveDays < 3)
        {
            return; // scope is judged once some of it is learned
        }

        // In scope: the unit in force covers the customer (at the level of its outlet, since colleagues stand in for
        // each other's routes), or the customer's outlet is one the channel has worked in (a transfer's old outlet).
        var covered = c.DeclaredTop >= 0 && Array.IndexOf(_unitPrefixes[unit], c.DeclaredTop) >= 0;
        if (!covered && !c.Home(top))
        {
            c.OutOfScope[slot]++;
            c.LastOutside = top;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Sequence(Channel c, in GuardAccess access, int slot)
    {
        // Enumeration: a customer number one to three above one of the last few this channel asked for (a scraper's
        // walk stays visible between the client's ordinary look-ups).
        foreach (var previous in c.Recent)
        {
            var step = access.Customer - previous;
            if (step is >= 1 and <= 3)
            {
                c.Sequential[slot]++;
                break;
            }
        }

        c.Recent[c.RecentNext] = access.Customer;
        c.RecentNext = (c.RecentNext + 1) % c.Recent.Length;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Burst(Channel c, in GuardAccess access)
    {
        // A batch: rows of one channel at most two seconds apart (an export writes its rows at one time; an API
        // client's steady look-ups, seconds apart, are no batch).
        if (access.Time - c.BurstLast > 2)
        {
            c.EndBurst();
            c.BurstStart = access.Time;
            c.BurstRows = 0;
        }

        c.BurstLast = access.Time;
        c.BurstRows++;
        var usual = Math.Max(c.MaxBurst, 100);
        if (c.BurstRows == Math.Max(500, 4 * usual) && !(c.Info.Kind == "export" && c.MaxBurst == 0) && c.ActiveDays >= 1)
        {
            Raise(c, "bulk_copy", Score(c.BurstRows / (double)Math.Max(500, 4 * usual)), c.BurstStart, access.Time, access.Time,
            [
                $"{c.BurstRows:N0}+ rows in one batch from {Clock(c.BurstStart)} vs a largest usual batch of {c.MaxBurst:N0}",
            ]);
        }
    }

    private static double Score(double strength) => Math.Round(Math.Clamp(1 - (0.5 / Math.Max(1, strength)), 0.5, 0.99), 2);

    // Hour boundaries: the rolling 24-hour window is judged; at midnight the day is folded into the baselines.
    private void Advance(long hour)
    {
        if (_hour == long.MinValue)
        {
            _hour = hour;
            return;
        }

        while (_hour < hour)
        {
            Judge(_hour);
            _hour += Hour;
            if (Mod(_hour, Day) == 0)
            {
                EndDay(_hour - Day, night: false);
            }
            else if (Mod(_hour, Day) == Day / 2)
            {
                EndDay(_hour - (Day / 2) - Day, night: true);
            }

            var slot = (int)Mod(_hour / Hour, 24);
            foreach (var c in _channels)
            {
                c.ClearSlot(slot);
            }

            // Nobody is active for a long stretch: skip the empty hours in one go (after a last empty day).
            if (hour - _hour > 2 * Day)
            {
                var skipTo = Floor(hour, Day) - Day;
                while (_hour < skipTo)
                {
                    _hour += Day;
                    EndDay(_hour - Day, night: false);
                    EndDay(_hour - Day, night: true);
                }

                foreach (var c in _channels)
                {
                    c.ClearAll();
                }
            }
        }
    }

    private void Judge(long hour)
    {
        var endOfHour = hour + Hour;

        // The peers' factor: how busy channels of each kind are in this window against their own baselines (a peak
        // season lifts everyone; one channel rising alone stands out).
        // The day type of each of the 24 hours, found once per hour rather than per channel and hour.
        var types = new int[25];
        for (var h = 1; h <= 24; h++)
        {
            types[h] = DayType(endOfHour - (h * Hour));
        }

        var factors = PeerFactors(_channels.Where(c => c.ActiveDays >= _options.WarmupDays), c => (Channel.Window(c.Count), c.Expected(endOfHour, types)), 0.5);

        var peerLevels = PeerLevels();
        foreach (var c in _channels)
        {
            var volume = Channel.Window(c.Count);
            if (volume == 0 || c.LastEvent < hour)
            {
                continue;
            }

            var factor = factors.GetValueOrDefault(c.Info.Kind, 1.0);
            var own = c.Expected(endOfHour, types);
            if (c.LearnedDays == 0 && !peerLevels.ContainsKey(c.Info.Kind))
            {
                continue; // no history and no peers: the first day is learned
            }

            var peer = peerLevels.GetValueOrDefault(c.Info.Kind, own);
            var weight = Math.Min(1.0, c.LearnedDays / (double)_options.WarmupDays);
            var expected = Math.Max(1, ((weight * own) + ((1 - weight) * peer)) * factor);
            var excess = volume - expected;
            var sd = Math.Sqrt(expected + (0.3 * expected * 0.3 * expected));
            var z = excess / sd;
            var ratio = volume / expected;
            var offHours = Channel.Window(c.OffHours);
            var newDevice = Channel.Window(c.NewDevice);
            var newIp = Channel.Window(c.NewIp);
            var outside = Channel.Window(c.OutOfScope);
            var sequential = Channel.Window(c.Sequential);
            var t = c.LastEvent;
            var evidence = new List<string>();
            string Usual() => $"{volume:N0} accesses in the 24 h to {Clock(t)} vs a usual {expected:N0}{(factor > 1.3 ? $" (peers ×{factor:0.0} today)" : string.Empty)}";

            // Scraping: most look-ups walk the customer numbers in order, above the channel's steady rate.
            if (sequential >= 100 && sequential >= 0.2 * volume)
            {
                evidence.Add($"{sequential:N0} of {volume:N0} look-ups walk consecutive customer numbers");
                evidence.Add(Usual());
                Raise(c, "scraping", Score(sequential / 100.0 * Math.Min(ratio, 3) / 1.3), Since(c.Sequential, hour), t, _lastTime, evidence);
                continue;
            }

            var novel = Math.Max(newDevice, newIp) >= Math.Max(10, 0.3 * volume);
            var odd = offHours >= 0.4 * volume;
            var p0 = Math.Max(0.02, c.OutsideRate);
            var outsideZ = (outside - (p0 * volume)) / Math.Sqrt((p0 * volume) + 1);
            var outsideHigh = outside >= 10 && outside >= 4 * p0 * volume && outsideZ >= 5;

            // A rented account: someone else's device or network, at other hours, several times the usual volume or
            // customers outside the route. Subtle rentals (2–3×) still show the new device at night.
            if (novel && (odd || outsideHigh) && ratio >= 1.8 && excess >= 15)
            {
                if (c.NewestDevice.Device != 0)
                {
                    evidence.Add($"new device d-{c.NewestDevice.Device:x4} from {Clock(c.NewestDevice.First)}");
                }
                else
                {
                    evidence.Add("a network never used before");
                }

                evidence.Add(Usual());
                if (odd)
                {
                    evidence.Add($"{offHours * 100 / volume:N0} % at hours this channel does not work");
                }

                if (outsideHigh)
                {
                    evidence.Add(Outside(c, outside, volume));
                }

                Raise(c, "rented_account", Score(ratio / 1.8), c.NewestDevice.Device != 0 ? Math.Max(c.NewestDevice.First, t - (24 * Hour)) : Since(c.NewIp, hour), t, _lastTime, evidence);
                continue;
            }

            if (outsideHigh)
            {
                evidence.Add(Outside(c, outside, volume));
                evidence.Add($"usually {c.OutsideRate * 100:0.#} % outside");
                Raise(c, "out_of_scope", Score(outsideZ / 5), Since(c.OutOfScope, hour), t, _lastTime, evidence);
                continue;
            }

            if (ratio >= 5 && z >= 8 && excess >= 100)
            {
                evidence.Add(Usual());
                if (odd)
                {
                    evidence.Add($"{offHours * 100 / volume:N0} % at hours this channel does not work");
                }

                Raise(c, odd || novel ? "rented_account" : "unusual_volume", Score(ratio / 5), Since(c.Count, hour), t, _lastTime, evidence);
            }
        }
    }

    // The start of the earliest hour of the last 24 (ending with `hour`) in which the ring counted something: where the
    // suspicious activity began, as far as the window can tell.
    private static long Since(int[] ring, long hour)
    {
        for (var back = 23; back >= 0; back--)
        {
            var h = hour - (back * Hour);
            if (ring[(int)Mod(h / Hour, 24)] > 0)
            {
                return h;
            }
        }

        return hour;
    }

    private string Outside(Channel c, double outside, double volume)
    {
        var scope = c.DeclaredTop >= 0 ? _unitNames[c.DeclaredTop] : "its usual units";
        var where = c.LastOutside >= 0 ? $", e.g. in {_unitNames[c.LastOutside]}" : string.Empty;
        return $"{outside * 100 / volume:N0} % of {volume:N0} customers outside {scope}{where}";
    }

    private Dictionary<string, double> PeerLevels()
    {
        var levels = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var group in _channels.Where(c => c.LearnedDays >= _options.WarmupDays).GroupBy(c => c.Info.Kind))
        {
            var list = group.Select(c => c.Level[0]).Order().ToList();
            levels[group.Key] = list[list.Count / 2];
        }

        return levels;
    }

    private static readonly double[] DefaultRatios = [1, 1, 1];

    // Per kind of channel, the median of volume / expected over its mature channels. A kind with fewer than three
    // (two admins) takes the factor of all people's channels together: a season reaches them too; API clients and
    // exports are machines, with no season of their own.
    private static Dictionary<string, double> PeerFactors(IEnumerable<Channel> mature, Func<Channel, (double Volume, double Expected)> measure, double floor)
    {
        var ratios = mature.Select(c => (c.Info.Kind, M: measure(c))).Where(r => r.M.Expected >= 3).Select(r => (r.Kind, Ratio: r.M.Volume / r.M.Expected)).ToList();
        static double Median(List<double> list)
        {
            list.Sort();
            return list[list.Count / 2];
        }

        var people = ratios.Where(r => r.Kind is "employee" or "admin" or "partner").Select(r => r.Ratio).ToList();
        var all = people.Count >= 3 ? Shrink(Math.Max(floor, Median(people))) : 1.0;
        var factors = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var group in ratios.GroupBy(r => r.Kind))
        {
            var list = group.Select(r => r.Ratio).ToList();
            factors[group.Key] = list.Count >= 3 ? Shrink(Math.Max(floor, Median(list))) : group.Key is "api" or "export" ? 1.0 : all;
        }

        return factors;
    }

    // The peers' median moves by a tenth or two from day to day by chance alone (a dozen channels' Poisson counts);
    // only a clear swing (a season, a holiday) is taken as the day's factor.
    private static double Shrink(double factor) => Math.Abs(Math.Log(factor)) < Math.Log(1.25) ? 1.0 : factor;

    private static int DayType(long time) => (int)((Floor(time, Day) / Day + 3) % 7) switch { 5 => 1, 6 => 2, _ => 0 };

    private Dictionary<string, double> _factors = new(StringComparer.Ordinal);
    private Dictionary<string, double[]> _typeRatios = new(StringComparer.Ordinal);

    // Midnight: each channel's day is weighed against its peers' (CUSUM of the log ratio for slow drifts, pairs rising
    // together), then folded into its baselines unless it was suspicious. Night workers' days run from noon to noon
    // (a calendar day would cut every shift in two, and a season's first and last days in odd shares); they are
    // weighed at noon with the peers' figures of the day their shift began.
    private void EndDay(long day, bool night)
    {
        var type = DayType(day);
        var active = _channels.Where(c => (c.Today > 0 || c.ActiveDays > 0) && c.NightWorker == night).ToList();
        if (night)
        {
            Weigh(day, type, active, _factors, _typeRatios);
            return;
        }

        var factors = PeerFactors(active.Where(c => c.ActiveDays >= _options.WarmupDays), c => (c.Today, c.Level[type]), 0.3);

        // How each day type compares with weekdays among mature peers: a channel first seen on a Saturday starts its
        // weekday level from that.
        var typeRatios = new Dictionary<string, double[]>(StringComparer.Ordinal);
        foreach (var group in active.Where(c => c.ActiveDays >= 7 && c.Level[0] > 0).GroupBy(c => c.Info.Kind))
        {
            var r = new double[3];
            for (var k = 0; k < 3; k++)
            {
                var list = group.Select(c => c.Level[k] / c.Level[0]).Order().ToList();
                r[k] = list[list.Count / 2];
            }

            typeRatios[group.Key] = r;
        }

        (_factors, _typeRatios) = (factors, typeRatios);
        Weigh(day, type, active, factors, typeRatios);
    }

    private void Weigh(long day, int type, List<Channel> active, Dictionary<string, double> factors, Dictionary<string, double[]> typeRatios)
    {
        var rising = new List<Channel>();
        foreach (var c in active)
        {
            if (c.ActiveDays >= _options.WarmupDays + 2 && c.Info.Kind is "employee" or "admin" or "partner" or "api" && c.ViewLevel[type] >= 3)
            {
                var expected = c.ViewLevel[type] * factors.GetValueOrDefault(c.Info.Kind, 1.0);
                var x = Math.Log((c.TodayViews + 5) / (expected + 5));
                c.Drift = Math.Max(0, c.Drift + x - _options.DriftAllowance);
                c.DriftDays = c.Drift > 0 ? c.DriftDays + 1 : 0;
                c.DriftVolume = c.Drift > 0 ? c.DriftVolume + c.TodayViews : 0;
                c.DriftExpected = c.Drift > 0 ? c.DriftExpected + expected : 0;
                if (c.Drift >= 0.6 * _options.DriftLevel && c.DriftDays >= 4 && c.LastAlert < day - (c.DriftDays * Day))
                {
                    rising.Add(c);
                }

                if (c.Drift >= _options.DriftLevel && c.DriftDays >= 3)
                {
                    var t = c.LastEvent;
                    Raise(c, "slow_exfiltration", Score(c.Drift / _options.DriftLevel), day - ((c.DriftDays - 1) * Day), t, _lastTime,
                    [
                        $"{c.DriftVolume:N0} accesses over {c.DriftDays} days vs {c.DriftExpected:N0} expected from its history and its peers ({c.DriftVolume / Math.Max(1, c.DriftExpected):0.0}×)",
                        $"{Outside(c, c.TodayOutside(), Math.Max(1, c.Today))} on its last day",
                    ]);
                }
            }
        }

        // Two channels of one unit drifting up together, each modestly.
        foreach (var pair in rising.Where(c => c.DeclaredTop >= 0).GroupBy(c => c.DeclaredTop).Where(g => g.Count() >= 2))
        {
            var members = pair.OrderByDescending(c => c.Drift).Take(2).ToList();
            if (members.Sum(c => c.Drift) >= 1.4 * _options.DriftLevel)
            {
                foreach (var c in members)
                {
                    var other = members.First(m => m != c);
                    var t = c.LastEvent;
                    Raise(c, "collusion", Score(members.Sum(m => m.Drift) / (1.4 * _options.DriftLevel)), day - ((c.DriftDays - 1) * Day), t, _lastTime,
                    [
                        $"rising together with {other.Info.Name} in {_unitNames[pair.Key]}: {c.DriftVolume / Math.Max(1, c.DriftExpected):0.0}× and {other.DriftVolume / Math.Max(1, other.DriftExpected):0.0}× their usual over {Math.Min(c.DriftDays, other.DriftDays)} days",
                    ]);
                }
            }
        }

        foreach (var c in active)
        {
            c.FoldDay(type, c.LastAlert >= day, factors.GetValueOrDefault(c.Info.Kind, 1.0), typeRatios.GetValueOrDefault(c.Info.Kind, DefaultRatios), 0.25 * _options.DriftLevel);
        }
    }

    private void Raise(Channel c, string kind, double score, long from, long to, long at, List<string> evidence, bool force = false)
    {
        // One incident per channel: while it is open (suspicious activity within the cooldown), later signs extend it.
        // One incident per channel at a time; a decisive sign of another kind (a canary, a bulk copy, an enumeration)
        // is still raised on its own.
        var decisive = kind is "canary" or "bulk_copy" or "scraping";
        var same = c.Open.TryGetValue(kind, out var open) && at - open.LastSeen < _options.CooldownDays * Day;
        var any = c.Open.Values.FirstOrDefault(o => at - o.LastSeen < _options.CooldownDays * Day);
        if (!force && (same || (!decisive && any is not null)))
        {
            var incident = same ? open! : any!;
            incident.Extend(to, at);

            // A sharper reading of the same incident (a new device explains the out-of-scope browsing) replaces the
            // kind and reasons; when it was first raised stays.
            if (!same && Rank(kind) > Rank(incident.Kind) && incident.Kind is not ("canary" or "bulk_copy" or "scraping"))
            {
                incident.Upgrade(kind, score, evidence);
                c.Open[kind] = incident;
            }

            return;
        }

        var alert = new Incident(c.Info.Name, kind, score, Math.Min(from, at), to, at, evidence, _alerts);
        c.Open[kind] = alert;
        c.LastAlert = Math.Max(c.LastAlert, at);
        _raised?.Invoke(_alerts[alert.Index]);
    }

    private static int Rank(string kind) => kind switch
    {
        "rented_account" => 3,
        "collusion" or "slow_exfiltration" => 2,
        "out_of_scope" => 1,
        _ => 0,
    };

    internal static string Clock(long time) => DateTimeOffset.FromUnixTimeSeconds(time).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    /// <summary>An open alert whose span grows while the activity goes on.</summary>
    private sealed class Incident
    {
        private readonly List<GuardAlert> _list;

        public Incident(string channel, string kind, double score, long from, long to, long at, List<string> evidence, List<GuardAlert> list)
        {
            _list = list;
            Index = list.Count;
            LastSeen = at;
            list.Add(new GuardAlert(channel, Time(from), Time(Math.Max(from, to)), Time(at), score, kind, evidence));
        }

        public int Index { get; }

        public long LastSeen { get; private set; }

        public string Kind => _list[Index].Kind;

        public void Upgrade(string kind, double score, List<string> evidence) =>
            _list[Index] = _list[Index] with { Kind = kind, Score = Math.Max(score, _list[Index].Score), Evidence = evidence };

        public void Extend(long to, long at)
        {
            LastSeen = Math.Max(LastSeen, at);
            var a = _list[Index];
            if (Time(to) > a.To)
            {
                _list[Index] = a with { To = Time(to) };
            }
        }

        private static DateTimeOffset Time(long t) => DateTimeOffset.FromUnixTimeSeconds(t);
    }

    /// <summary>Everything the guard keeps about one channel: bounded by its devices and the units it works in.</summary>
    private sealed class Channel(GuardChannel info, int declared, int declaredTop)
    {
        public GuardChannel Info { get; } = info;

        public int Declared { get; } = declared;

        public int DeclaredTop { get; } = declaredTop;

        // Rings of the last 24 hours, one slot per hour.
        public int[] Count { get; } = new int[24];

        public int[] OffHours { get; } = new int[24];

        public int[] NewDevice { get; } = new int[24];

        public int[] NewIp { get; } = new int[24];

        public int[] OutOfScope { get; } = new int[24];

        public int[] Sequential { get; } = new int[24];

        public long LastEvent { get; set; } = long.MinValue;

        public int[] Recent { get; } = [-10, -10, -10, -10, -10, -10, -10, -10];

        public int RecentNext { get; set; }

        public int LastOutside { get; set; } = -1;

        public Dictionary<int, long> DeviceFirst { get; } = [];

        public Dictionary<int, long> IpFirst { get; } = [];

        public (int Device, long First) NewestDevice { get; set; }

        // Today so far, per hour of day and per outlet.
        public double Today { get; set; }

        // Today's rows other than exports: the daily volume drifts are measured on (batches are judged as batches).
        public double TodayViews { get; set; }

        public double[] TodayHours { get; } = new double[24];

        public Dictionary<int, int> TodayTops { get; } = [];

        // Baselines: daily level by day type (weekday, Saturday, Sunday), hour profile, outlets worked in, share outside.
        public double[] Level { get; } = new double[3];

        public double[] ViewLevel { get; } = new double[3];

        private readonly bool[] _seen = new bool[3];

        private readonly int[] _days = new int[3];

        private bool _turned;

        /// <summary>Whole days its levels were learned from.</summary>
        public int LearnedDays => _days[0] + _days[1] + _days[2];

        private readonly double[] _profile = new double[24];

        private readonly Dictionary<int, double> _tops = [];

        private double _topsTotal;

        private double _topsMax; // the largest of _tops, which changes once a day: Home is asked on every row

        public double OutsideRate { get; private set; } = 0.02;

        public int ActiveDays { get; private set; }

        public double Drift { get; set; }

        public int DriftDays { get; set; }

        public double DriftVolume { get; set; }

        public double DriftExpected { get; set; }

        public long BurstStart { get; set; }

        public long BurstLast { get; set; } = long.MinValue / 2;

        public int BurstRows { get; set; }

        public int MaxBurst { get; private set; }

        /// <summary>The open incident of each kind.</summary>
        public Dictionary<string, Incident> Open { get; } = new(StringComparer.Ordinal);

        public long LastAlert { get; set; } = long.MinValue / 2;

        private double _profileTotal;

        /// <summary>Most of the channel's work falls between 20:00 and 06:00.</summary>
        public bool NightWorker { get; private set; }

        public double HourShare(int hour) => _profileTotal <= 0 ? 1 : _profile[hour] / _profileTotal;

        // Outlets the channel works in: each with at least 15 % of its (decayed) history. A channel whose unit covers
        // no customer and that spreads over many outlets (a service desk, an admin, a partner's API) is broad: no
        // outlet is outside its scope.
        public bool Home(int top) => _topsTotal > 0 && (_tops.GetValueOrDefault(top) >= 0.15 * _topsTotal || (DeclaredTop < 0 && _topsMax < 0.4 * _topsTotal));

        public static double Window(int[] ring)
        {
            var sum = 0;
            foreach (var v in ring)
            {
                sum += v;
            }

            return sum;
        }

        // The expected volume of the 24 hours ending at `end`: each hour's share of its day type's level (dayType[h]: the
        // day type of the hour h hours before `end`).
        public double Expected(long end, int[] dayType)
        {
            if (ActiveDays == 0)
            {
                return 0;
            }

            var total = 0.0;
            for (var h = 1; h <= 24; h++)
            {
                var t = end - (h * Hour);
                total += Level[dayType[h]] * HourShare((int)(Mod(t, Day) / Hour)) * (_profileTotal <= 0 ? 1.0 / 24 : 1);
            }

            return total;
        }

        public double TodayOutside() => TodayTops.Where(t => !(DeclaredTop >= 0 && t.Key == DeclaredTop) && !Home(t.Key)).Sum(t => t.Value);

        public void EndBurst()
        {
            if (BurstRows > MaxBurst && BurstLast - LastAlert > Day)
            {
                MaxBurst = BurstRows;
            }
        }

        public void ClearSlot(int slot)
        {
            Count[slot] = OffHours[slot] = NewDevice[slot] = NewIp[slot] = OutOfScope[slot] = Sequential[slot] = 0;
        }

        public void ClearAll()
        {
            for (var s = 0; s < 24; s++)
            {
                ClearSlot(s);
            }
        }

        // Folds today into the baselines (skipped for the volume when the day was suspicious, so an insider does not
        // teach the guard that the theft is normal); the level is kept relative to the peers' factor of the day.
        public void FoldDay(int type, bool suspicious, double factor, double[] typeRatio, double driftFreeze)
        {
            if (Today > 0)
            {
                var outside = TodayOutside();
                var normalized = Today / Math.Max(0.3, factor);
                var views = TodayViews / Math.Max(0.3, factor);

                // Learning stops while the channel drifts up noticeably (an insider must not teach the guard that the
                // theft is normal), but not at every small positive sum: levels learned only on quiet days run low.
                // A channel's first day, and the day it turns out to work nights, are cut short: they teach the hours
                // but not the level. Early days are averaged; later ones weighed down slowly.
                var partial = ActiveDays == 0 || _turned;
                _turned = false;
                if (!suspicious && Drift < driftFreeze && partial)
                {
                    for (var h = 0; h < 24; h++)
                    {
                        _profile[h] += TodayHours[h];
                    }

                    _profileTotal = _profile.Sum();
                }
                else if (!suspicious && Drift < driftFreeze)
                {
                    _days[type]++;
                    var w = Math.Max(0.1, 1.0 / _days[type]);
                    Level[type] = _seen[type] ? ((1 - w) * Level[type]) + (w * normalized) : normalized;
                    ViewLevel[type] = _seen[type] ? ((1 - w) * ViewLevel[type]) + (w * views) : views;
                    if (!_seen[type])
                    {
                        for (var k = 0; k < 3; k++)
                        {
                            if (!_seen[k])
                            {
                                Level[k] = normalized / Math.Max(0.05, typeRatio[type]) * typeRatio[k];
                                ViewLevel[k] = views / Math.Max(0.05, typeRatio[type]) * typeRatio[k];
                            }
                        }
                    }

                    _seen[type] = true;
                    for (var h = 0; h < 24; h++)
                    {
                        _profile[h] = (0.95 * _profile[h]) + TodayHours[h];
                    }

                    _profileTotal = _profile.Sum();
                    var nightShare = 0.0;
                    for (var h = 0; h < 24; h++)
                    {
                        nightShare += h is >= 20 or < 6 ? _profile[h] : 0;
                    }

                    var nightWorker = ActiveDays >= 1 && nightShare > 0.6 * _profileTotal;
                    _turned = nightWorker != NightWorker;
                    NightWorker = nightWorker;
                    foreach (var (top, n) in TodayTops)
                    {
                        _tops[top] = _tops.GetValueOrDefault(top) + n;
                    }

                    _topsTotal += TodayTops.Values.Sum();
                    foreach (var key in _tops.Keys.ToList())
                    {
                        _tops[key] *= 0.97;
                    }

                    _topsTotal *= 0.97;
                    _topsMax = _tops.Count == 0 ? 0 : _tops.Values.Max();
                    if (ActiveDays >= 3)
                    {
                        OutsideRate = (0.9 * OutsideRate) + (0.1 * (outside / Today));
                    }
                }

                ActiveDays++;
            }
            else if (_seen[type] && !suspicious)
            {
                Level[type] *= 0.9;
                ViewLevel[type] *= 0.9;
            }

            Today = 0;
            TodayViews = 0;
            Array.Clear(TodayHours);
            TodayTops.Clear();
        }
    }
}
