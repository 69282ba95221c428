using System.Data.Common;
using Tracemark.Store.Backends;
using Tracemark.Store.Tags;

namespace Tracemark.Store.Owner;

/// <summary>
/// Owner data on a sharded PostgreSQL store (docs/scale.md). Customers, identifiers, reach and access are partitioned
/// over foreign tables; PostgreSQL cannot check a unique key across foreign partitions, so nothing here uses
/// INSERT … ON CONFLICT on them: merges delete the rows they replace and insert the merged rows, and reads of a
/// distributed table by many keys go as one array to every shard (a join would ask once per row).
/// </summary>
internal sealed class ShardedOwnerData(PostgresBackend db) : PostgresOwnerData(db)
{
    // COPY into a partitioned table sends each row to its foreign partition as a statement of its own; rows for a
    // distributed table are copied into a local temporary table and moved with one INSERT … SELECT, which postgres_fdw
    // sends in batches.
    protected override IBulkWriter Bulk(string table, params string[] columns)
    {
        var name = table.StartsWith("tracemark.", StringComparison.Ordinal) ? table["tracemark.".Length..] : table;
        if (!Shards.Distributed.Contains(name))
        {
            return base.Bulk(table, columns);
        }

        var route = "route_" + name;
        Execute($"DROP TABLE IF EXISTS {route}; CREATE TEMP TABLE {route} (LIKE {table})");
        var list = string.Join(", ", columns);
        return new RoutedBulk(base.Bulk(route, columns), () => Execute($"INSERT INTO {table} ({list}) SELECT {list} FROM {route}; DROP TABLE {route}"));
    }

    protected override long MergeCustomers(string stage, DbTransaction tx)
    {
        Execute($"DROP TABLE IF EXISTS known_keys; CREATE TEMP TABLE known_keys AS SELECT key_tag FROM tracemark.owner_customers WHERE key_tag = ANY(ARRAY(SELECT DISTINCT tag FROM {stage} WHERE is_key = 1))", tx);
        using var cmd = Command($"INSERT INTO tracemark.owner_customers (key_tag) SELECT tag FROM (SELECT DISTINCT ON (tag) tag, line FROM {stage} s WHERE is_key = 1 AND NOT EXISTS (SELECT 1 FROM known_keys k WHERE k.key_tag = s.tag) ORDER BY tag, line) n ORDER BY line", tx);
        var added = cmd.ExecuteNonQuery();
        Execute("DROP TABLE known_keys", tx);
        return added;
    }

    protected override void MergeIdentifiers(string stage, DbTransaction tx)
    {
        Execute($"DROP TABLE IF EXISTS stage_customers; CREATE TEMP TABLE stage_customers AS SELECT key_tag, id FROM tracemark.owner_customers WHERE key_tag = ANY(ARRAY(SELECT DISTINCT customer_key FROM {stage} WHERE is_key = 0))", tx);
        Execute($"DELETE FROM tracemark.owner_identifiers WHERE tag = ANY(ARRAY(SELECT DISTINCT tag FROM {stage} WHERE is_key = 0))", tx);
        Execute($"INSERT INTO tracemark.owner_identifiers (tag, customer) SELECT DISTINCT ON (s.tag) s.tag, c.id FROM {stage} s JOIN stage_customers c ON c.key_tag = s.customer_key WHERE s.is_key = 0 ORDER BY s.tag, s.line DESC", tx);
        Execute("DROP TABLE stage_customers", tx);
    }

    // A canary's identifiers belong to nobody yet (Taken said so): a plain insert.
    protected override void AddIdentifiers(long customer, IReadOnlyList<Tag> identifiers, DbTransaction tx)
    {
        using var add = Command("INSERT INTO tracemark.owner_identifiers (tag, customer) VALUES (@t, @c)", tx);
        foreach (var tag in identifiers)
        {
            Set(add, ("t", tag.ToArray()), ("c", customer));
            add.ExecuteNonQuery();
        }
    }

    // The reach of a customer already in the table is replaced: every reach row of the staged customers is taken out
    // and put back summed with the new rows (rows of pairs not staged come back unchanged).
    protected override void Upsert(string table, string[] columns, string conflict, Action<IBulkWriter> write, DbTransaction tx)
    {
        if (table != "owner_reach" || !Any(table, tx))
        {
            base.Upsert(table, columns, conflict, write, tx);
            return;
        }

        var stage = T("owner_reach_stage");
        Execute($"DELETE FROM {stage}", tx);
        using (var bulk = Bulk(stage, columns))
        {
            write(bulk);
            bulk.Complete();
        }

        Execute(
            $"""
            WITH gone AS (DELETE FROM tracemark.owner_reach WHERE customer = ANY(ARRAY(SELECT DISTINCT customer FROM {stage})) RETURNING customer, channel, first_time, last_time, accesses)
            INSERT INTO tracemark.owner_reach (customer, channel, first_time, last_time, accesses)
            SELECT customer, channel, MIN(first_time), MAX(last_time), SUM(accesses)
            FROM (SELECT * FROM gone UNION ALL SELECT customer, channel, first_time, last_time, accesses FROM {stage}) AS u
            GROUP BY customer, channel
            """,
            tx);
        Execute($"DELETE FROM {stage}", tx);
    }

    // VACUUM does not reach foreign tables; ANALYZE samples them through the foreign data wrapper.
    protected override void Refresh(string kind)
    {
        string[] tables = kind switch
        {
            "access" => ["owner_reach", "owner_daily", "owner_devices", "owner_channel_reach", "owner_access"],
            "customers" => ["owner_customers", "owner_identifiers"],
            _ => ["owner_channels"],
        };
        Execute($"ANALYZE {string.Join(", ", tables.Select(T))}");
    }

    private sealed class RoutedBulk(IBulkWriter copy, Action move) : IBulkWriter
    {
        private bool _moved;

        public void Add(ReadOnlySpan<object?> values) => copy.Add(values);

        public void Complete()
        {
            copy.Complete();
            if (!_moved)
            {
                _moved = true;
                move();
            }
        }

        public void Dispose() => copy.Dispose();
    }
}
