using System.Data.Common;
using System.Globalization;
using Tracemark.Store.Backends;
using Tracemark.Store.Owner;
using Tracemark.Store.Tags;

namespace Tracemark.Store.Incidents;

/// <summary>The SQL both dialects share; qualified names, transactions, bulk rows and key lookups are the dialects' hooks.</summary>
internal abstract class Incidents : IIncidents
{
    private const string Columns = "id, name, discovered, operator, loss, owner_contact, entity, system, ended, opened";

    /// <summary>A table's qualified name.</summary>
    protected abstract string T(string name);

    protected abstract DbConnection Connection { get; }

    protected abstract DbTransaction Begin();

    protected abstract IBulkWriter Bulk(string table, params string[] columns);

    protected abstract TResult Guard<TResult>(Func<TResult> action);

    /// <summary>The rows of <paramref name="sql"/> (whose WHERE holds "{KEY}") for each key: one statement per key, or one with an array.</summary>
    protected virtual void ForKeys(string sql, IReadOnlyCollection<byte[]> keys, Action<DbDataReader> row, params (string Name, object? Value)[] parameters)
    {
        using var cmd = Command(sql.Replace("{KEY}", "= @k", StringComparison.Ordinal), null);
        foreach (var key in keys)
        {
            OwnerData.Set(cmd, [("k", key), .. parameters]);
            OwnerData.Read(cmd, row);
        }
    }

    public long Open(IncidentRecord incident) => Guard(() =>
    {
        ArgumentNullException.ThrowIfNull(incident);
        using var tx = Begin();
        using var exists = Command($"SELECT COUNT(*) FROM {T("incidents")} WHERE name = @n", tx);
        OwnerData.Set(exists, ("n", incident.Name));
        if (Convert.ToInt64(exists.ExecuteScalar(), CultureInfo.InvariantCulture) > 0)
        {
            throw new StoreException($"an incident named '{incident.Name}' is already open; give another name or add evidence to it with `tracemark incident add {incident.Name} FILE…`");
        }

        using var insert = Command($"INSERT INTO {T("incidents")} (name, discovered, operator, loss, owner_contact, entity, system, ended, opened) VALUES (@n, @d, @o, @l, @c, @e, @s, NULL, @t) RETURNING id", tx);
        OwnerData.Set(insert, ("n", incident.Name), ("d", incident.Discovered), ("o", incident.Operator), ("l", incident.Loss), ("c", incident.OwnerContact), ("e", incident.Entity), ("s", incident.System), ("t", incident.Opened));
        var id = Convert.ToInt64(insert.ExecuteScalar(), CultureInfo.InvariantCulture);
        tx.Commit();
        return id;
    });

    public IncidentRecord? Find(string name) => Guard(() =>
    {
        using var cmd = Command($"SELECT {Columns} FROM {T("incidents")} WHERE name = @n", null);
        OwnerData.Set(cmd, ("n", name));
        IncidentRecord? found = null;
        OwnerData.Read(cmd, r => found = Incident(r));
        return found;
    });

    public IReadOnlyList<IncidentRecord> List() => Guard(() =>
    {
        using var cmd = Command($"SELECT {Columns} FROM {T("incidents")} ORDER BY id", null);
        var list = new List<IncidentRecord>();
        OwnerData.Read(cmd, r => list.Add(Incident(r)));
        return (IReadOnlyList<IncidentRecord>)list;
    });

    public void Close(long incident, string ended) => Guard(() =>
    {
        using var cmd = Command($"UPDATE {T("incidents")} SET ended = @e WHERE id = @i", null);
        OwnerData.Set(cmd, ("e", ended), ("i", incident));
        return cmd.ExecuteNonQuery();
    });

    public bool HasEvidence(long incident, string contentHash) => Guard(() =>
    {
        using var cmd = Command($"SELECT COUNT(*) FROM {T("incident_evidence")} WHERE incident = @i AND content_hash = @h", null);
        OwnerData.Set(cmd, ("i", incident), ("h", contentHash));
        return Convert.ToInt64(cmd.ExecuteScalar(), CultureInfo.InvariantCulture) > 0;
    });

    public Dictionary<Tag, List<string>> PersonTags(long incident, IReadOnlyCollection<Tag> tags) => Guard(() =>
    {
        var held = new Dictionary<Tag, List<string>>();
        ForKeys(
            $"SELECT tag, buyer FROM {T("incident_persons")} WHERE incident = @i AND tag {{KEY}}",
            [.. tags.Select(t => t.ToArray())],
            r =>
            {
                var tag = Tag.Read((byte[])r.GetValue(0));
                if (!held.TryGetValue(tag, out var buyers))
                {
                    held[tag] = buyers = [];
                }

                buyers.Add(r.GetString(1));
            },
            ("i", incident));
        return held;
    });

