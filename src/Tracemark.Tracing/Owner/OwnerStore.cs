using System.Globalization;
using System.Security.Cryptography;
using Tracemark.Identifiers;
using Tracemark.Scanning;
using Tracemark.Scanning.Input;
using Tracemark.Store;
using Tracemark.Store.Owner;
using Tracemark.Store.Tags;

namespace Tracemark.Tracing.Owner;

/// <summary>What one import did.</summary>
/// <param name="File">The file.</param>
/// <param name="Kind">customers, channels or access.</param>
/// <param name="Rows">Rows read and stored.</param>
/// <param name="Unchanged">The same file was imported before: nothing done.</param>
/// <param name="Problems">Rows refused, each with its line and why.</param>
public sealed record ImportResult(string File, string Kind, long Rows, bool Unchanged, IReadOnlyList<string> Problems);

/// <summary>
/// The owner's data in the store (docs/owner-data.md): customers as keyed tags of their identifiers, channels,
/// the access log, and per (customer, channel) the first and last access — the index a trace reads. Imports are
/// idempotent (a file's SHA-256 is remembered) and incremental (new rows add to what is there).
/// </summary>
public sealed class OwnerStore
{
    private const int MaxProblems = 100;
    private readonly IOwnerData _db;
    private readonly KnownLeakStore _store;

    public OwnerStore(KnownLeakStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        _db = store.OwnerData;
        _store = store;
    }

    /// <summary>channel_id,kind,unit,active_from,active_to — kind one of employee, admin, partner, api, export.</summary>
    public ImportResult ImportChannels(string path, ScanMonitor? monitor = null) => Import(path, "channels", monitor, (file, header, rows, problems) =>
    {
        var col = Columns(header, path, "channel_id", "kind");
        IEnumerable<ChannelRow> Valid()
        {
            foreach (var (line, fields) in rows)
            {
                var name = Field(fields, col, "channel_id");
                var kind = Field(fields, col, "kind").ToLowerInvariant();
                if (name.Length == 0 || kind is not ("employee" or "admin" or "partner" or "api" or "export"))
                {
                    Problem(problems, path, line, $"needs a channel_id and a kind of employee, admin, partner, api or export (got '{kind}')");
                    continue;
                }

                yield return new ChannelRow(name, kind, Nullable(Field(fields, col, "unit")), Nullable(Field(fields, col, "active_from")), Nullable(Field(fields, col, "active_to")));
            }
        }

        return _db.ImportChannels(file, Valid());
    });

    /// <summary>
    /// customer_id plus identifier columns named by kind code (mobile, cn_id, email, qq, bank_card, …), and optionally
    /// unit: the outlet/route path that serves the customer (`outlet-07/route-03`), for `tracemark guard`'s scope.
    /// </summary>
    public ImportResult ImportCustomers(string path, ScanMonitor? monitor = null) => Import(path, "customers", monitor, (file, header, rows, problems) =>
    {
        var col = Columns(header, path, "customer_id");
        var kinds = header.Select((h, i) => (Index: i, Ok: IdentifierKinds.TryParse(h.Trim(), out var k) && KnownLeakStore.StoresKind(k), Kind: k)).Where(x => x.Ok).ToList();
        if (kinds.Count == 0)
        {
            throw new StoreException($"{path}: no identifier columns (name them by kind: mobile, cn_id, email, qq, bank_card, landline …)");
        }

        IEnumerable<CustomerRow> Valid()
        {
            using var tagger = _store.CreateTagger();
            var canonical = new char[Identifier.MaxCanonicalLength];
            foreach (var (line, fields) in rows)
            {
                var id = Field(fields, col, "customer_id");
                if (id.Length == 0)
                {
                    Problem(problems, path, line, "no customer_id");
                    continue;
                }

                var tags = new List<Tag>(kinds.Count);
                foreach (var (index, _, kind) in kinds)
                {
                    var text = index < fields.Count ? fields[index].Trim() : string.Empty;
                    if (text.Length == 0)
                    {
                        continue;
                    }

                    var v = Identifier.Check(kind, text, canonical);
                    if (!v.IsValid)
                    {
                        Problem(problems, path, line, $"{kind.Code()} is not valid ({v.Explain()})");
                        continue;
                    }

                    tags.Add(tagger.Make(kind, canonical.AsSpan(0, v.Length)));
                }

                yield return new CustomerRow(line, tagger.MakeLabeled("customer", id), tags, UnitPath.Normalize(Field(fields, col, "unit")));
            }
        }

        return _db.ImportCustomers(file, Valid());
    });

