using System.Data.Common;
using System.Globalization;
using System.Text;
using Tracemark.Store.Backends;
using Tracemark.Store.Tags;

namespace Tracemark.Store.Owner;

/// <summary>
/// The SQL both dialects share (ADO.NET, @-parameters, which SQLite and PostgreSQL both accept). What differs —
/// qualified names, bulk paths, upserts, array parameters, statistics — is a hook each dialect class fills in.
/// </summary>
internal abstract class OwnerData : IOwnerData
{
    private static readonly string[] ReachColumns = ["customer", "channel", "first_time", "last_time", "accesses"];
    private static readonly string[] AccessColumns = ["customer", "channel", "time", "action", "device", "ip"];

    // SQLite refuses a command outside the connection's open transaction, so reads during an import join it.
    private DbTransaction? _current;

    /// <summary>A table's qualified name: "name" in SQLite, "tracemark.name" in PostgreSQL.</summary>
    protected abstract string T(string name);

    protected abstract DbConnection Connection { get; }

    /// <summary>A write transaction (SQLite takes the write lock at once).</summary>
    protected abstract DbTransaction Begin();

    /// <summary>A bulk append to a table (qualified by <see cref="T"/>) inside the open transaction.</summary>
    protected abstract IBulkWriter Bulk(string table, params string[] columns);

    /// <summary>Turns the driver's exceptions into a <see cref="StoreException"/> that names the store.</summary>
    protected abstract TResult Guard<TResult>(Func<TResult> action);

    /// <summary>The two-argument minimum and maximum: MIN/MAX in SQLite, LEAST/GREATEST in PostgreSQL.</summary>
    protected abstract (string Least, string Greatest) MinMax { get; }

    /// <summary>Adds the staged new customers (is_key = 1, by key tag) and returns how many were new.</summary>
    protected abstract long MergeCustomers(string stage, DbTransaction tx);

    /// <summary>Points each staged identifier at its customer, the later line winning.</summary>
    protected abstract void MergeIdentifiers(string stage, DbTransaction tx);

    /// <summary>Sets the unit of each staged customer whose row gave one, the later line winning.</summary>
    protected abstract void MergeUnits(string stage, DbTransaction tx);

    /// <summary>Writes the sorted access rows and the reach rows they sum to (one pass, or a spool where the bulk path allows one writer at a time).</summary>
    protected abstract void WriteAccessAndReach(IEnumerable<AccessRow> sorted, string reachConflict, DbTransaction tx);

    /// <summary>After an import commits: fresh planner statistics where the database needs them.</summary>
    protected virtual void Refresh(string kind)
    {
    }

    /// <summary>
    /// Runs <paramref name="sql"/> — whose WHERE clause holds "{KEY}" where the key column is compared — for every key,
    /// handing each row to <paramref name="row"/>. SQLite has no array parameters and its calls cost microseconds, so
    /// there the statement runs once per key; PostgreSQL overrides this with one query and an array.
    /// </summary>
    protected virtual void ForKeys<TKey>(string sql, IReadOnlyCollection<TKey> keys, Action<DbDataReader> row, params (string Name, object? Value)[] parameters)
        where TKey : notnull
    {
        if (keys.Count == 0)
        {
            return;
        }

        using var cmd = Command(sql.Replace("{KEY}", "= @k", StringComparison.Ordinal), null);
        foreach (var key in keys)
        {
            Set(cmd, [("k", key), .. parameters]);
            Read(cmd, row);
        }
    }

    public bool WasImported(string contentHash) => Guard(() =>
    {
        using var seen = Command($"SELECT COUNT(*) FROM {T("owner_imports")} WHERE content_hash = @h", null);
        Set(seen, ("h", contentHash));
        return Convert.ToInt64(seen.ExecuteScalar(), CultureInfo.InvariantCulture) > 0;
    });

