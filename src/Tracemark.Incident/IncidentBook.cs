using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Tracemark.Identifiers;
using Tracemark.Incident.Rules;
using Tracemark.Scanning;
using Tracemark.Store;
using Tracemark.Store.Incidents;
using Tracemark.Store.Tags;
using Tracemark.Tracing.Owner;

namespace Tracemark.Incident;

/// <summary>
/// `tracemark incident`: incidents in the store (docs/incident.md). Evidence is scanned with the scanner, compared
/// with the known-leak store and, where the owner's data is imported, traced and matched to the owner's customers by
/// keyed tag. The report applies the rules of Rules/ to what the evidence holds.
/// </summary>
public sealed class IncidentBook
{
    internal static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = null,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private readonly KnownLeakStore _store;
    private readonly TimeProvider _clock;

    public IncidentBook(KnownLeakStore store, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
        _clock = clock ?? TimeProvider.System;
    }

    private IIncidents Db => _store.Incidents;

    /// <summary>Checks what `incident open` is given, before any work: a bad time or operator type is an <see cref="ArgumentException"/>.</summary>
    public static (DateTimeOffset Discovered, decimal? Loss) Validate(string discovered, string operatorType, string? loss, DateTimeOffset now)
    {
        if (!IncidentTime.TryParse(discovered, out var time, out var problem))
        {
            throw new ArgumentException($"--discovered: {problem}");
        }

        if (time > now.AddMinutes(5))
        {
            throw new ArgumentException($"--discovered: {IncidentTime.Format(time)} is in the future");
        }

        if (!Deadlines.TryParseOperator(operatorType, out _))
        {
            throw new ArgumentException($"--operator: '{operatorType}' is not an operator type; use cii (critical information infrastructure), central (central state organs) or other");
        }

        decimal? yuan = null;
        if (loss is not null)
        {
            if (!decimal.TryParse(loss, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var v))
            {
                throw new ArgumentException($"--loss: '{loss}' is not an amount in yuan (digits, optionally with a decimal point)");
            }

            yuan = v;
        }

        return (time, yuan);
    }