    /// <summary>time,channel_id,customer_id,action,device,ip — time in ISO 8601; action view, search, export, print or api.</summary>
    public ImportResult ImportAccess(string path, ScanMonitor? monitor = null) => Import(path, "access", monitor, (file, header, rows, problems) =>
    {
        var col = Columns(header, path, "time", "channel_id", "customer_id", "action");
        var channels = _db.ChannelIds();
        var customers = _db.CustomerIds();
        using var tagger = _store.CreateTagger();

        // Customer numbers repeat on every access row: tag each distinct one once (in memory only while importing).
        var customerOf = new Dictionary<string, long>(StringComparer.Ordinal);
        var devices = new Dictionary<(long Channel, string Device), long>();
        var daily = new Dictionary<(long Channel, long Day), long>();
        var fieldUse = new Dictionary<(long Channel, string Action, string Fields), long>();
        var hasFields = col.ContainsKey("fields");
        long count = 0;
        using var runs = new AccessRuns();
        foreach (var (line, fields) in rows)
        {
            var channelName = Field(fields, col, "channel_id");
            if (!channels.TryGetValue(channelName, out var channel))
            {
                Problem(problems, path, line, $"channel '{channelName}' is not in the imported channels");
                continue;
            }

            var id = Field(fields, col, "customer_id");
            if (!customerOf.TryGetValue(id, out var customer))
            {
                customer = customers.TryGetValue(tagger.MakeLabeled("customer", id), out var c) ? c : -1;
                customerOf[id] = customer;
            }

            if (customer < 0)
            {
                Problem(problems, path, line, "customer_id is not in the imported customers");
                continue;
            }

            if (!TryParseTime(Field(fields, col, "time"), out var seconds))
            {
                Problem(problems, path, line, $"time '{Field(fields, col, "time")}' is not an ISO 8601 date and time");
                continue;
            }

            var device = Nullable(Field(fields, col, "device"));
            runs.Add(new AccessRow(customer, channel, seconds, Field(fields, col, "action"), device, Nullable(Field(fields, col, "ip"))));
            if (device is not null)
            {
                devices[(channel, device)] = Math.Min(devices.GetValueOrDefault((channel, device), long.MaxValue), seconds);
            }

            if (hasFields && Fields(Field(fields, col, "fields")) is { Length: > 0 } returned)
            {
                var key = (channel, Field(fields, col, "action").ToLowerInvariant(), returned);
                fieldUse[key] = fieldUse.GetValueOrDefault(key) + 1;
            }

            var day = Math.DivRem(seconds, 86_400L, out var rest) - (rest < 0 ? 1 : 0);
            daily[(channel, day)] = daily.GetValueOrDefault((channel, day)) + 1;
            count++;
        }

        // In index order: the access rows and, per (customer, channel), the first and last access, which arrive together.
        _db.ImportAccess(file, count, runs.SortedAhead(), devices, daily, fieldUse);
        return count;
    });

    /// <summary>
    /// The canonical form of an access log's optional fields column ("name;mobile;address_masked"): the fields an
    /// access returned, as lower-case kind codes, distinct, in ordinal order and joined with commas, so the same set
    /// always counts under one key. Public for the audit, which reads the owner's field grants in the same form.
    /// </summary>
    public static string Fields(string text) =>
        string.Join(',', text.Split([',', ';', '|', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(f => f.ToLowerInvariant()).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));

    // The common form (2025-11-03T11:13:36, no zone, taken as UTC) goes through the scanner's span parser, ten times
    // faster than DateTime.TryParse on every row of a log; anything with a zone or in another form falls back to it.
    private static bool TryParseTime(string text, out long seconds)
    {
        if (text.Length == 19 && Scanning.Detection.RecordTime.TryParse(text, out var plain))
        {
            seconds = new DateTimeOffset(plain, TimeSpan.Zero).ToUnixTimeSeconds();
            return true;
        }

        var ok = DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var time);
        seconds = ok ? new DateTimeOffset(time, TimeSpan.Zero).ToUnixTimeSeconds() : 0;
        return ok;
    }

