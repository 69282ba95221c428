using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using Tracemark.Identifiers;
using Tracemark.Store;
using Tracemark.Store.Backends;
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
    private static readonly string[] ReachColumns = ["customer", "channel", "first_time", "last_time", "accesses"];
    private readonly IStoreBackend _db;
    private readonly StoreKey _key;

    public OwnerStore(KnownLeakStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        _db = store.Backend;
        _key = store.Key;
        EnsureSchema();
    }

    private string T(string name) => _db.Table(name);

    // Bumped whenever a table or index is added below.
    private const string SchemaVersion = "2";

    private void EnsureSchema()
    {
        // CREATE INDEX IF NOT EXISTS still takes a lock that waits for autovacuum on PostgreSQL (a trace after a bulk
        // load sat for the one second it takes autovacuum to give way), so the DDL runs only when the schema is
        // older than this code.
        if (_db.ReadMeta("owner_schema") == SchemaVersion)
        {
            return;
        }

        var blob = _db.IsPostgres ? "bytea" : "BLOB";
        var big = _db.IsPostgres ? "bigint" : "INTEGER";

        // Looked up by tag only: in SQLite the table is its primary key's B-tree, not a second index beside it.
        var withoutRowid = _db.IsPostgres ? string.Empty : " WITHOUT ROWID";
        Execute($"""
            CREATE TABLE IF NOT EXISTS {T("owner_customers")} (id {big} PRIMARY KEY, key_tag {blob} NOT NULL UNIQUE);
            CREATE TABLE IF NOT EXISTS {T("owner_identifiers")} (tag {blob} PRIMARY KEY, customer {big} NOT NULL){withoutRowid};
            CREATE TABLE IF NOT EXISTS {T("owner_identifiers_stage")} (tag {blob} NOT NULL, customer {big} NOT NULL, line {big} NOT NULL, is_key {big} NOT NULL);
            CREATE TABLE IF NOT EXISTS {T("owner_channels")} (id {big} PRIMARY KEY, name TEXT NOT NULL UNIQUE, kind TEXT NOT NULL, unit TEXT, active_from TEXT, active_to TEXT);
            CREATE TABLE IF NOT EXISTS {T("owner_reach")} (customer {big} NOT NULL, channel {big} NOT NULL, first_time {big} NOT NULL, last_time {big} NOT NULL, accesses {big} NOT NULL, PRIMARY KEY (customer, channel));
            CREATE INDEX IF NOT EXISTS owner_reach_by_channel ON {T("owner_reach")} (channel, first_time);
            CREATE TABLE IF NOT EXISTS {T("owner_access")} (customer {big} NOT NULL, channel {big} NOT NULL, time {big} NOT NULL, action TEXT NOT NULL, device TEXT, ip TEXT);
            CREATE INDEX IF NOT EXISTS owner_access_by_customer ON {T("owner_access")} (customer, channel, time);
            CREATE TABLE IF NOT EXISTS {T("owner_reach_stage")} (customer {big} NOT NULL, channel {big} NOT NULL, first_time {big} NOT NULL, last_time {big} NOT NULL, accesses {big} NOT NULL);
            CREATE TABLE IF NOT EXISTS {T("owner_devices")} (channel {big} NOT NULL, device TEXT NOT NULL, first_time {big} NOT NULL, PRIMARY KEY (channel, device));
            CREATE TABLE IF NOT EXISTS {T("owner_daily")} (channel {big} NOT NULL, day {big} NOT NULL, accesses {big} NOT NULL, PRIMARY KEY (channel, day));
            CREATE TABLE IF NOT EXISTS {T("owner_channel_reach")} (channel {big} PRIMARY KEY, customers {big} NOT NULL, newest_first {big} NOT NULL);
            CREATE TABLE IF NOT EXISTS {T("owner_devices_stage")} (channel {big} NOT NULL, device TEXT NOT NULL, first_time {big} NOT NULL);
            CREATE TABLE IF NOT EXISTS {T("owner_daily_stage")} (channel {big} NOT NULL, day {big} NOT NULL, accesses {big} NOT NULL);
            CREATE TABLE IF NOT EXISTS {T("owner_canaries")} (customer {big} PRIMARY KEY, channel {big} NOT NULL);
            CREATE TABLE IF NOT EXISTS {T("owner_imports")} (content_hash TEXT PRIMARY KEY, file TEXT NOT NULL, kind TEXT NOT NULL, rows {big} NOT NULL);
            """);
        _db.WriteMeta("owner_schema", SchemaVersion);
    }

    /// <summary>channel_id,kind,unit,active_from,active_to — kind one of employee, admin, partner, api, export.</summary>
    public ImportResult ImportChannels(string path) => Import(path, "channels", (header, rows, problems, tx) =>
    {
        var col = Columns(header, path, "channel_id", "kind");
        var known = ChannelIds();
        var next = known.Count == 0 ? 0 : known.Values.Max() + 1;
        long count = 0;
        using var insert = Command($"INSERT INTO {T("owner_channels")} (id, name, kind, unit, active_from, active_to) VALUES (@id, @n, @k, @u, @f, @t) ON CONFLICT (name) DO UPDATE SET kind = excluded.kind, unit = excluded.unit, active_from = excluded.active_from, active_to = excluded.active_to", tx);
        foreach (var (line, fields) in rows)
        {
            var name = Field(fields, col, "channel_id");
            var kind = Field(fields, col, "kind").ToLowerInvariant();
            if (name.Length == 0 || kind is not ("employee" or "admin" or "partner" or "api" or "export"))
            {
                Problem(problems, path, line, $"needs a channel_id and a kind of employee, admin, partner, api or export (got '{kind}')");
                continue;
            }

            var id = known.TryGetValue(name, out var existing) ? existing : next++;
            known[name] = id;
            Set(insert, ("id", id), ("n", name), ("k", kind), ("u", Nullable(Field(fields, col, "unit"))), ("f", Nullable(Field(fields, col, "active_from"))), ("t", Nullable(Field(fields, col, "active_to"))));
            insert.ExecuteNonQuery();
            count++;
        }

        return count;
    });

    /// <summary>customer_id plus identifier columns named by kind code (mobile, cn_id, email, qq, bank_card, …).</summary>
    public ImportResult ImportCustomers(string path) => Import(path, "customers", (header, rows, problems, tx) =>
    {
        var col = Columns(header, path, "customer_id");
        var kinds = header.Select((h, i) => (Index: i, Ok: IdentifierKinds.TryParse(h.Trim(), out var k) && TagPipeline.Stores(k), Kind: k)).Where(x => x.Ok).ToList();
        if (kinds.Count == 0)
        {
            throw new StoreException($"{path}: no identifier columns (name them by kind: mobile, cn_id, email, qq, bank_card, landline …)");
        }

        var customers = CustomerIds();
        var next = customers.Count == 0 ? 0 : customers.Values.Max() + 1;
        using var tagger = new Tagger(_key);
        Span<char> canonical = stackalloc char[Identifier.MaxCanonicalLength];
        long count = 0;

        // New customers and their identifiers go in by the bulk path (COPY on PostgreSQL) to a stage merged by two
        // statements at the end: row-by-row upserts cost a round trip each on PostgreSQL (1 M customers took five
        // minutes), and PostgreSQL takes one COPY at a time per connection, so customers (is_key 1) and identifiers
        // share the stage. It keeps the line so that when a file gives one identifier to two customers the later
        // line wins, as it would row by row.
        var stageTable = T("owner_identifiers_stage");
        Execute($"DELETE FROM {stageTable}", tx);
        var row = new object?[4];
        using (var stage = _db.Bulk(stageTable, "tag", "customer", "line", "is_key"))
        {
            foreach (var (line, fields) in rows)
            {
                var id = Field(fields, col, "customer_id");
                if (id.Length == 0)
                {
                    Problem(problems, path, line, "no customer_id");
                    continue;
                }

                var keyTag = tagger.MakeLabeled("customer", id);
                if (!customers.TryGetValue(keyTag, out var customer))
                {
                    customer = next++;
                    customers[keyTag] = customer;
                    (row[0], row[1], row[2], row[3]) = (keyTag.ToArray(), customer, line, 1L);
                    stage.Add(row);
                }

                foreach (var (index, _, kind) in kinds)
                {
                    var text = index < fields.Length ? fields[index].Trim() : string.Empty;
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

                    (row[0], row[1], row[2], row[3]) = (tagger.Make(kind, canonical[..v.Length]).ToArray(), customer, line, 0L);
                    stage.Add(row);
                }

                count++;
            }

            stage.Complete();
        }

        var identifiers = T("owner_identifiers");
        Execute($"INSERT INTO {T("owner_customers")} (id, key_tag) SELECT customer, tag FROM {stageTable} WHERE is_key = 1", tx);
        Execute(
            _db.IsPostgres
                ? $"INSERT INTO {identifiers} (tag, customer) SELECT DISTINCT ON (tag) tag, customer FROM {stageTable} WHERE is_key = 0 ORDER BY tag, line DESC ON CONFLICT (tag) DO UPDATE SET customer = excluded.customer"

                // SQLite applies an upsert row by row, so in (tag, line) order the last line wins; in tag order the
                // primary key is written in one ascending pass.
                : $"INSERT INTO {identifiers} (tag, customer) SELECT tag, customer FROM {stageTable} WHERE is_key = 0 ORDER BY tag, line ON CONFLICT (tag) DO UPDATE SET customer = excluded.customer",
            tx);
        Execute($"DELETE FROM {stageTable}", tx);
        return count;
    });

    /// <summary>time,channel_id,customer_id,action,device,ip — time in ISO 8601; action view, search, export, print or api.</summary>
    public ImportResult ImportAccess(string path) => Import(path, "access", (header, rows, problems, tx) =>
    {
        var col = Columns(header, path, "time", "channel_id", "customer_id", "action");
        var channels = ChannelIds();
        var customers = CustomerIds();
        using var tagger = new Tagger(_key);

        // Customer numbers repeat on every access row: tag each distinct one once (in memory only while importing).
        var customerOf = new Dictionary<string, long>(StringComparer.Ordinal);
        var devices = new Dictionary<(long Channel, string Device), long>();
        var daily = new Dictionary<(long Channel, long Day), long>();
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

            var day = Math.DivRem(seconds, 86_400L, out var rest) - (rest < 0 ? 1 : 0);
            daily[(channel, day)] = daily.GetValueOrDefault((channel, day)) + 1;
            count++;
        }

        // In index order: the access rows and, per (customer, channel), the first and last access, which arrive
        // together. SQLite takes both in one pass; PostgreSQL takes one COPY at a time per connection, so there the
        // summary is spooled to a temporary file while the rows go in, then copied.
        var least = _db.IsPostgres ? "LEAST" : "MIN";
        var greatest = _db.IsPostgres ? "GREATEST" : "MAX";
        var reachTable = T("owner_reach");
        var reachConflict = $"(customer, channel) DO UPDATE SET first_time = {least}({reachTable}.first_time, excluded.first_time), last_time = {greatest}({reachTable}.last_time, excluded.last_time), accesses = {reachTable}.accesses + excluded.accesses";
        if (_db.IsPostgres)
        {
            using var spool = new ReachSpool();
            using (var bulk = _db.Bulk(T("owner_access"), "customer", "channel", "time", "action", "device", "ip"))
            {
                WriteAccess(runs.SortedAhead(), bulk, spool.Add);
            }

            Upsert("owner_reach", ReachColumns, reachConflict, spool.CopyTo, tx);
        }
        else
        {
            Upsert("owner_reach", ReachColumns, reachConflict, reach =>
            {
                using var bulk = _db.Bulk(T("owner_access"), "customer", "channel", "time", "action", "device", "ip");
                var pair = new object?[5];
                WriteAccess(runs.SortedAhead(), bulk, p =>
                {
                    (pair[0], pair[1], pair[2], pair[3], pair[4]) = (p.Customer, p.Channel, p.First, p.Last, p.Accesses);
                    reach.Add(pair);
                });
            }, tx);
        }

        // How many customers each channel has reached, and its newest first access: a trace needs |A_c| for every
        // candidate channel, and counting it from owner_reach took 0.25 s of a 500-record trace on PostgreSQL
        // (admins reach most customers). A trace counts only when the sample was seen before a channel's newest
        // first access.
        Execute($"DELETE FROM {T("owner_channel_reach")}", tx);
        Execute($"INSERT INTO {T("owner_channel_reach")} (channel, customers, newest_first) SELECT channel, COUNT(*), MAX(first_time) FROM {reachTable} GROUP BY channel", tx);

        var devicesTable = T("owner_devices");
        Upsert("owner_devices", ["channel", "device", "first_time"], $"(channel, device) DO UPDATE SET first_time = {least}({devicesTable}.first_time, excluded.first_time)", Rows(devices), tx);
        var dailyTable = T("owner_daily");
        Upsert("owner_daily", ["channel", "day", "accesses"], $"(channel, day) DO UPDATE SET accesses = {dailyTable}.accesses + excluded.accesses", Rows(daily), tx);
        return count;
    });

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

    // Adds rows to a summary table keyed for upserts. The first import, the big one, writes straight into the empty
    // table by the bulk path; later ones go through the table's stage and one INSERT … ON CONFLICT, since the bulk
    // path cannot merge and a row-by-row upsert costs a round trip each on PostgreSQL (the daily counts of 10,000
    // channels over a year took 70 s that way). Each caller's rows are distinct on the key, as PostgreSQL requires
    // of one upsert.
    private void Upsert(string table, string[] columns, string conflict, Action<IBulkWriter> write, DbTransaction tx)
    {
        long any;
        using (var probe = Command($"SELECT COUNT(*) FROM (SELECT 1 FROM {T(table)} LIMIT 1) AS t", tx))
        {
            any = Convert.ToInt64(probe.ExecuteScalar(), CultureInfo.InvariantCulture);
        }

        var stage = T(table + "_stage");
        var target = any == 0 ? T(table) : stage;
        if (any != 0)
        {
            Execute($"DELETE FROM {stage}", tx);
        }

        using (var bulk = _db.Bulk(target, columns))
        {
            write(bulk);
            bulk.Complete();
        }

        if (any != 0)
        {
            var list = string.Join(", ", columns);
            Execute($"INSERT INTO {T(table)} ({list}) SELECT {list} FROM {stage} WHERE true ON CONFLICT {conflict}", tx);
            Execute($"DELETE FROM {stage}", tx);
        }
    }

    // A summary kept in memory while importing — (channel, device) → first use, (channel, day) → accesses — as rows.
    private static Action<IBulkWriter> Rows<T>(Dictionary<(long, T), long> summary) => bulk =>
    {
        var row = new object?[3];
        foreach (var ((channel, key), value) in summary)
        {
            (row[0], row[1], row[2]) = (channel, key, value);
            bulk.Add(row);
        }
    };

    // Appends sorted access rows to the access table and hands on their per (customer, channel) summary.
    private static void WriteAccess(IEnumerable<AccessRow> sorted, IBulkWriter access, Action<ReachRow> reach)
    {
        var row = new object?[6];
        ReachRow? open = null;
        foreach (var a in sorted)
        {
            (row[0], row[1], row[2], row[3], row[4], row[5]) = (a.Customer, a.Channel, a.Time, a.Action, a.Device, a.Ip);
            access.Add(row);
            if (open is { } o && o.Customer == a.Customer && o.Channel == a.Channel)
            {
                open = o with { Last = a.Time, Accesses = o.Accesses + 1 };
                continue;
            }

            if (open is { } done)
            {
                reach(done);
            }

            open = new ReachRow(a.Customer, a.Channel, a.Time, a.Time, 1);
        }

        if (open is { } last)
        {
            reach(last);
        }

        access.Complete();
    }

    /// <summary>
    /// Creates <paramref name="count"/> canary customers for one channel: synthetic people (mobiles and e-mails from
    /// the owner's monitored pools when given) registered as customers whom only that channel is shown. Returns them
    /// in clear, for the owner to plant; the store keeps tags only.
    /// </summary>
    public IReadOnlyList<Synthetic.People.SyntheticPerson> IssueCanaries(string channel, int count, IReadOnlyList<string>? phones = null, IReadOnlyList<string>? emails = null)
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
        var people = new Synthetic.People.Population(BitConverter.ToInt64(RandomNumberGenerator.GetBytes(8)) & long.MaxValue, 1_000_000_000);
        var first = RandomNumberGenerator.GetInt32(500_000_000);
        using var tagger = new Tagger(_key);
        Span<char> canonical = stackalloc char[Identifier.MaxCanonicalLength];
        var issued = new List<Synthetic.People.SyntheticPerson>();
        long next;
        using (var max = Command($"SELECT COALESCE(MAX(id), -1) FROM {T("owner_customers")}", null))
        {
            next = Convert.ToInt64(max.ExecuteScalar(), CultureInfo.InvariantCulture) + 1;
        }

        using var tx = _db.Connection.BeginTransaction();
        using var addCustomer = Command($"INSERT INTO {T("owner_customers")} (id, key_tag) VALUES (@id, @k)", tx);
        using var addTag = Command($"INSERT INTO {T("owner_identifiers")} (tag, customer) VALUES (@t, @c) ON CONFLICT (tag) DO UPDATE SET customer = excluded.customer", tx);
        using var addCanary = Command($"INSERT INTO {T("owner_canaries")} (customer, channel) VALUES (@c, @ch)", tx);
        using var taken = Command($"SELECT COUNT(*) FROM {T("owner_identifiers")} WHERE tag = @t", tx);
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
            var tags = new List<byte[]>();
            var clash = false;
            foreach (var (kind, value) in new[] { (IdentifierKind.Mobile, p.Mobile), (IdentifierKind.ResidentId, p.ResidentId), (IdentifierKind.Email, p.Email) })
            {
                var v = Identifier.Check(kind, value, canonical);
                if (!v.IsValid)
                {
                    throw new StoreException($"canary {i + 1}: {kind.Code()} '{value}' is not valid ({v.Explain()})");
                }

                var tag = tagger.Make(kind, canonical[..v.Length]).ToArray();
                Set(taken, ("t", tag));
                clash |= Convert.ToInt64(taken.ExecuteScalar(), CultureInfo.InvariantCulture) > 0;
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

            var customer = next++;
            Set(addCustomer, ("id", customer), ("k", tagger.MakeLabeled("canary", Guid.NewGuid().ToString("N")).ToArray()));
            addCustomer.ExecuteNonQuery();
            foreach (var tag in tags)
            {
                Set(addTag, ("t", tag), ("c", customer));
                addTag.ExecuteNonQuery();
            }

            Set(addCanary, ("c", customer), ("ch", channelId));
            addCanary.ExecuteNonQuery();
            issued.Add(p);
        }

        tx.Commit();
        return issued;
    }

    // Reads a CSV whose fields hold no commas or quotes (the documented owner formats); a quoted line is refused
    // with its line number rather than split wrongly.
    private ImportResult Import(string path, string kind, Func<string[], IEnumerable<(long Line, string[] Fields)>, List<string>, DbTransaction, long> work)
    {
        var hash = Hash(path);
        using (var seen = Command($"SELECT COUNT(*) FROM {T("owner_imports")} WHERE content_hash = @h", null))
        {
            Set(seen, ("h", hash));
            if (Convert.ToInt64(seen.ExecuteScalar(), CultureInfo.InvariantCulture) > 0)
            {
                return new ImportResult(path, kind, 0, true, []);
            }
        }

        var problems = new List<string>();
        using var reader = new StreamReader(path, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true, 1 << 16);
        var header = reader.ReadLine()?.Split(',') ?? throw new StoreException($"{path}: empty file (a header line is needed)");
        IEnumerable<(long, string[])> Rows()
        {
            long line = 1;
            string? text;
            while ((text = reader.ReadLine()) is not null)
            {
                line++;
                if (text.Length == 0)
                {
                    continue;
                }

                if (text.Contains('"', StringComparison.Ordinal))
                {
                    Problem(problems, path, line, "quoted fields are not part of the owner formats (docs/owner-data.md)");
                    continue;
                }

                yield return (line, text.Split(','));
            }
        }

        // One transaction per file: a crash midway leaves nothing of it, and the file counts as imported only with
        // all its rows.
        using var tx = _db.Connection.BeginTransaction();
        _current = tx;
        long rows;
        try
        {
            rows = work(header, Rows(), problems, tx);
        }
        finally
        {
            _current = null;
        }

        using (var done = Command($"INSERT INTO {T("owner_imports")} (content_hash, file, kind, rows) VALUES (@h, @f, @k, @r)", tx))
        {
            Set(done, ("h", hash), ("f", Path.GetFileName(path)), ("k", kind), ("r", rows));
            done.ExecuteNonQuery();
        }

        tx.Commit();
        Refresh(kind);
        return new ImportResult(path, kind, rows, false, problems);
    }

    // PostgreSQL plans from table statistics that autovacuum refreshes only some time after a bulk load: a trace
    // run straight after importing 100 M rows chose bitmap scans over index lookups and took 2.1–2.7 s instead of
    // 1.1–1.6 s. So statistics are taken at once, and the tables traces count from (read by index only once their
    // pages are marked all-visible) are vacuumed; the access table itself is only analyzed, since vacuuming it reads
    // all of it. SQLite plans by rule here and needs none of this.
    private void Refresh(string kind)
    {
        if (!_db.IsPostgres)
        {
            return;
        }

        string[] vacuum = kind switch
        {
            "access" => ["owner_reach", "owner_daily", "owner_devices", "owner_channel_reach"],
            "customers" => ["owner_customers", "owner_identifiers"],
            _ => ["owner_channels"],
        };
        Execute($"VACUUM (ANALYZE) {string.Join(", ", vacuum.Select(T))}");
        if (kind == "access")
        {
            Execute($"ANALYZE {T("owner_access")}");
        }
    }

    private static Dictionary<string, int> Columns(string[] header, string path, params string[] required)
    {
        var map = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < header.Length; i++)
        {
            map.TryAdd(header[i].Trim(), i);
        }

        var missing = required.Where(r => !map.ContainsKey(r)).ToList();
        return missing.Count == 0 ? map : throw new StoreException($"{path} line 1: missing column(s) {string.Join(", ", missing)}");
    }

    private static string Field(string[] fields, Dictionary<string, int> columns, string name) =>
        columns.TryGetValue(name, out var i) && i < fields.Length ? fields[i].Trim() : string.Empty;

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

    internal Dictionary<string, long> ChannelIds() => Pairs($"SELECT name, id FROM {T("owner_channels")}", r => r.GetString(0));

    private Dictionary<Tag, long> CustomerIds() => Pairs($"SELECT key_tag, id FROM {T("owner_customers")}", r => Tag.Read((byte[])r.GetValue(0)));

    private Dictionary<TKey, long> Pairs<TKey>(string sql, Func<DbDataReader, TKey> key)
        where TKey : notnull
    {
        using var cmd = Command(sql, null);
        using var r = cmd.ExecuteReader();
        var map = new Dictionary<TKey, long>();
        while (r.Read())
        {
            map[key(r)] = r.GetInt64(1);
        }

        return map;
    }

    // SQLite refuses a command outside the connection's open transaction, so lookups during an import join it.
    private DbTransaction? _current;

    internal DbCommand Command(string sql, DbTransaction? tx)
    {
        var cmd = _db.Connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.Transaction = tx ?? _current;
        return cmd;
    }

    internal static void Set(DbCommand cmd, params (string Name, object? Value)[] values)
    {
        if (cmd.Parameters.Count == 0)
        {
            foreach (var (name, _) in values)
            {
                var p = cmd.CreateParameter();
                p.ParameterName = name;
                cmd.Parameters.Add(p);
            }
        }

        foreach (var (name, value) in values)
        {
            var p = cmd.Parameters[name];
            p.Value = value ?? DBNull.Value;
            if (value is null)
            {
                p.DbType = System.Data.DbType.String;
            }
        }
    }

    /// <summary>
    /// Runs <paramref name="sql"/> — whose WHERE clause holds "{KEY}" where the key column is compared — for every key,
    /// handing each row to <paramref name="row"/>; the query must select the key column so rows can be told apart.
    /// PostgreSQL gets one query with an array parameter (= ANY), since each round trip over its socket costs about
    /// a millisecond and a trace asks about hundreds of customers; SQLite has no array parameters and its calls cost
    /// microseconds, so there the same statement runs once per key.
    /// </summary>
    internal void ForKeys<TKey>(string sql, IReadOnlyCollection<TKey> keys, Action<DbDataReader> row, params (string Name, object? Value)[] parameters)
        where TKey : notnull
    {
        if (keys.Count == 0)
        {
            return;
        }

        using var cmd = Command(sql.Replace("{KEY}", _db.IsPostgres ? "= ANY(@k)" : "= @k", StringComparison.Ordinal), null);
        if (_db.IsPostgres)
        {
            Set(cmd, [("k", keys.ToArray()), .. parameters]);
            Read(cmd, row);
            return;
        }

        foreach (var key in keys)
        {
            Set(cmd, [("k", key), .. parameters]);
            Read(cmd, row);
        }
    }

    private static void Read(DbCommand cmd, Action<DbDataReader> row)
    {
        using var r = cmd.ExecuteReader();
        while (r.Read())
        {
            row(r);
        }
    }

    private void Execute(string sql, DbTransaction? tx = null)
    {
        using var cmd = Command(sql, tx);
        cmd.ExecuteNonQuery();
    }

    internal IStoreBackend Database => _db;

    internal StoreKey Key => _key;
}