    public IncidentInfo Open(string name, string discovered, string operatorType, string? loss, string? ownerContact, string? entity, string? system)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var (time, yuan) = Validate(discovered, operatorType, loss, _clock.GetUtcNow());
        Db.Open(new IncidentRecord(0, name, IncidentTime.Format(time), operatorType, yuan?.ToString(CultureInfo.InvariantCulture), ownerContact, entity, system, null, IncidentTime.Format(_clock.GetUtcNow())));
        return Info(Find(name));
    }

    public IReadOnlyList<IncidentInfo> List() => [.. Db.List().Select(Info)];

    /// <summary>Handling ended at <paramref name="ended"/>: the closing report is due 30 days later.</summary>
    public IncidentInfo Close(string name, string ended)
    {
        var incident = Find(name);
        if (!IncidentTime.TryParse(ended, out var time, out var problem))
        {
            throw new ArgumentException($"--ended: {problem}");
        }

        if (!IncidentTime.TryParse(incident.Discovered, out var discovered, out _) || time < discovered)
        {
            throw new ArgumentException($"--ended: {IncidentTime.Format(time)} is before the incident was discovered ({incident.Discovered})");
        }

        Db.Close(incident.Id, IncidentTime.Format(time));
        return Info(Find(name));
    }

    /// <summary>
    /// Scans <paramref name="scan"/>'s paths as one piece of evidence: compared with the known leaks, persons counted
    /// once across the incident (and once per buyer for the criminal count), traced and matched to the owner's
    /// customers when the owner's data is imported. Written in one transaction; evidence holding nothing readable is
    /// refused and nothing is written.
    /// </summary>
    public EvidenceResult Add(string name, ScanOptions scan, string? buyer) => Add(name, scan, buyer, null);

    /// <summary>
    /// As <see cref="Add(string, ScanOptions, string?)"/>, with the evidence named by <paramref name="shownAs"/> (one name
    /// per path, in order) in what is kept and reported — the workspace stores uploads under ids, and its reports name
    /// the files as they were uploaded, never where the server keeps them.
    /// </summary>
    public EvidenceResult Add(string name, ScanOptions scan, string? buyer, IReadOnlyList<string>? shownAs)
    {
        ArgumentNullException.ThrowIfNull(scan);
        if (shownAs is not null && shownAs.Count != scan.Paths.Count)
        {
            throw new ArgumentException($"{shownAs.Count} name(s) for {scan.Paths.Count} path(s)", nameof(shownAs));
        }

        string Shown(string text)
        {
            for (var i = 0; shownAs is not null && i < shownAs.Count; i++)
            {
                text = text.Replace(scan.Paths[i], shownAs[i], StringComparison.Ordinal);
            }

            return text;
        }

        // The scanner names a file by its file name (an archive member or sheet after a '!').
        string Source(string source)
        {
            for (var i = 0; shownAs is not null && i < shownAs.Count; i++)
            {
                var file = Path.GetFileName(scan.Paths[i]);
                if (source == file || source.StartsWith(file + "!", StringComparison.Ordinal))
                {
                    return shownAs[i] + source[file.Length..];
                }
            }

            return source;
        }

        var incident = Find(name);
        if (!IncidentTime.TryParse(incident.Discovered, out var discovered, out _))
        {
            throw new StoreException($"incident '{name}': its discovery time '{incident.Discovered}' cannot be read");
        }

        // The same files sold to another buyer are another sale (Art. 11): the buyer is part of what makes evidence new.
        var hash = scan.Paths.Count == 1 && scan.Paths[0] == "-" ? null : ContentHash(scan.Paths) + (buyer is null ? string.Empty : "@" + buyer);
        if (hash is not null && Db.HasEvidence(incident.Id, hash))
        {
            return new EvidenceResult("unchanged", null, []);
        }

        // One pass over the evidence: the comparison's tagging and this incident's per-record tags (persons, the
        // owner's customers, the trace) read the same scan; the files are parsed once (a FIFO or standard input works).
        var seen = DateOnly.FromDateTime(discovered.Date);
        using var records = new EvidenceRecords(_store.CreateTagger());
        var comparison = _store.Compare(scan with { Observer = records, Findings = null }, seen);
        var summary = comparison.Scan;
        var problems = summary.Errors.Select(e => Shown($"{Source(e.Source)}{(e.Record is { } r ? $" record {r}" : string.Empty)}: {e.Message}")).ToList();
        if (summary.Records == 0 || summary.Persons == 0)
        {
            throw new StoreException(Shown($"{string.Join(", ", scan.Paths)}: no personal data could be read, so nothing was added{(problems.Count > 0 ? " (" + string.Join("; ", problems.Take(5)) + ")" : string.Empty)}"));
        }

        var persons = records.Persons();
        var allKeys = persons.SelectMany(p => p.Keys).Distinct().ToList();
        var held = Db.PersonTags(incident.Id, allKeys);
        var buyerKey = buyer ?? string.Empty;
        var seenBefore = persons.Count(p => p.Keys.Any(held.ContainsKey));
        var seenForBuyer = persons.Count(p => p.Keys.Any(t => held.TryGetValue(t, out var b) && b.Contains(buyerKey)));
        var newPersons = Math.Max(0, summary.Persons - seenBefore);
        var newForBuyer = Math.Max(0, summary.Persons - seenForBuyer);
        var newTags = allKeys.Where(t => !(held.TryGetValue(t, out var b) && b.Contains(buyerKey))).ToList();

        // Art. 11 counting is done over all evidence when the report is made (Sales.Count): each person's key tags
        // are kept with the person's band; persons without a resident ID or mobile cannot be recognised in another
        // file and are kept as counts. This evidence's own bands are kept for the record.
        var bands = new Dictionary<string, long>(StringComparer.Ordinal);
        var keyless = new Dictionary<string, long>(StringComparer.Ordinal);
        var sold = new List<SoldTag>();
        for (var i = 0; i < persons.Count; i++)
        {
            var (keys, band) = persons[i];
            var code = CriminalTiers.Code(band);
            bands[code] = bands.GetValueOrDefault(code) + 1;
            if (keys.Count == 0)
            {
                keyless[code] = keyless.GetValueOrDefault(code) + 1;
            }

            foreach (var tag in keys)
            {
                sold.Add(new SoldTag(i, (int)band, tag));
            }
        }

        // The owner's customers, when the owner's data is imported: each record is the customer most of its
        // identifiers belong to; the kinds of that record are what leaked of that customer.
        var owner = _store.OwnerData;
        var customers = new Dictionary<long, string>();
        TraceView? trace = null;
        if (owner.CustomerCount() > 0 && owner.Channels().Count > 0)
        {
            var customerOf = owner.CustomersOf(records.AllTags());
            var kindsOf = new Dictionary<long, SortedSet<string>>();
            foreach (var (tags, kinds) in records.Records)
            {
                var vote = tags.Where(customerOf.ContainsKey).GroupBy(t => customerOf[t]).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).FirstOrDefault();
                if (vote is null)
                {
                    continue;
                }

                if (!kindsOf.TryGetValue(vote.Key, out var set))
                {
                    kindsOf[vote.Key] = set = new SortedSet<string>(StringComparer.Ordinal);
                }

                set.UnionWith(kinds);
            }

            foreach (var (customer, kinds) in kindsOf)
            {
                customers[customer] = string.Join(',', kinds);
            }

            var traced = new Tracer(_store).Trace([.. records.Records.Where(r => r.Tags.Count > 0).Select(r => (IReadOnlyList<Tag>)r.Tags)], summary, string.Join(" ", scan.Paths), seen);
            var top = traced.Ranked.Count > 0 ? traced.Ranked[0] : null;
            trace = new TraceView(traced.Verdict, traced.Records, traced.Matched, top?.Channels ?? [], top?.Posterior ?? 0);
        }

        var view = new EvidenceView(
            string.Join(" ", shownAs ?? scan.Paths),
            IncidentTime.Format(_clock.GetUtcNow()),
            buyer,
            summary.Records,
            summary.Persons,
            newPersons,
            comparison.Identifiers,
            comparison.Known,
            [.. comparison.Datasets.Select(d => d.Name)],
            comparison.Freshness.Grade,
            summary.Kinds.Where(k => k.Value > 0).ToDictionary(k => k.Key, k => k.Value, StringComparer.Ordinal),
            trace,
            customers.Count,
            problems.Count);
        var facts = JsonSerializer.Serialize(new EvidenceFacts(view, bands, newForBuyer, keyless, Exact: true), Json);
        Db.AddEvidence(incident.Id, new EvidenceRecord(0, view.Files, hash ?? "stdin-" + Guid.NewGuid().ToString("N"), buyer, view.Added, newPersons, facts), newTags, sold, customers);
        return new EvidenceResult("added", view, problems);
    }

    /// <summary>Everything the law asks of the owner now, from what the incident holds.</summary>
    public IncidentReport Report(string name, bool insider = false, decimal? income = null, IReadOnlyList<string>? measures = null, string? cause = null)
    {
        var incident = Find(name);
        var evidence = Db.Evidence(incident.Id).Select(e => JsonSerializer.Deserialize<EvidenceFacts>(e.Facts, Json)!).ToList();
        var counts = Sales.Count(Db.Sales(incident.Id), evidence);
        return IncidentReports.Build(incident, evidence, counts, Db.Customers(incident.Id).Count, _store.OwnerData.CustomerCount() > 0, _clock.GetUtcNow(), insider, income, measures ?? [], cause);
    }

    /// <summary>
    /// Writes one row per affected customer of the owner to <paramref name="output"/>: customer_id, the channels the
    /// owner's records allow (sms when it holds a valid mobile, email when a valid e-mail), the categories leaked and
    /// the SMS text. Customer numbers come from the owner's own customers file, matched by keyed tag; no contact
    /// value is read into the output. Returns the rows written.
    /// </summary>
    public int WriteNotify(IncidentReport report, string customersFile, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(output);
        var incident = Find(report.Name);
        var affected = Db.Customers(incident.Id);
        return NotifyFile.Write(_store, affected, customersFile, report, output);
    }

    private IncidentRecord Find(string name) =>
        Db.Find(name) ?? throw new StoreException($"there is no incident '{name}'; open it with `tracemark incident open {name} --discovered TIME --operator cii|central|other`");

    private static IncidentInfo Info(IncidentRecord r) =>
        new(r.Name, r.Discovered, r.Operator, r.Loss is null ? null : decimal.Parse(r.Loss, CultureInfo.InvariantCulture), r.OwnerContact, r.Entity, r.System, r.Ended);

    private static string ContentHash(IReadOnlyList<string> paths)
    {
        using var sha = System.Security.Cryptography.SHA256.Create();
        var digests = new List<string>();
        foreach (var path in paths)
        {
            var files = Directory.Exists(path) ? Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal) : (IEnumerable<string>)[path];
            foreach (var file in files)
            {
                using var stream = File.OpenRead(file);
                digests.Add(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(stream)));
            }
        }

        digests.Sort(StringComparer.Ordinal);
        return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(string.Join('\n', digests))));
    }
}