    public long ImportChannels(ImportFile file, IEnumerable<ChannelRow> rows) => InTransaction(file, tx =>
    {
        // The id is the database's (SQLite's rowid, a PostgreSQL sequence); a channel imported again keeps its id.
        long count = 0;
        using var upsert = Command($"INSERT INTO {T("owner_channels")} (name, kind, unit, active_from, active_to) VALUES (@n, @k, @u, @f, @t) ON CONFLICT (name) DO UPDATE SET kind = excluded.kind, unit = excluded.unit, active_from = excluded.active_from, active_to = excluded.active_to", tx);
        foreach (var c in rows)
        {
            Set(upsert, ("n", c.Name), ("k", c.Kind), ("u", c.Unit), ("f", c.ActiveFrom), ("t", c.ActiveTo));
            upsert.ExecuteNonQuery();
            count++;
        }

        return count;
    });

    public long ImportCustomers(ImportFile file, IEnumerable<CustomerRow> rows) => InTransaction(file, tx =>
    {
        // Customers and their identifiers go in by the bulk path (COPY on PostgreSQL) to a stage merged by a few
        // statements at the end: row-by-row upserts cost a round trip each on PostgreSQL (1 M customers took five
        // minutes), and PostgreSQL takes one COPY at a time per connection, so customers (is_key 1) and identifiers
        // share the stage. Rows name their customer by its key tag, so the database gives new customers their ids;
        // the line makes the later line win when a file gives one identifier to two customers.
        var stage = T("owner_identifiers_stage");
        Execute($"DELETE FROM {stage}", tx);
        long count = 0;
        var row = new object?[5];
        using (var bulk = Bulk(stage, "tag", "customer_key", "line", "is_key", "unit"))
        {
            foreach (var c in rows)
            {
                var key = c.Key.ToArray();
                (row[0], row[1], row[2], row[3], row[4]) = (key, key, c.Line, 1L, c.Unit);
                bulk.Add(row);
                foreach (var tag in c.Identifiers)
                {
                    (row[0], row[1], row[2], row[3], row[4]) = (tag.ToArray(), key, c.Line, 0L, null);
                    bulk.Add(row);
                }

                count++;
            }

            bulk.Complete();
        }

        AddCustomers(MergeCustomers(stage, tx), tx);
        MergeIdentifiers(stage, tx);
        MergeUnits(stage, tx);
        Execute($"DELETE FROM {stage}", tx);
        return count;
    });

    public void ImportAccess(ImportFile file, long rows, IEnumerable<AccessRow> sorted, IReadOnlyDictionary<(long Channel, string Device), long> devices, IReadOnlyDictionary<(long Channel, long Day), long> daily, IReadOnlyDictionary<(long Channel, string Action, string Fields), long>? fieldUse = null) => InTransaction(file, tx =>
    {
        var (least, greatest) = MinMax;
        var reach = T("owner_reach");
        WriteAccessAndReach(sorted, $"(customer, channel) DO UPDATE SET first_time = {least}({reach}.first_time, excluded.first_time), last_time = {greatest}({reach}.last_time, excluded.last_time), accesses = {reach}.accesses + excluded.accesses", tx);

        // How many customers each channel has reached, and its newest first access: a trace needs |A_c| for every
        // candidate channel, and counting it from owner_reach took 0.25 s of a 500-record trace on PostgreSQL
        // (admins reach most customers). A trace counts only when the sample was seen before a channel's newest
        // first access.
        Execute($"DELETE FROM {T("owner_channel_reach")}", tx);
        Execute($"INSERT INTO {T("owner_channel_reach")} (channel, customers, newest_first) SELECT channel, COUNT(*), MAX(first_time) FROM {reach} GROUP BY channel", tx);

        var devicesTable = T("owner_devices");
        Upsert("owner_devices", ["channel", "device", "first_time"], $"(channel, device) DO UPDATE SET first_time = {least}({devicesTable}.first_time, excluded.first_time)", Rows(devices), tx);
        var dailyTable = T("owner_daily");
        Upsert("owner_daily", ["channel", "day", "accesses"], $"(channel, day) DO UPDATE SET accesses = {dailyTable}.accesses + excluded.accesses", Rows(daily), tx);
        if (fieldUse is { Count: > 0 })
        {
            var fieldTable = T("owner_field_use");
            Upsert("owner_field_use", ["channel", "action", "fields", "accesses"], $"(channel, action, fields) DO UPDATE SET accesses = {fieldTable}.accesses + excluded.accesses", bulk =>
            {
                var row = new object?[4];
                foreach (var ((channel, action, fields), n) in fieldUse)
                {
                    (row[0], row[1], row[2], row[3]) = (channel, action, fields, n);
                    bulk.Add(row);
                }
            }, tx);
        }

        return rows;
    });

