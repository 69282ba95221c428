using Tracemark.Store.Tags;

namespace Tracemark.Store;

/// <summary>One known leak as the store remembers it (no identifiers in clear: only counts and keyed tags).</summary>
/// <param name="Id">Store-internal number.</param>
/// <param name="Name">Unique name given at ingest.</param>
/// <param name="Category">courier, loan, hotel, ecommerce, social, telecom, government or other.</param>
/// <param name="Seen">When the leak was seen (found on a forum, seized).</param>
/// <param name="Source">Free note: where it was seen.</param>
/// <param name="ContentHash">SHA-256 of the content (hex); the same bytes ingested again change nothing.</param>
/// <param name="Records">Records the scan read.</param>
/// <param name="Persons">Distinct persons the scan linked.</param>
/// <param name="Identifiers">Distinct identifiers stored as tags.</param>
/// <param name="Kinds">Distinct identifiers per kind code, as scanned (names and addresses included, though not stored).</param>
/// <param name="NewestRecord">Newest record time in the data, when it carries one.</param>
/// <param name="Complete">False while an ingest is running or after one was interrupted (re-run it to resume).</param>
public sealed record Dataset(
    long Id,
    string Name,
    string Category,
    DateOnly Seen,
    string? Source,
    string ContentHash,
    long Records,
    long Persons,
    long Identifiers,
    IReadOnlyDictionary<string, long> Kinds,
    DateTime? NewestRecord,
    bool Complete);

/// <summary>The categories a dataset can have (issue 4; the trade's sectors).</summary>
public static class DatasetCategories
{
    /// <summary>Every category, in display order.</summary>
    public static IReadOnlyList<string> All { get; } = ["courier", "loan", "hotel", "ecommerce", "social", "telecom", "government", "other"];
}

/// <summary>Live counters of an ingest's last phase, writing merged tags to the store; read from any thread.</summary>
public sealed class StoreMonitor
{
    private long _written;
    private long _toWrite;

    /// <summary>Tags to write (known once the scan is done; 0 before).</summary>
    public long ToWrite => Interlocked.Read(ref _toWrite);

    /// <summary>Tags written so far.</summary>
    public long Written => Interlocked.Read(ref _written);

    internal void Start(long total) => Interlocked.Exchange(ref _toWrite, Math.Max(total, 1));

    internal void Add(long count) => Interlocked.Add(ref _written, count);
}

/// <summary>One tag found in one complete dataset, with the day its identifier was first seen there.</summary>
public sealed record Sighting(Tag Tag, Dataset Dataset, DateOnly FirstSeen);
