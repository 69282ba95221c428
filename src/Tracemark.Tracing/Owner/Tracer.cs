using Tracemark.Identifiers;
using Tracemark.Scanning;
using Tracemark.Store;
using Tracemark.Store.Tags;
using Tracemark.Tracing.Attribution;

namespace Tracemark.Tracing.Owner;

/// <summary>One explanation, with channel names.</summary>
public sealed record TraceHypothesis(IReadOnlyList<string> Channels, double Posterior, int Explained, int Canaries);

/// <summary>What the access log says about one candidate channel and the sample's customers.</summary>
/// <param name="Channel">Name.</param>
/// <param name="Kind">employee, admin, partner, api or export.</param>
/// <param name="Unit">Outlet or region, when it has one.</param>
/// <param name="Explained">Sampled customers it accessed before the sample was seen.</param>
/// <param name="NeverAccessed">Sampled customers of the owner it never accessed.</param>
/// <param name="AccessedCustomers">All customers it accessed before the sample was seen (|A_c|).</param>
/// <param name="FirstAccess">Its first access to a sampled customer.</param>
/// <param name="LastAccess">Its last access to a sampled customer before the sample was seen.</param>
/// <param name="OffHoursShare">Share of those accesses between 22:00 and 07:00.</param>
/// <param name="Devices">Devices used for those accesses.</param>
/// <param name="NewDevices">Of those, devices it had never used before the 7 days preceding their first use on a sampled customer.</param>
/// <param name="Timeline">Its accesses to sampled customers per day (UTC).</param>
/// <param name="PeakDay">Its busiest day before the sample was seen (all its accesses, not only the sample's).</param>
/// <param name="PeakAccesses">Accesses on that day.</param>
/// <param name="MedianAccesses">Its median accesses on a day it was active: a rented account's bulk night stands out against it.</param>
public sealed record ChannelEvidence(string Channel, string Kind, string? Unit, int Explained, int NeverAccessed, long AccessedCustomers, DateTime? FirstAccess, DateTime? LastAccess, double OffHoursShare, int Devices, int NewDevices, IReadOnlyDictionary<DateOnly, int> Timeline, DateOnly? PeakDay, long PeakAccesses, double MedianAccesses);

/// <summary>One record of the sample as the trace read it.</summary>
/// <param name="Number">Position in the sample (1-based).</param>
/// <param name="Identifiers">Its identifiers, masked.</param>
/// <param name="Matched">It is one of the owner's customers.</param>
/// <param name="Known">It is already in a known leak.</param>
/// <param name="Canary">It is a canary.</param>
/// <param name="AccessedBy">Leading candidate channels that had accessed it before the sample was seen.</param>
public sealed record SampleRow(int Number, string Identifiers, bool Matched, bool Known, bool Canary, IReadOnlyList<string> AccessedBy);

/// <summary>The answer to "who leaked this sample".</summary>
/// <param name="Sample">The sample's paths.</param>
/// <param name="Seen">When the sample was seen; accesses after it do not count.</param>
/// <param name="Records">Records in the sample.</param>
/// <param name="Matched">Records matched to the owner's customers.</param>
/// <param name="Known">Matched records already in known leaks (obtainable elsewhere).</param>
/// <param name="Verdict">attributed, shortlist or undetermined.</param>
/// <param name="BackgroundShare">The estimated share of the sample from other sources (π).</param>
/// <param name="Ranked">Explanations, most probable first ("none of these channels" has no channel).</param>
/// <param name="Evidence">The access log on the leading candidates.</param>
/// <param name="Caveats">What the numbers cannot say.</param>
/// <param name="Rows">Each record: masked identifiers and which leading candidates had accessed it.</param>
/// <param name="Scan">The sample's scan.</param>
public sealed record TraceReport(
    string Sample,
    DateOnly Seen,
    int Records,
    int Matched,
    int Known,
    string Verdict,
    double BackgroundShare,
    IReadOnlyList<TraceHypothesis> Ranked,
    IReadOnlyList<ChannelEvidence> Evidence,
    IReadOnlyList<string> Caveats,
    IReadOnlyList<SampleRow> Rows,
    ScanSummary Scan)
{
    /// <summary>The same caveats as data (one per entry of <see cref="Caveats"/>, in order), for wording them in another language.</summary>
    public IReadOnlyList<TraceCaveat> CaveatCodes { get; init; } = [];
}