/// <summary>
/// What the incident keeps of one evidence (the JSON in its row): its persons per band, those new for its buyer, and
/// its persons without a resident ID or mobile per band. <paramref name="Exact"/>: its persons' key tags are in the
/// store's sold tags (evidence added before that was counted by <paramref name="Bands"/> alone).
/// </summary>
internal sealed record EvidenceFacts(EvidenceView View, Dictionary<string, long> Bands, long NewForBuyer, Dictionary<string, long>? Keyless = null, bool Exact = false);

/// <summary>
/// Per record of the evidence, its identifiers as keyed tags and its kind codes; per person slot (the scanner's
/// persons within a record), the tags of its resident IDs and mobiles and its band. Persons are slots linked by a
/// shared resident ID or mobile, as the scanner links them.
/// </summary>
internal sealed class EvidenceRecords(Tagger tagger) : IPersonObserver, IDisposable
{
    private readonly Tagger _tagger = tagger;
    private readonly Dictionary<(string, long), int> _index = [];
    private readonly List<(List<Tag> Tags, HashSet<string> Kinds)> _records = [];
    private readonly List<List<Tag>?> _slotKeys = [];
    private readonly List<CriminalBand> _slotBand = [];

    public IReadOnlyList<(List<Tag> Tags, HashSet<string> Kinds)> Records => _records;

