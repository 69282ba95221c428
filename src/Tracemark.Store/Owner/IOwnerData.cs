using Tracemark.Store.Tags;

namespace Tracemark.Store.Owner;

/// <summary>
/// The data owner's side of the store (docs/owner-data.md): customers as keyed tags of their identifiers, channels,
/// the access log, and per (customer, channel) the first and last access — the index a trace reads. Every write of
/// one file is one transaction; ids come from the database.
/// </summary>
public interface IOwnerData
{
    /// <summary>The same file (by SHA-256) was imported before.</summary>
    bool WasImported(string contentHash);

    /// <summary>Adds or updates channels by name; returns the rows stored.</summary>
    long ImportChannels(ImportFile file, IEnumerable<ChannelRow> rows);

    /// <summary>Adds customers (new key tags get new ids) and points each identifier at its customer, the later line winning.</summary>
    long ImportCustomers(ImportFile file, IEnumerable<CustomerRow> rows);

    /// <summary>
    /// Appends access rows sorted by (customer, channel, time) and adds them to the per (customer, channel) reach, the
    /// per-channel totals, the devices' first use and the daily counts.
    /// </summary>
    void ImportAccess(ImportFile file, long rows, IEnumerable<AccessRow> sorted, IReadOnlyDictionary<(long Channel, string Device), long> devices, IReadOnlyDictionary<(long Channel, long Day), long> daily, IReadOnlyDictionary<(long Channel, string Action, string Fields), long>? fieldUse = null);

    /// <summary>Channel name → id.</summary>
    Dictionary<string, long> ChannelIds();

    /// <summary>Customer key tag → id (read once per access import, to number the log's customers).</summary>
    Dictionary<Tag, long> CustomerIds();

    /// <summary>The identifier already belongs to a customer or canary.</summary>
    bool Taken(Tag identifier);

    /// <summary>Registers canaries shown to <paramref name="channel"/> only, in one transaction.</summary>
    void AddCanaries(long channel, IReadOnlyList<CanaryRow> canaries);

    /// <summary>Identifier tag → the customer it belongs to, for the tags that belong to one.</summary>
    Dictionary<Tag, long> CustomersOf(IReadOnlyCollection<Tag> identifiers);

    /// <summary>(customer, channel) for every channel that first accessed one of <paramref name="customers"/> before <paramref name="before"/> (Unix seconds).</summary>
    List<(long Customer, long Channel)> Reached(IReadOnlyCollection<long> customers, long before);

    /// <summary>|A_c|: per channel, the customers it had reached before <paramref name="before"/>.</summary>
    Dictionary<long, long> ChannelCustomers(IReadOnlyCollection<long> channels, long before);

    /// <summary>Canary customer → the channel it was shown to, for the given customers.</summary>
    Dictionary<long, long> CanaryChannels(IReadOnlyCollection<long> customers);

    /// <summary>Customers, canaries included.</summary>
    long CustomerCount();

    IReadOnlyList<OwnerChannel> Channels();

    /// <summary>One channel's accesses to the given customers before <paramref name="before"/>.</summary>
    List<Access> Accesses(IReadOnlyCollection<long> customers, long channel, long before);

    /// <summary>When each of the given devices was first used on <paramref name="channel"/> (Unix seconds).</summary>
    Dictionary<string, long> DeviceFirstUse(IReadOnlyCollection<string> devices, long channel);

    /// <summary>The channel's accesses per day (days since 1970-01-01) before <paramref name="beforeDay"/>.</summary>
    List<(long Day, long Accesses)> Daily(long channel, long beforeDay);

    /// <summary>Each customer's unit (outlet/route path), for the customers whose file gave one, by customer id.</summary>
    void CustomerUnits(Action<long, string> unit);

    /// <summary>Every canary customer → the channel it was shown to.</summary>
    Dictionary<long, long> Canaries();

    /// <summary>
    /// The access rows with <paramref name="from"/> ≤ time &lt; <paramref name="until"/> (Unix seconds) in time order, one
    /// at a time, until <paramref name="row"/> returns false; returns the rows read.
    /// </summary>
    long Replay(long from, long until, Func<ReplayRow, bool> row);

    /// <summary>
    /// As <see cref="Replay"/>, with the text fields as UTF-8 bytes valid during the call: the replay `tracemark guard`
    /// runs over a whole history, where a string per field per row was most of the time spent.
    /// </summary>
    long ReplaySpans(long from, long until, ReplaySpanHandler row);

    /// <summary>Per channel: customers it ever accessed, and those it accessed at or after <paramref name="since"/> (Unix seconds).</summary>
    List<(long Channel, long Customers, long Recent)> ChannelReachSince(long since);

    /// <summary>Per unit (outlet) of employee channels: the distinct customers its channels accessed — what one of its accounts can look up.</summary>
    Dictionary<string, long> UnitCustomers();

    /// <summary>Customers whose last access by any channel is before <paramref name="cutoff"/>, and customers accessed at all.</summary>
    (long Stale, long Accessed) Retention(long cutoff);

    /// <summary>The newest access in the log (Unix seconds), or null when there is none.</summary>
    long? NewestAccess();

    /// <summary>Accesses per (channel, action, fields) from the optional fields column.</summary>
    List<(long Channel, string Action, string Fields, long Accesses)> FieldUse();

    /// <summary>Every owner table's rows as text in a fixed order, ids replaced by what they stand for: two stores with the same content give the same text.</summary>
    string Dump();
}
