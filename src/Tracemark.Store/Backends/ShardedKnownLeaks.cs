using Npgsql;
using NpgsqlTypes;
using Tracemark.Store.Tags;

namespace Tracemark.Store.Backends;

/// <summary>
/// Known leaks on a sharded PostgreSQL store. Ingest and remove work through the coordinator as on one server
/// (inserts routed to the foreign partitions, 1,000 rows to a remote statement); only the lookup differs: a join of
/// the query's tags to a foreign table would run as one remote query per tag, so the tags go to every shard at once
/// as one array (asynchronous foreign scans) and each shard probes its primary key.
/// </summary>
internal sealed class ShardedKnownLeaks(PostgresBackend db) : PostgresKnownLeaks(db)
{
    public override void Lookup(ReadOnlySpan<TaggedIdentifier> sortedDistinct, List<TagHit> hits)
    {
        var sorted = sortedDistinct.ToArray();
        var tags = new byte[sorted.Length][];
        for (var i = 0; i < tags.Length; i++)
        {
            tags[i] = sorted[i].Tag.ToArray();
        }

        // The coordinator turns the array into text for each shard and reads back every hit: one core's work per
        // query, so large lookups are split over one connection per core, as on one server.
        var parts = tags.Length < 100_000 ? 1 : Math.Max(1, Environment.ProcessorCount);
        var size = (tags.Length + parts - 1) / parts;
        var found = new List<TagHit>[parts];
        _db.Guard(() =>
        {
            try
            {
                Parallel.For(0, parts, new ParallelOptions { MaxDegreeOfParallelism = parts }, p =>
                {
                    var slice = tags[(p * size)..Math.Min(tags.Length, (p + 1) * size)];
                    if (p == 0)
                    {
                        found[p] = Probe(_db.Connection, slice, sorted);
                        return;
                    }

                    using var extra = new NpgsqlConnection(_db.ConnectionString);
                    extra.Open();
                    found[p] = Probe(extra, slice, sorted);
                });
            }
            catch (AggregateException e)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.InnerExceptions[0]);
            }

            return 0;
        });
        foreach (var part in found)
        {
            hits.AddRange(part);
        }
    }

    private static List<TagHit> Probe(NpgsqlConnection connection, byte[][] tags, TaggedIdentifier[] sorted)
    {
        var hits = new List<TagHit>();
        using var tx = connection.BeginTransaction();
        using (var cmd = new NpgsqlCommand("SELECT tag, dataset, first_seen FROM tracemark.occurrences WHERE tag = ANY(@tags)", connection, tx))
        {
            cmd.Parameters.AddWithValue("tags", NpgsqlDbType.Array | NpgsqlDbType.Bytea, tags);
            cmd.CommandTimeout = 0;
            using var r = cmd.ExecuteReader();
            while (r.Read())
            {
                // Rows come back by shard, not in query order: find each tag's index in the sorted query.
                var index = Array.BinarySearch(sorted, new TaggedIdentifier(Tag.Read((byte[])r.GetValue(0)), 0));
                hits.Add(new TagHit(index, r.GetInt64(1), r.GetInt32(2)));
            }
        }

        tx.Commit();
        return hits;
    }
}
