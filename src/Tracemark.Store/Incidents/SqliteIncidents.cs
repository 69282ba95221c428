using System.Data.Common;
using Tracemark.Store.Backends;

namespace Tracemark.Store.Incidents;

/// <summary>Incidents in SQLite: ids are rowids; person tags and sold tags are WITHOUT ROWID tables keyed for lookups by tag.</summary>
internal sealed class SqliteIncidents(SqliteBackend db) : Incidents
{
    public static readonly IReadOnlyList<Migration> Migrations =
    [
        new(1, """
            CREATE TABLE incidents (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, discovered TEXT NOT NULL, operator TEXT NOT NULL, loss TEXT, owner_contact TEXT, entity TEXT, system TEXT, ended TEXT, opened TEXT NOT NULL);
            CREATE TABLE incident_evidence (id INTEGER PRIMARY KEY, incident INTEGER NOT NULL, files TEXT NOT NULL, content_hash TEXT NOT NULL, buyer TEXT, added TEXT NOT NULL, new_persons INTEGER NOT NULL, facts TEXT NOT NULL, UNIQUE (incident, content_hash));
            CREATE TABLE incident_persons (incident INTEGER NOT NULL, tag BLOB NOT NULL, buyer TEXT NOT NULL, PRIMARY KEY (incident, tag, buyer)) WITHOUT ROWID;
            CREATE TABLE incident_customers (incident INTEGER NOT NULL, customer INTEGER NOT NULL, evidence INTEGER NOT NULL, kinds TEXT NOT NULL, PRIMARY KEY (incident, customer, evidence));
            """),
        new(2, """
            CREATE TABLE incident_sales (incident INTEGER NOT NULL, buyer TEXT NOT NULL, evidence INTEGER NOT NULL, person INTEGER NOT NULL, band INTEGER NOT NULL, tag BLOB NOT NULL, PRIMARY KEY (incident, buyer, tag, evidence)) WITHOUT ROWID;
            """),
    ];

    protected override string T(string name) => name;

    protected override DbConnection Connection => db.Connection;

    protected override DbTransaction Begin() => db.Connection.BeginTransaction(deferred: false);

    protected override IBulkWriter Bulk(string table, params string[] columns) => new SqliteBulk(db, table, columns);

    protected override TResult Guard<TResult>(Func<TResult> action) => db.Guard(action);
}
