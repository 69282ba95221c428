using Tracemark.Store.Tags;

namespace Tracemark.Store.Incidents;

/// <summary>One incident as stored: times as ISO 8601 text with their offset, the loss as exact decimal text.</summary>
public sealed record IncidentRecord(long Id, string Name, string Discovered, string Operator, string? Loss, string? OwnerContact, string? Entity, string? System, string? Ended, string Opened);

/// <summary>One piece of evidence: the files (one scan), their content hash, the buyer they were sold to when known, and what was found (JSON owned by Tracemark.Incident).</summary>
public sealed record EvidenceRecord(long Id, string Files, string ContentHash, string? Buyer, string Added, long NewPersons, string Facts);

/// <summary>One key tag (resident ID or mobile) of one person of one evidence, for the criminal count: the person's number within the evidence and its band's threshold (50, 500 or 5,000: the most sensitive band of its records).</summary>
public readonly record struct SoldTag(int Person, int Band, Tag Tag);

/// <summary>A stored <see cref="SoldTag"/> with its buyer ("" when none is known) and evidence.</summary>
public readonly record struct SaleRow(string Buyer, long Evidence, int Person, int Band, Tag Tag);

/// <summary>
/// Incidents and their evidence (issue 20, docs/incident.md): an incident row, one row per evidence added, the
/// keyed tags of the persons already counted (so a person in two files counts once toward the grade, and once per
/// buyer toward the criminal count), and the owner's customers each piece of evidence touched. Ids from the database;
/// each evidence is written in one transaction.
/// </summary>
public interface IIncidents
{
    /// <summary>Opens an incident; its id comes from the database. A name already used is refused.</summary>
    long Open(IncidentRecord incident);

    IncidentRecord? Find(string name);

    IReadOnlyList<IncidentRecord> List();

    /// <summary>Records when handling ended (starts the 30-day clock of the closing report).</summary>
    void Close(long incident, string ended);

    /// <summary>The evidence with this content hash in the incident, if it was added before.</summary>
    bool HasEvidence(long incident, string contentHash);

    /// <summary>Of the given person tags, those the incident already holds, each with the buyers ("" = none) it holds them for.</summary>
    Dictionary<Tag, List<string>> PersonTags(long incident, IReadOnlyCollection<Tag> tags);

    /// <summary>
    /// Adds one evidence, the person tags new for its buyer, the key tags of its persons with their bands (for exact
    /// Art. 11 counting across evidence), and the customers it touched (customer → kind codes, comma-separated), in
    /// one transaction. Returns the evidence id.
    /// </summary>
    long AddEvidence(long incident, EvidenceRecord evidence, IReadOnlyCollection<Tag> newPersonTags, IReadOnlyCollection<SoldTag> sold, IReadOnlyDictionary<long, string> customers);

    /// <summary>Every key tag of every person of the incident's evidence, with buyer, evidence, person and band.</summary>
    IReadOnlyList<SaleRow> Sales(long incident);

    IReadOnlyList<EvidenceRecord> Evidence(long incident);

    /// <summary>Every customer the incident's evidence touched, with the kind codes leaked (union over evidence).</summary>
    Dictionary<long, SortedSet<string>> Customers(long incident);
}
