using Tracemark.Store.Tags;

namespace Tracemark.Store.Fraud;

/// <summary>
/// One anti-fraud report as stored (docs/fraud.md): no identifier in clear. The victim is the keyed tag of the first
/// identifier the report names (mobile, else resident ID, else QQ), so two reports by one person count as one
/// victim; the fraudster's contact is a keyed tag and a masked form for display.
/// </summary>
/// <param name="Id">Store-internal number (from the database).</param>
/// <param name="ReportId">The report's own id: importing it again changes nothing.</param>
/// <param name="Day">The report's date, days since 1970-01-01 (Beijing time).</param>
/// <param name="FraudType">Code of the fraud type (Tracemark.Fraud's closed list).</param>
/// <param name="LossFen">The victim's loss in fen (0.01 yuan).</param>
/// <param name="Victim">Keyed tag of the victim's first identifier.</param>
/// <param name="Contact">Keyed tag of the number or account the fraudster used, when given.</param>
/// <param name="ContactMasked">That contact, masked, for display.</param>
public sealed record FraudReportRow(long Id, string ReportId, int Day, string FraudType, long LossFen, Tag Victim, Tag? Contact, string? ContactMasked);

/// <summary>One identifier of a report's victim: its keyed tag and kind (the identifier kind's byte).</summary>
public readonly record struct VictimTag(Tag Tag, byte Kind);

/// <summary>
/// Fraud reports and their victims' keyed tags, beside the known leaks, so reports can be joined to the leaks their
/// victims are in without any identifier in clear.
/// </summary>
public interface IFraudReports
{
    /// <summary>
    /// Adds the reports whose report id is not held yet, each with its victim tags, in one transaction. Returns how
    /// many were new (a report id already held is left as it is).
    /// </summary>
    int Add(IReadOnlyList<(FraudReportRow Report, IReadOnlyList<VictimTag> Victims)> reports);

    /// <summary>Every report held, in id order, streamed.</summary>
    void Reports(Action<FraudReportRow> report);

    /// <summary>Every (report id, dataset) where one of the report's victim tags occurs in a complete dataset, each pair once.</summary>
    void Links(Action<long, long> link);

    /// <summary>Of <paramref name="tags"/>, those that are the tag of some report's victim.</summary>
    HashSet<Tag> Reported(IReadOnlyCollection<Tag> tags);

    /// <summary>Distinct tags per kind over every complete dataset, for the kinds given (one pass over the occurrences).</summary>
    Dictionary<byte, long> DistinctTags(IReadOnlyCollection<byte> kinds);

    /// <summary>Every tag of <paramref name="kind"/> in one dataset, streamed (one pass over the occurrences: no index by dataset).</summary>
    void DatasetTags(long dataset, byte kind, Action<Tag> tag);
}
