using Tracemark.Store.Owner;
using Tracemark.Store.Tags;

namespace Tracemark.Store.Backends;

/// <summary>What registering a dataset found.</summary>
internal enum StartOutcome
{
    /// <summary>A new dataset row in the loading state.</summary>
    Started,
    /// <summary>An interrupted (or concurrent) ingest of the same content: carry on with its row.</summary>
    Resumed,
    /// <summary>The same content is already complete: nothing to do.</summary>
    AlreadyComplete,
}

/// <summary>A dataset about to be ingested.</summary>
internal sealed record NewDataset(string Name, string Category, DateOnly Seen, string? Source, string ContentHash);

/// <summary>Figures filled in when an ingest completes.</summary>
internal sealed record DatasetFigures(long Records, long Persons, long Identifiers, IReadOnlyDictionary<string, long> Kinds, DateTime? NewestRecord);

/// <summary>One query tag found in one dataset.</summary>
internal readonly record struct TagHit(int Index, long Dataset, int FirstSeenDay);

/// <summary>
/// One database behind the store: its connection, its meta table and the versions of each capability's schema. It
/// hands out one object per capability (known leaks, owner data; guard state, incidents and cases next), each with
/// a SQLite and a PostgreSQL dialect class; no SQL and no dialect test lives outside Tracemark.Store
/// (docs/store.md, "Adding a capability").
/// </summary>
internal interface IStoreBackend : IDisposable
{
    /// <summary>"SQLite /path/store.db" or "PostgreSQL host/db", for messages.</summary>
    string Description { get; }

    string? ReadMeta(string key);

    void WriteMeta(string key, string value);

    /// <summary>True when the store already holds datasets or a key check (so a missing key is an error).</summary>
    bool HasData();

    /// <summary>Bytes the store takes on disk (for a sharded store, on the coordinator and every shard).</summary>
    long SizeOnDisk();

    /// <summary>Ingest, compare, datasets, publish and intel's reads.</summary>
    IKnownLeaks KnownLeaks { get; }

    /// <summary>The data owner's customers, channels and access log (owner import, canaries, trace); created on first use.</summary>
    IOwnerData OwnerData { get; }

    /// <summary>Incidents and their evidence (`tracemark incident`); created on first use.</summary>
    Incidents.IIncidents Incidents { get; }

    /// <summary>What a running guard keeps between runs (`tracemark guard --follow`, `--webhook`); created on first use.</summary>
    GuardState.IGuardState GuardState { get; }
}

/// <summary>
/// The known-leak capability: a small datasets table and one large occurrences table keyed by (tag, dataset), so the
/// tag can be the distribution column; lookups join the query's tags to occurrences on the tag alone.
/// </summary>
internal interface IKnownLeaks
{
    IReadOnlyList<Dataset> Datasets();

    (StartOutcome Outcome, Dataset Dataset) Start(NewDataset dataset);

    /// <summary>Adds sorted, distinct tags to a loading dataset and commits them.</summary>
    void Add(long dataset, int firstSeenDay, ReadOnlySpan<TaggedIdentifier> sortedDistinct);

    void Complete(long dataset, DatasetFigures figures);

    /// <summary>Removes one dataset and only its occurrences, in one transaction.</summary>
    void Remove(long dataset);

    /// <summary>Every (query index, dataset, first seen) where a sorted, distinct query tag occurs.</summary>
    void Lookup(ReadOnlySpan<TaggedIdentifier> sortedDistinct, List<TagHit> hits);
}

/// <summary>Rows appended to one table as fast as the database takes them (SQLite's C API; PostgreSQL's binary COPY).</summary>
internal interface IBulkWriter : IDisposable
{
    /// <summary>One row: long, int, string, byte[] or null per column, in the order the writer was opened with.</summary>
    void Add(ReadOnlySpan<object?> values);

    /// <summary>Writes every row added so far (the caller's transaction commits them).</summary>
    void Complete();
}