/// <summary>Which limit of a trace a caveat states (<see cref="TraceCaveat"/>).</summary>
public enum TraceCaveatKind
{
    /// <summary>Probabilities assume the leaker took records it accessed at random.</summary>
    RandomTaking,

    /// <summary><see cref="TraceCaveat.Count"/> records match none of the owner's customers.</summary>
    Unmatched,

    /// <summary>The evidence does not separate the candidates.</summary>
    NotSeparated,

    /// <summary>Only <see cref="TraceCaveat.Count"/> matched records: overlapping channels cannot be told apart reliably.</summary>
    FewMatched,

    /// <summary><see cref="TraceCaveat.Count"/> channels considered; a channel not in the owner's list cannot be named.</summary>
    ChannelsConsidered,
}

/// <summary>One caveat of a trace with its figure; <see cref="English"/> words it as `trace` prints it.</summary>
public sealed record TraceCaveat(TraceCaveatKind Kind, int Count)
{
    /// <summary>The caveat as `trace` prints it.</summary>
    public string English() => Kind switch
    {
        TraceCaveatKind.RandomTaking => "Probabilities assume the leaker took records it accessed, at random; a leaker who accessed records only to copy some of them looks the same.",
        TraceCaveatKind.Unmatched => $"{Count} record(s) match none of the owner's customers: they came from elsewhere, or the customer data is out of date.",
        TraceCaveatKind.NotSeparated => "The evidence does not separate the candidates: more records, canaries or marks are needed to name one.",
        TraceCaveatKind.FewMatched => $"Only {Count} matched record(s): with so few, channels with overlapping access cannot be told apart reliably.",
        _ => $"{Count} channel(s) considered; a channel not in the owner's channel list cannot be named.",
    };
}

/// <summary>`tracemark trace`: scans a sample, matches its records to the owner's customers by tag, and attributes it.</summary>
public sealed class Tracer(KnownLeakStore store)
{
    private readonly OwnerStore _owner = new(store);

    /// <summary>
    /// Reads the sample and attributes it. <paramref name="monitor"/> counts the sample's bytes and records as they
    /// are read; <paramref name="cancellation"/> stops the reading after the record in hand (and the weighing before
    /// it starts) with an <see cref="OperationCanceledException"/>: no attribution is made from part of a sample.
    /// </summary>
    public TraceReport Trace(ScanOptions sample, DateOnly seen, ScanMonitor? monitor = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(sample);
        using var collector = new RecordTags(_owner.CreateTagger());
        var scan = Scanner.Scan(sample with { Observer = collector }, monitor ?? new ScanMonitor(), cancellation);
        cancellation.ThrowIfCancellationRequested();
        return Attribute(collector.Records, collector.Masked, scan, string.Join(" ", sample.Paths), seen);
    }