    // The reach rows summing sorted access rows, one per (customer, channel), in the same order.
    protected static IEnumerable<ReachRow> WriteAccess(IEnumerable<AccessRow> sorted, IBulkWriter access)
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
                yield return done;
            }

            open = new ReachRow(a.Customer, a.Channel, a.Time, a.Time, 1);
        }

        if (open is { } last)
        {
            yield return last;
        }

        access.Complete();
    }

    protected IBulkWriter AccessBulk() => Bulk(T("owner_access"), AccessColumns);

    protected static void AddReach(IBulkWriter bulk, ReachRow p, object?[] row)
    {
        (row[0], row[1], row[2], row[3], row[4]) = (p.Customer, p.Channel, p.First, p.Last, p.Accesses);
        bulk.Add(row);
    }

    protected void UpsertReach(string conflict, Action<IBulkWriter> write, DbTransaction tx) => Upsert("owner_reach", ReachColumns, conflict, write, tx);

    // Adds rows to a summary table keyed for upserts. The first import, the big one, writes straight into the empty
    // table by the bulk path; later ones go through the table's stage and one INSERT … ON CONFLICT, since the bulk
    // path cannot merge and a row-by-row upsert costs a round trip each on PostgreSQL (the daily counts of 10,000
    // channels over a year took 70 s that way). Each caller's rows are distinct on the key, as PostgreSQL requires
    // of one upsert.
    protected virtual void Upsert(string table, string[] columns, string conflict, Action<IBulkWriter> write, DbTransaction tx)
    {
        var any = Any(table, tx);
        var stage = T(table + "_stage");
        var target = any ? stage : T(table);
        if (any)
        {
            Execute($"DELETE FROM {stage}", tx);
        }

        using (var bulk = Bulk(target, columns))
        {
            write(bulk);
            bulk.Complete();
        }

        if (any)
        {
            var list = string.Join(", ", columns);
            Execute($"INSERT INTO {T(table)} ({list}) SELECT {list} FROM {stage} WHERE true ON CONFLICT {conflict}", tx);
            Execute($"DELETE FROM {stage}", tx);
        }
    }

    protected bool Any(string table, DbTransaction tx)
    {
        using var probe = Command($"SELECT COUNT(*) FROM (SELECT 1 FROM {T(table)} LIMIT 1) AS t", tx);
        return Convert.ToInt64(probe.ExecuteScalar(), CultureInfo.InvariantCulture) != 0;
    }

    // A summary kept in memory while importing — (channel, device) → first use, (channel, day) → accesses — as rows.
    private static Action<IBulkWriter> Rows<TKey>(IReadOnlyDictionary<(long, TKey), long> summary) => bulk =>
    {
        var row = new object?[3];
        foreach (var ((channel, key), value) in summary)
        {
            (row[0], row[1], row[2]) = (channel, key, value);
            bulk.Add(row);
        }
    };

    public Dictionary<string, long> ChannelIds() => Guard(() => Pairs($"SELECT name, id FROM {T("owner_channels")}", r => r.GetString(0)));

    public Dictionary<Tag, long> CustomerIds() => Guard(() => Pairs($"SELECT key_tag, id FROM {T("owner_customers")}", r => Tag.Read((byte[])r.GetValue(0))));

    public bool Taken(Tag identifier) => Guard(() =>
    {
        using var taken = Command($"SELECT COUNT(*) FROM {T("owner_identifiers")} WHERE tag = @t", null);
        Set(taken, ("t", identifier.ToArray()));
        return Convert.ToInt64(taken.ExecuteScalar(), CultureInfo.InvariantCulture) > 0;
    });

    public void AddCanaries(long channel, IReadOnlyList<CanaryRow> canaries) => Guard(() =>
    {
        using var tx = Begin();
        using var addCustomer = Command($"INSERT INTO {T("owner_customers")} (key_tag) VALUES (@k) RETURNING id", tx);
        using var addCanary = Command($"INSERT INTO {T("owner_canaries")} (customer, channel) VALUES (@c, @ch)", tx);
        foreach (var canary in canaries)
        {
            Set(addCustomer, ("k", canary.Key.ToArray()));
            var customer = Convert.ToInt64(addCustomer.ExecuteScalar(), CultureInfo.InvariantCulture);
            AddIdentifiers(customer, canary.Identifiers, tx);
            Set(addCanary, ("c", customer), ("ch", channel));
            addCanary.ExecuteNonQuery();
        }

        AddCustomers(canaries.Count, tx);
        tx.Commit();
        return 0;
    });

    /// <summary>Points a canary's identifiers at it (Taken has made sure none belongs to anyone).</summary>
    protected virtual void AddIdentifiers(long customer, IReadOnlyList<Tag> identifiers, DbTransaction tx)
    {
        using var addTag = Command($"INSERT INTO {T("owner_identifiers")} (tag, customer) VALUES (@t, @c) ON CONFLICT (tag) DO UPDATE SET customer = excluded.customer", tx);
        foreach (var tag in identifiers)
        {
            Set(addTag, ("t", tag.ToArray()), ("c", customer));
            addTag.ExecuteNonQuery();
        }
    }

    // The count a trace needs as N, kept beside the customers: counting a million rows took 0.1 s on PostgreSQL, and
    // with ids from a sequence the largest id is no longer the count.
    private void AddCustomers(long added, DbTransaction tx)
    {
        using var cmd = Command($"UPDATE {T("owner_totals")} SET value = value + @n WHERE name = 'customers'", tx);
        Set(cmd, ("n", added));
        cmd.ExecuteNonQuery();
    }

    public Dictionary<Tag, long> CustomersOf(IReadOnlyCollection<Tag> identifiers) => Guard(() =>
    {
        var customerOf = new Dictionary<Tag, long>();
        ForKeys(
            $"SELECT tag, customer FROM {T("owner_identifiers")} WHERE tag {{KEY}}",
            identifiers.Select(t => t.ToArray()).ToList(),
            r => customerOf[Tag.Read((byte[])r.GetValue(0))] = r.GetInt64(1));
        return customerOf;
    });

    public List<(long Customer, long Channel)> Reached(IReadOnlyCollection<long> customers, long before) => Guard(() =>
    {
        var reached = new List<(long, long)>();
        ForKeys(
            $"SELECT customer, channel FROM {T("owner_reach")} WHERE customer {{KEY}} AND first_time < @s",
            customers,
            r => reached.Add((r.GetInt64(0), r.GetInt64(1))),
            ("s", before));
        return reached;
    });

    public Dictionary<long, long> ChannelCustomers(IReadOnlyCollection<long> channels, long before) => Guard(() =>
    {
        // From the per-channel totals the import keeps; counted from owner_reach only for a channel whose newest
        // first access is not before the sample was seen (or that the totals do not know yet).
        var accessed = new Dictionary<long, long>();
        ForKeys(
            $"SELECT channel, customers FROM {T("owner_channel_reach")} WHERE channel {{KEY}} AND newest_first < @s",
            channels,
            r => accessed[r.GetInt64(0)] = r.GetInt64(1),
            ("s", before));
        ForKeys(
            $"SELECT channel, COUNT(*) FROM {T("owner_reach")} WHERE channel {{KEY}} AND first_time < @s GROUP BY channel",
            channels.Where(c => !accessed.ContainsKey(c)).ToList(),
            r => accessed[r.GetInt64(0)] = r.GetInt64(1),
            ("s", before));
        return accessed;
    });

    public Dictionary<long, long> CanaryChannels(IReadOnlyCollection<long> customers) => Guard(() =>
    {
        var canaries = new Dictionary<long, long>();
        ForKeys(
            $"SELECT customer, channel FROM {T("owner_canaries")} WHERE customer {{KEY}}",
            customers,
            r => canaries[r.GetInt64(0)] = r.GetInt64(1));
        return canaries;
    });

    public long CustomerCount() => Guard(() =>
    {
        using var cmd = Command($"SELECT COALESCE(MAX(value), 0) FROM {T("owner_totals")} WHERE name = 'customers'", null);
        return Convert.ToInt64(cmd.ExecuteScalar(), CultureInfo.InvariantCulture);
    });

    public IReadOnlyList<OwnerChannel> Channels() => Guard(() =>
    {
        using var cmd = Command($"SELECT id, name, kind, unit FROM {T("owner_channels")}", null);
        var list = new List<OwnerChannel>();
        Read(cmd, r => list.Add(new OwnerChannel(r.GetInt64(0), r.GetString(1), r.GetString(2), r.IsDBNull(3) ? null : r.GetString(3))));
        return (IReadOnlyList<OwnerChannel>)list;
    });

    public List<Access> Accesses(IReadOnlyCollection<long> customers, long channel, long before) => Guard(() =>
    {
        var list = new List<Access>();
        ForKeys(
            $"SELECT customer, time, device FROM {T("owner_access")} WHERE customer {{KEY}} AND channel = @ch AND time < @s",
            customers,
            r => list.Add(new Access(r.GetInt64(0), r.GetInt64(1), r.IsDBNull(2) ? null : r.GetString(2))),
            ("ch", channel),
            ("s", before));
        return list;
    });

    public Dictionary<string, long> DeviceFirstUse(IReadOnlyCollection<string> devices, long channel) => Guard(() =>
    {
        var first = new Dictionary<string, long>(StringComparer.Ordinal);
        ForKeys(
            $"SELECT device, first_time FROM {T("owner_devices")} WHERE device {{KEY}} AND channel = @ch",
            devices,
            r => first[r.GetString(0)] = r.GetInt64(1),
            ("ch", channel));
        return first;
    });

    public List<(long Day, long Accesses)> Daily(long channel, long beforeDay) => Guard(() =>
    {
        var days = new List<(long, long)>();
        using var cmd = Command($"SELECT day, accesses FROM {T("owner_daily")} WHERE channel = @ch AND day < @d", null);
        Set(cmd, ("ch", channel), ("d", beforeDay));
        Read(cmd, r => days.Add((r.GetInt64(0), r.GetInt64(1))));
        return days;
    });

    public void CustomerUnits(Action<long, string> unit) => Guard(() =>
    {
        using var cmd = Command($"SELECT customer, unit FROM {T("owner_customer_units")} ORDER BY customer", null);
        Read(cmd, r => unit(r.GetInt64(0), r.GetString(1)));
        return 0;
    });

    public Dictionary<long, long> Canaries() => Guard(() => Pairs($"SELECT customer, channel FROM {T("owner_canaries")}", r => r.GetInt64(0)));

    // Sorted by the database (a sort that spills to disk, in bounded memory) rather than by an index on time, which
    // every import would have to maintain in random order; a replay reads the whole window once.
    public long Replay(long from, long until, Func<ReplayRow, bool> row) => Guard(() =>
    {
        using var cmd = Command(ReplaySql("@f", "@u"), null);
        Set(cmd, ("f", from), ("u", until));
        return OwnerData.ReadReplay(cmd, row);
    });

    /// <summary>The replay's query; parameters ?1 (from) and ?2 (until) where a dialect binds by position.</summary>
    protected string ReplaySql(string from, string until) => $"SELECT time, channel, customer, action, device, ip FROM {T("owner_access")} WHERE time >= {from} AND time < {until} ORDER BY time, channel, customer";

    // The drivers' readers make a string of every text field; a dialect that can hand out the bytes overrides this.
    public virtual long ReplaySpans(long from, long until, ReplaySpanHandler row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var buffer = new byte[256];
        return Replay(from, until, r =>
        {
            var need = Encoding.UTF8.GetByteCount(r.Action) + Encoding.UTF8.GetByteCount(r.Device ?? string.Empty) + Encoding.UTF8.GetByteCount(r.Ip ?? string.Empty);
            if (need > buffer.Length)
            {
                buffer = new byte[need * 2];
            }

            var a = Encoding.UTF8.GetBytes(r.Action, buffer);
            var d = Encoding.UTF8.GetBytes(r.Device ?? string.Empty, buffer.AsSpan(a));
            var i = Encoding.UTF8.GetBytes(r.Ip ?? string.Empty, buffer.AsSpan(a + d));
            return row(new ReplaySpanRow(r.Time, r.Channel, r.Customer, buffer.AsSpan(0, a), buffer.AsSpan(a, d), r.Device is not null, buffer.AsSpan(a + d, i), r.Ip is not null));
        });
    }

    public List<(long Channel, long Customers, long Recent)> ChannelReachSince(long since) => Guard(() =>
    {
        using var cmd = Command($"SELECT channel, COUNT(*), SUM(CASE WHEN last_time >= @s THEN 1 ELSE 0 END) FROM {T("owner_reach")} GROUP BY channel", null);
        Set(cmd, ("s", since));
        var list = new List<(long, long, long)>();
        Read(cmd, r => list.Add((r.GetInt64(0), r.GetInt64(1), Convert.ToInt64(r.GetValue(2), CultureInfo.InvariantCulture))));
        return list;
    });

    public Dictionary<string, long> UnitCustomers() => Guard(() =>
    {
        using var cmd = Command($"SELECT ch.unit, COUNT(DISTINCT r.customer) FROM {T("owner_reach")} r JOIN {T("owner_channels")} ch ON ch.id = r.channel WHERE ch.kind = 'employee' AND ch.unit IS NOT NULL GROUP BY ch.unit", null);
        var map = new Dictionary<string, long>(StringComparer.Ordinal);
        Read(cmd, r => map[r.GetString(0)] = r.GetInt64(1));
        return map;
    });

    public (long Stale, long Accessed) Retention(long cutoff) => Guard(() =>
    {
        using var cmd = Command($"SELECT COALESCE(SUM(CASE WHEN last < @c THEN 1 ELSE 0 END), 0), COUNT(*) FROM (SELECT customer, MAX(last_time) AS last FROM {T("owner_reach")} GROUP BY customer) AS t", null);
        Set(cmd, ("c", cutoff));
        (long, long) result = (0, 0);
        Read(cmd, r => result = (Convert.ToInt64(r.GetValue(0), CultureInfo.InvariantCulture), r.GetInt64(1)));
        return result;
    });

    public long? NewestAccess() => Guard(() =>
    {
        using var cmd = Command($"SELECT MAX(last_time) FROM {T("owner_reach")}", null);
        var value = cmd.ExecuteScalar();
        return value is null or DBNull ? (long?)null : Convert.ToInt64(value, CultureInfo.InvariantCulture);
    });

    public List<(long Channel, string Action, string Fields, long Accesses)> FieldUse() => Guard(() =>
    {
        using var cmd = Command($"SELECT channel, action, fields, accesses FROM {T("owner_field_use")} ORDER BY channel, action, fields", null);
        var list = new List<(long, string, string, long)>();
        Read(cmd, r => list.Add((r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetInt64(3))));
        return list;
    });

    public string Dump() => Guard(() =>
    {
        var text = new StringBuilder();
        // Joins, not a subquery per row: on a sharded store each foreign table is then scanned once.
        var customers = T("owner_customers");
        var channels = T("owner_channels");
        foreach (var sql in new[]
        {
            $"SELECT name, kind, unit, active_from, active_to FROM {channels} ORDER BY name",
            $"SELECT value FROM {T("owner_totals")} ORDER BY name",
            $"SELECT i.tag, c.key_tag FROM {T("owner_identifiers")} i JOIN {customers} c ON c.id = i.customer ORDER BY i.tag",
            $"SELECT c.key_tag, ch.name, r.first_time, r.last_time, r.accesses FROM {T("owner_reach")} r JOIN {customers} c ON c.id = r.customer JOIN {channels} ch ON ch.id = r.channel ORDER BY 1, 2",
            $"SELECT ch.name, d.day, d.accesses FROM {T("owner_daily")} d JOIN {channels} ch ON ch.id = d.channel ORDER BY 1, 2",
            $"SELECT ch.name, d.device, d.first_time FROM {T("owner_devices")} d JOIN {channels} ch ON ch.id = d.channel ORDER BY 1, 2",
            $"SELECT ch.name, r.customers, r.newest_first FROM {T("owner_channel_reach")} r JOIN {channels} ch ON ch.id = r.channel ORDER BY 1",
            $"SELECT c.key_tag, u.unit FROM {T("owner_customer_units")} u JOIN {customers} c ON c.id = u.customer ORDER BY 1",
            $"SELECT c.key_tag, ch.name FROM {T("owner_canaries")} k JOIN {customers} c ON c.id = k.customer JOIN {channels} ch ON ch.id = k.channel ORDER BY 1",
            $"SELECT COUNT(*), SUM(time), COUNT(DISTINCT device), COUNT(DISTINCT ip) FROM {T("owner_access")}",
        })
        {
            using var cmd = Command(sql, null);
            Read(cmd, r =>
            {
                for (var i = 0; i < r.FieldCount; i++)
                {
                    var value = r.GetValue(i);
                    text.Append(value is byte[] bytes ? Convert.ToHexStringLower(bytes) : Convert.ToString(value, CultureInfo.InvariantCulture)).Append(',');
                }

                text.Append('\n');
            });
            text.Append("--\n");
        }

        return text.ToString();
    });

    // One transaction per file: a crash midway leaves nothing of it, and the file counts as imported only with all
    // its rows.
    private long InTransaction(ImportFile file, Func<DbTransaction, long> work)
    {
        var rows = Guard(() =>
        {
            using var tx = Begin();
            _current = tx;
            long rows;
            try
            {
                rows = work(tx);
                using var done = Command($"INSERT INTO {T("owner_imports")} (content_hash, file, kind, rows) VALUES (@h, @f, @k, @r)", tx);
                Set(done, ("h", file.ContentHash), ("f", file.Name), ("k", file.Kind), ("r", rows));
                done.ExecuteNonQuery();
                tx.Commit();
            }
            finally
            {
                _current = null;
            }

            return rows;
        });
        Guard(() =>
        {
            Refresh(file.Kind);
            return 0;
        });
        return rows;
    }

    private Dictionary<TKey, long> Pairs<TKey>(string sql, Func<DbDataReader, TKey> key)
        where TKey : notnull
    {
        using var cmd = Command(sql, null);
        var map = new Dictionary<TKey, long>();
        Read(cmd, r => map[key(r)] = r.GetInt64(1));
        return map;
    }

    protected DbCommand Command(string sql, DbTransaction? tx) => Command(Connection, sql, tx ?? _current);

    /// <summary>A command of the capability's connection without a time limit: imports and replays last as long as the data is large.</summary>
    internal static DbCommand Command(DbConnection connection, string sql, DbTransaction? tx)
    {
        var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.Transaction = tx;
        cmd.CommandTimeout = 0;
        return cmd;
    }

    /// <summary>Reads rows (time, channel, customer, action, device, ip) until the callback says stop; returns the rows read.</summary>
    internal static long ReadReplay(DbCommand cmd, Func<ReplayRow, bool> row)
    {
        using var r = cmd.ExecuteReader();
        long rows = 0;
        while (r.Read())
        {
            rows++;
            if (!row(new ReplayRow(r.GetInt64(0), r.GetInt64(1), r.GetInt64(2), r.GetString(3), r.IsDBNull(4) ? null : r.GetString(4), r.IsDBNull(5) ? null : r.GetString(5))))
            {
                break;
            }
        }

        return rows;
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

    internal static void Read(DbCommand cmd, Action<DbDataReader> row)
    {
        using var r = cmd.ExecuteReader();
        while (r.Read())
        {
            row(r);
        }
    }

    protected void Execute(string sql, DbTransaction? tx = null)
    {
        using var cmd = Command(sql, tx);
        cmd.ExecuteNonQuery();
    }
}