    /// <summary>
    /// Creates <paramref name="count"/> canary customers for one channel: synthetic people (mobiles and e-mails from
    /// the owner's monitored pools when given) registered as customers whom only that channel is shown. Returns them
    /// in clear, for the owner to plant; the store keeps tags only.
    /// </summary>
    public IReadOnlyList<People.SyntheticPerson> IssueCanaries(string channel, int count, IReadOnlyList<string>? phones = null, IReadOnlyList<string>? emails = null)
    {
        if (!ChannelIds().TryGetValue(channel, out var channelId))
        {
            throw new StoreException($"there is no channel '{channel}'; import channels first (`tracemark owner import --channels`)");
        }

        if (count < 1 || (phones is { Count: > 0 } && phones.Count < count) || (emails is { Count: > 0 } && emails.Count < count))
        {
            throw new ArgumentException($"--count must be at least 1 and no more than the phones or e-mails given ({phones?.Count ?? 0}, {emails?.Count ?? 0})");
        }

        // Each issue draws from its own random population, far beyond any customer range, so canaries never repeat.
        var people = new People.Population(BitConverter.ToInt64(RandomNumberGenerator.GetBytes(8)) & long.MaxValue, 1_000_000_000);
        var first = RandomNumberGenerator.GetInt32(500_000_000);
        using var tagger = _store.CreateTagger();
        Span<char> canonical = stackalloc char[Identifier.MaxCanonicalLength];
        var issued = new List<People.SyntheticPerson>();
        var canaries = new List<CanaryRow>();
        var drawn = 0L;
        for (var i = 0; i < count; i++)
        {
            var p = people.Get(first + drawn++);
            p = p with
            {
                Mobile = phones is { Count: > 0 } ? phones[i] : p.Mobile,
                Email = emails is { Count: > 0 } ? emails[i] : p.Email,
            };

            // A synthetic identity that happens to be a real customer's cannot be a canary: draw another.
            var tags = new List<Tag>();
            var clash = false;
            foreach (var (kind, value) in new[] { (IdentifierKind.Mobile, p.Mobile), (IdentifierKind.ResidentId, p.ResidentId), (IdentifierKind.Email, p.Email) })
            {
                var v = Identifier.Check(kind, value, canonical);
                if (!v.IsValid)
                {
                    throw new StoreException($"canary {i + 1}: {kind.Code()} '{value}' is not valid ({v.Explain()})");
                }

                var tag = tagger.Make(kind, canonical[..v.Length]);
                clash |= _db.Taken(tag) || canaries.Any(c => c.Identifiers.Contains(tag));
                tags.Add(tag);
            }

            if (clash)
            {
                if (phones is { Count: > 0 } || emails is { Count: > 0 })
                {
                    throw new StoreException($"canary {i + 1}: a monitored phone or e-mail already belongs to a customer or canary");
                }

                i--;
                continue;
            }

            canaries.Add(new CanaryRow(tagger.MakeLabeled("canary", Guid.NewGuid().ToString("N")), tags));
            issued.Add(p);
        }

        _db.AddCanaries(channelId, canaries);
        return issued;
    }

    // Read through the scanner's input layer, so owner exports are read like leak files: encodings sniffed from
    // content (a GBK export from a Windows tool), RFC 4180 quoting, zip archives and workbooks. A zip's tables are
    // read in order as one file; one whose header differs from the first table's is refused by name.
    private ImportResult Import(string path, string kind, ScanMonitor? monitor, Func<ImportFile, IReadOnlyList<string>, IEnumerable<(long Line, IReadOnlyList<string> Fields)>, List<string>, long> work)
    {
        var hash = Hash(path);
        if (_db.WasImported(hash))
        {
            return new ImportResult(path, kind, 0, true, []);
        }

        var problems = new List<string>();
        var name = Path.GetFileName(Path.GetFullPath(path));
        string Where(string source) => source == name ? path : path + source[name.Length..];
        using var records = TableFile.Read(path, e =>
        {
            if (problems.Count < MaxProblems)
            {
                problems.Add($"{Where(e.Source)}{(e.Record is { } r ? $" record {r}" : string.Empty)}: {e.Message}");
            }
        }, monitor: monitor).GetEnumerator();
        if (!records.MoveNext())
        {
            throw new StoreException($"{path}: empty file (a header line is needed)");
        }

        var header = records.Current.Header;
        IEnumerable<(long, IReadOnlyList<string>)> Rows()
        {
            var skipping = false;
            do
            {
                var record = records.Current;
                if (record.IsHeader)
                {
                    skipping = !record.Fields.Select(f => f.Trim()).SequenceEqual(header.Select(h => h.Trim()), StringComparer.OrdinalIgnoreCase);
                    if (skipping && problems.Count < MaxProblems)
                    {
                        problems.Add($"{Where(record.Source)}: its header differs from the first table's; not imported");
                    }

                    continue;
                }

                if (!skipping)
                {
                    yield return (record.Line, record.Fields);
                }
            }
            while (records.MoveNext());
        }

        // The store writes each file in one transaction: a crash midway leaves nothing of it, and the file counts as
        // imported only with all its rows.
        var rows = work(new ImportFile(hash, Path.GetFileName(path), kind), header, Rows(), problems);
        return new ImportResult(path, kind, rows, false, problems);
    }

    private static Dictionary<string, int> Columns(IReadOnlyList<string> header, string path, params string[] required)
    {
        var map = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < header.Count; i++)
        {
            map.TryAdd(header[i].Trim(), i);
        }

        var missing = required.Where(r => !map.ContainsKey(r)).ToList();
        return missing.Count == 0 ? map : throw new StoreException($"{path} line 1: missing column(s) {string.Join(", ", missing)}");
    }

    private static string Field(IReadOnlyList<string> fields, Dictionary<string, int> columns, string name) =>
        columns.TryGetValue(name, out var i) && i < fields.Count ? fields[i].Trim() : string.Empty;

    private static string? Nullable(string text) => text.Length == 0 ? null : text;

    private static void Problem(List<string> problems, string path, long line, string what)
    {
        if (problems.Count < MaxProblems)
        {
            problems.Add($"{path} line {line}: {what}");
        }
    }

    private static string Hash(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            return Convert.ToHexStringLower(SHA256.HashData(stream));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StoreException($"{path}: cannot be read ({e.Message})");
        }
    }

    internal Dictionary<string, long> ChannelIds() => _db.ChannelIds();

    internal IOwnerData Data => _db;

    internal Tagger CreateTagger() => _store.CreateTagger();
}