    /// <summary>
    /// Attributes a sample the caller has already read in its own scan pass: per record (in input order, records
    /// without a stored kind left out), the keyed tags of its identifiers of the kinds the store keeps. The rows carry
    /// no masked identifiers (the caller did not keep them). `incident add` traces its evidence this way.
    /// </summary>
    public TraceReport Trace(IReadOnlyList<IReadOnlyList<Tag>> records, ScanSummary scan, string sample, DateOnly seen)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(scan);
        return Attribute(records, null, scan, sample, seen);
    }

    private TraceReport Attribute(IReadOnlyList<IReadOnlyList<Tag>> sampleRecords, List<string>? masked, ScanSummary scan, string sample, DateOnly seen)
    {
        var db = _owner.Data;
        var seenTime = new DateTimeOffset(seen.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).ToUnixTimeSeconds();

        // Each record is the customer most of its identifiers belong to; known when any identifier is in a known leak.
        var allTags = sampleRecords.SelectMany(r => r).Distinct().ToList();
        var customerOf = db.CustomersOf(allTags);
        var knownTags = store.KnownTags(allTags);

        var records = new List<SampleRecord>();
        foreach (var tags in sampleRecords)
        {
            var votes = tags.Where(customerOf.ContainsKey).GroupBy(t => customerOf[t]).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).FirstOrDefault();
            records.Add(new SampleRecord(votes is null ? -1 : (int)votes.Key, tags.Any(knownTags.Contains)));
        }

        var customers = records.Where(r => r.Customer >= 0).Select(r => r.Customer).Distinct().ToList();
        var keys = customers.Select(c => (long)c).ToList();
        var reached = customers.ToDictionary(c => c, _ => new List<int>());
        foreach (var (customer, channel) in db.Reached(keys, seenTime))
        {
            reached[(int)customer].Add((int)channel);
        }

        var channelsOf = reached.ToDictionary(p => p.Key, p => p.Value.Order().ToArray());
        var candidates = channelsOf.Values.SelectMany(c => c).Distinct().Select(c => (long)c).ToList();
        var accessed = db.ChannelCustomers(candidates, seenTime).ToDictionary(p => (int)p.Key, p => (int)p.Value);
        var canaries = db.CanaryChannels(keys).ToDictionary(p => (int)p.Key, p => (int)p.Value);
        var totalCustomers = (int)db.CustomerCount();
        var channels = Channels();
        if (totalCustomers == 0 || channels.Count == 0)
        {
            throw new StoreException($"{store.Description} holds no owner data yet: run `tracemark owner import` first");
        }

        var index = new AccessIndex(totalCustomers, channels.Count, channelsOf, accessed, canaries);
        // The share of all customers already in known leaks is not measured here (it would read every tag); the
        // model's default of 5 % sets how much a known record counts as obtainable elsewhere.
        var result = new LikelihoodModel(index).Attribute(records);
        string Name(int c) => channels.TryGetValue(c, out var x) ? x.Name : $"channel {c}";
        var ranked = result.Ranked.Take(10).Select(h => new TraceHypothesis([.. h.Channels.Select(Name)], h.Posterior, h.Explained, h.Canaries)).ToList();
        var leading = result.Ranked.Where(h => !h.IsNone).Take(5).SelectMany(h => h.Channels).Distinct().Take(5).ToList();
        var evidence = leading.Select(c => Evidence(c, channels[c], customers.Count, channelsOf.Where(p => p.Value.Contains(c)).Select(p => (long)p.Key).ToList(), accessed, seenTime)).ToList();
        var rows = records.Select((r, i) => new SampleRow(
            i + 1,
            masked?[i] ?? string.Empty,
            r.Customer >= 0,
            r.InKnownLeak,
            r.Customer >= 0 && canaries.ContainsKey(r.Customer),
            r.Customer >= 0 && channelsOf.TryGetValue(r.Customer, out var by) ? [.. by.Where(leading.Contains).Select(Name)] : [])).ToList();
        var caveats = Caveats(result, channels.Count);
        return new TraceReport(
            sample,
            seen,
            result.Records,
            result.Matched,
            result.Known,
            result.Verdict.ToString().ToLowerInvariant(),
            result.Pi,
            ranked,
            evidence,
            [.. caveats.Select(c => c.English())],
            rows,
            scan)
        {
            CaveatCodes = caveats,
        };
    }

    private static List<TraceCaveat> Caveats(Attribution.Attribution a, int channels)
    {
        var list = new List<TraceCaveat> { new(TraceCaveatKind.RandomTaking, 0) };
        if (a.Matched < a.Records)
        {
            list.Add(new(TraceCaveatKind.Unmatched, a.Records - a.Matched));
        }

        if (a.Verdict != Attribution.Verdict.Attributed)
        {
            list.Add(new(TraceCaveatKind.NotSeparated, 0));
        }

        if (a.Matched < 20)
        {
            list.Add(new(TraceCaveatKind.FewMatched, a.Matched));
        }

        list.Add(new(TraceCaveatKind.ChannelsConsidered, channels));
        return list;
    }

    // Only the sampled customers the channel reached before the sample was seen can have access rows to read.
    private ChannelEvidence Evidence(int channel, (string Name, string Kind, string? Unit) info, int sampled, List<long> reached, Dictionary<int, int> accessed, long seenTime)
    {
        var db = _owner.Data;
        var times = new List<long>();
        var devices = new HashSet<string>();
        foreach (var access in db.Accesses(reached, channel, seenTime))
        {
            times.Add(access.Time);
            if (access.Device is not null)
            {
                devices.Add(access.Device);
            }
        }

        var newDevices = 0;
        if (times.Count > 0)
        {
            var recent = times.Min() - (7 * 86_400);
            newDevices = db.DeviceFirstUse(devices, channel).Values.Count(first => first >= recent);
        }

        static DateTime At(long s) => DateTimeOffset.FromUnixTimeSeconds(s).UtcDateTime;
        var offHours = times.Count == 0 ? 0 : times.Count(t => At(t).Hour is < 7 or >= 22) / (double)times.Count;
        var timeline = times.GroupBy(t => DateOnly.FromDateTime(At(t))).OrderBy(g => g.Key).ToDictionary(g => g.Key, g => g.Count());
        var days = db.Daily(channel, seenTime / 86_400);
        var peak = days.Count == 0 ? default : days.MaxBy(d => d.Accesses);
        var sortedCounts = days.Select(d => d.Accesses).Order().ToList();
        var median = sortedCounts.Count == 0 ? 0 : sortedCounts.Count % 2 == 1 ? sortedCounts[sortedCounts.Count / 2] : (sortedCounts[(sortedCounts.Count / 2) - 1] + sortedCounts[sortedCounts.Count / 2]) / 2.0;
        return new ChannelEvidence(info.Name, info.Kind, info.Unit, reached.Count, sampled - reached.Count, accessed.GetValueOrDefault(channel),
            times.Count == 0 ? null : At(times.Min()), times.Count == 0 ? null : At(times.Max()), offHours, devices.Count, newDevices, timeline,
            days.Count == 0 ? null : DateOnly.FromDayNumber(DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber + (int)peak.Day), peak.Accesses, median);
    }

    private Dictionary<int, (string Name, string Kind, string? Unit)> Channels() =>
        _owner.Data.Channels().ToDictionary(c => (int)c.Id, c => (c.Name, c.Kind, c.Unit));

    /// <summary>Tags of each record's strong identifiers, grouped by (table, record).</summary>
    private sealed class RecordTags(Tagger tagger) : IFindingObserver, IDisposable
    {
        private readonly Tagger _tagger = tagger;
        private readonly Dictionary<(string, long), int> _records = [];
        private readonly List<List<Tag>> _order = [];
        private readonly List<string> _masked = [];

        public IReadOnlyList<List<Tag>> Records => _order;

        /// <summary>Per record, its identifiers masked (the report never shows them in clear).</summary>
        public List<string> Masked => _masked;

        public void Observe(IdentifierKind kind, ReadOnlySpan<char> canonical, string source, long record)
        {
            if (!KnownLeakStore.StoresKind(kind))
            {
                return;
            }

            if (!_records.TryGetValue((source, record), out var at))
            {
                at = _order.Count;
                _records[(source, record)] = at;
                _order.Add([]);
                _masked.Add(string.Empty);
            }

            _order[at].Add(_tagger.Make(kind, canonical));
            var masked = Masking.Mask(kind, canonical.ToString());
            _masked[at] = _masked[at].Length == 0 ? masked : $"{_masked[at]} {masked}";
        }

        public void Dispose() => _tagger.Dispose();
    }
}