    public void Observe(IdentifierKind kind, ReadOnlySpan<char> canonical, string source, long record) => Observe(kind, canonical, source, record, -1);

    public void Observe(IdentifierKind kind, ReadOnlySpan<char> canonical, string source, long record, long person)
    {
        if (!_index.TryGetValue((source, record), out var at))
        {
            at = _records.Count;
            _index[(source, record)] = at;
            _records.Add(([], new HashSet<string>(StringComparer.Ordinal)));
        }

        _records[at].Kinds.Add(kind.Code());
        if (!KnownLeakStore.StoresKind(kind))
        {
            return;
        }

        var tag = _tagger.Make(kind, canonical);
        _records[at].Tags.Add(tag);
        if (person >= 0 && kind is IdentifierKind.ResidentId or IdentifierKind.Mobile)
        {
            Slot(person);
            (_slotKeys[(int)person] ??= []).Add(tag);
        }
    }

    public void Person(long person, string category)
    {
        Slot(person);
        _slotBand[(int)person] = CriminalTiers.BandOf(category);
    }

    // Slots are numbered from 0 in scan order; a slot's findings come before its Person call.
    private void Slot(long person)
    {
        while (_slotKeys.Count <= person)
        {
            _slotKeys.Add(null);
            _slotBand.Add(CriminalBand.Other);
        }
    }

    public List<Tag> AllTags() => [.. _records.SelectMany(r => r.Tags).Distinct()];

    /// <summary>
    /// Union–find over slots sharing an ID or mobile tag: each person's key tags (none for a person the file gives
    /// no ID or mobile for) and the most sensitive band of its slots.
    /// </summary>
    public List<(List<Tag> Keys, CriminalBand Band)> Persons()
    {
        var parent = Enumerable.Range(0, _slotKeys.Count).ToArray();
        int Root(int i)
        {
            while (parent[i] != i)
            {
                parent[i] = parent[parent[i]];
                i = parent[i];
            }

            return i;
        }

        var first = new Dictionary<Tag, int>();
        for (var i = 0; i < _slotKeys.Count; i++)
        {
            foreach (var tag in _slotKeys[i] ?? [])
            {
                if (first.TryGetValue(tag, out var j))
                {
                    parent[Root(i)] = Root(j);
                }
                else
                {
                    first[tag] = i;
                }
            }
        }

        var persons = new Dictionary<int, (HashSet<Tag> Keys, CriminalBand Band)>();
        for (var i = 0; i < _slotKeys.Count; i++)
        {
            var root = Root(i);
            var (keys, band) = persons.TryGetValue(root, out var p) ? p : ([], CriminalBand.Other);
            keys.UnionWith(_slotKeys[i] ?? []);
            persons[root] = (keys, (CriminalBand)Math.Min((int)band, (int)_slotBand[i]));
        }

        return [.. persons.OrderBy(p => p.Key).Select(p => (p.Value.Keys.Order().ToList(), p.Value.Band))];
    }

    public void Dispose() => _tagger.Dispose();
}