    public long AddEvidence(long incident, EvidenceRecord evidence, IReadOnlyCollection<Tag> newPersonTags, IReadOnlyCollection<SoldTag> sold, IReadOnlyDictionary<long, string> customers) => Guard(() =>
    {
        ArgumentNullException.ThrowIfNull(evidence);
        ArgumentNullException.ThrowIfNull(sold);
        using var tx = Begin();
        using var insert = Command($"INSERT INTO {T("incident_evidence")} (incident, files, content_hash, buyer, added, new_persons, facts) VALUES (@i, @f, @h, @b, @a, @n, @x) RETURNING id", tx);
        OwnerData.Set(insert, ("i", incident), ("f", evidence.Files), ("h", evidence.ContentHash), ("b", evidence.Buyer), ("a", evidence.Added), ("n", evidence.NewPersons), ("x", evidence.Facts));
        var id = Convert.ToInt64(insert.ExecuteScalar(), CultureInfo.InvariantCulture);
        var row = new object?[4];
        using (var persons = Bulk(T("incident_persons"), "incident", "tag", "buyer"))
        {
            foreach (var tag in newPersonTags)
            {
                (row[0], row[1], row[2]) = (incident, tag.ToArray(), evidence.Buyer ?? string.Empty);
                persons.Add(row.AsSpan(0, 3));
            }

            persons.Complete();
        }

        var sale = new object?[6];
        using (var sales = Bulk(T("incident_sales"), "incident", "buyer", "evidence", "person", "band", "tag"))
        {
            foreach (var s in sold)
            {
                (sale[0], sale[1], sale[2], sale[3], sale[4], sale[5]) = (incident, evidence.Buyer ?? string.Empty, id, (long)s.Person, (long)s.Band, s.Tag.ToArray());
                sales.Add(sale);
            }

            sales.Complete();
        }

        using (var touched = Bulk(T("incident_customers"), "incident", "customer", "evidence", "kinds"))
        {
            foreach (var (customer, kinds) in customers)
            {
                (row[0], row[1], row[2], row[3]) = (incident, customer, id, kinds);
                touched.Add(row);
            }

            touched.Complete();
        }

        tx.Commit();
        return id;
    });

    public IReadOnlyList<EvidenceRecord> Evidence(long incident) => Guard(() =>
    {
        using var cmd = Command($"SELECT id, files, content_hash, buyer, added, new_persons, facts FROM {T("incident_evidence")} WHERE incident = @i ORDER BY id", null);
        OwnerData.Set(cmd, ("i", incident));
        var list = new List<EvidenceRecord>();
        OwnerData.Read(cmd, r => list.Add(new EvidenceRecord(r.GetInt64(0), r.GetString(1), r.GetString(2), r.IsDBNull(3) ? null : r.GetString(3), r.GetString(4), r.GetInt64(5), r.GetString(6))));
        return (IReadOnlyList<EvidenceRecord>)list;
    });

    public IReadOnlyList<SaleRow> Sales(long incident) => Guard(() =>
    {
        using var cmd = Command($"SELECT buyer, evidence, person, band, tag FROM {T("incident_sales")} WHERE incident = @i", null);
        OwnerData.Set(cmd, ("i", incident));
        var list = new List<SaleRow>();
        OwnerData.Read(cmd, r => list.Add(new SaleRow(r.GetString(0), r.GetInt64(1), (int)r.GetInt64(2), (int)r.GetInt64(3), Tag.Read((byte[])r.GetValue(4)))));
        return (IReadOnlyList<SaleRow>)list;
    });

    public Dictionary<long, SortedSet<string>> Customers(long incident) => Guard(() =>
    {
        using var cmd = Command($"SELECT customer, kinds FROM {T("incident_customers")} WHERE incident = @i", null);
        OwnerData.Set(cmd, ("i", incident));
        var map = new Dictionary<long, SortedSet<string>>();
        OwnerData.Read(cmd, r =>
        {
            var customer = r.GetInt64(0);
            if (!map.TryGetValue(customer, out var kinds))
            {
                map[customer] = kinds = new SortedSet<string>(StringComparer.Ordinal);
            }

            kinds.UnionWith(r.GetString(1).Split(',', StringSplitOptions.RemoveEmptyEntries));
        });
        return map;
    });

    private static IncidentRecord Incident(DbDataReader r)
    {
        string? S(int i) => r.IsDBNull(i) ? null : r.GetString(i);
        return new IncidentRecord(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), S(4), S(5), S(6), S(7), S(8), r.GetString(9));
    }

    private DbCommand Command(string sql, DbTransaction? tx) => OwnerData.Command(Connection, sql, tx);
}
