using System.Globalization;
using Tracemark.Store;
using Tracemark.Store.Owner;

namespace Tracemark.Incident.Audit;

/// <summary>One channel's part in a finding.</summary>
/// <param name="Channel">The channel's name.</param>
/// <param name="Kind">employee, admin, partner, api or export.</param>
/// <param name="Unit">Its outlet or region.</param>
/// <param name="Count">The figure that puts it here (customers it can see but did not need; accesses; fields).</param>
/// <param name="Detail">The figures behind it, in plain words.</param>
public sealed record AuditItem(string Channel, string Kind, string? Unit, long Count, string Detail);

/// <summary>One finding: what, its PIPL basis, how many, and what to change.</summary>
/// <param name="Code">blast_radius, retention, full_identifiers or partner_fields.</param>
/// <param name="Title">In plain words.</param>
/// <param name="Basis">The PIPL articles.</param>
/// <param name="Quote">Their words.</param>
/// <param name="Count">How many (customers, accesses or fields, as <paramref name="Unit"/> says).</param>
/// <param name="Unit">What <paramref name="Count"/> counts.</param>
/// <param name="Change">What to change.</param>
/// <param name="Items">The channels behind it, worst first (at most 20).</param>
/// <param name="Assessed">False when the data needed was not imported (then Count is 0 and the caveats say why).</param>
public sealed record AuditFinding(string Code, string Title, string Basis, string Quote, long Count, string Unit, string Change, IReadOnlyList<AuditItem> Items, bool Assessed);

/// <summary>`tracemark audit` (docs/audit.md): contract "tracemark.audit/1".</summary>
public sealed record AuditReport(string Contract, string AsOf, int Days, int RetentionDays, long Customers, long Channels, IReadOnlyList<AuditFinding> Findings, IReadOnlyList<string> Caveats)
{
    public const string Version = "tracemark.audit/1";
}

/// <summary>
/// What can leak next, from the owner's imported data: each channel's reach against what it needed, customers kept
/// past the retention period, full identifiers fetched where a masked one served, and partners receiving more fields
/// than their contract — each with its PIPL basis, a count, and what to change.
/// </summary>
public sealed class OwnerAudit
{
    /// <summary>Kinds that have a masked form a person can work with (138****8000): fetching them in full is the finding.</summary>
    private static readonly HashSet<string> FullKinds = new(StringComparer.Ordinal) { "mobile", "cn_id", "bank_card", "email", "landline", "cn_passport" };

    // PIPL wording (NPC, 2021-08-20), each checked word for word against the reprints docs/incident-law.md §2 names;
    // Art. 51 is shortened with "…" to the clauses the findings rest on.
    internal const string Art6 = "处理个人信息应当具有明确、合理的目的，并应当与处理目的直接相关，采取对个人权益影响最小的方式。收集个人信息，应当限于实现处理目的的最小范围，不得过度收集个人信息。";
    internal const string Art19 = "除法律、行政法规另有规定外，个人信息的保存期限应当为实现处理目的所必要的最短时间。";
    internal const string Art51 = "个人信息处理者应当…采取下列措施…：…（二）对个人信息实行分类管理；（三）采取相应的加密、去标识化等安全技术措施；（四）合理确定个人信息处理的操作权限，并定期对从业人员进行安全教育和培训";

    private readonly IOwnerData _db;

    public OwnerAudit(KnownLeakStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        _db = store.OwnerData;
    }

    /// <summary>Reads "180d", "26w", "6m" (30 days each), "1y" (365 days) as days; null with why otherwise.</summary>
    public static int? ParseDays(string text, out string problem)
    {
        problem = string.Empty;
        var t = text?.Trim().ToLowerInvariant() ?? string.Empty;
        var unit = t.Length > 0 && char.IsAsciiLetter(t[^1]) ? t[^1] : 'd';
        var digits = char.IsAsciiLetter(t.Length > 0 ? t[^1] : ' ') ? t[..^1] : t;
        var per = unit switch { 'd' => 1, 'w' => 7, 'm' => 30, 'y' => 365, _ => 0 };
        if (per == 0 || !int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < 1 || n > 36_500 / per)
        {
            problem = $"'{text}' is not a period: a number of days, weeks, months or years such as 180d, 26w, 6m, 1y";
            return null;
        }

        return n * per;
    }

    /// <summary>
    /// contracts.csv: channel_id,fields — the fields each contract allows, as kind codes separated by ; | or spaces. Read
    /// line by line (a small hand-written file): the sniffing of leak files would take the ; inside the fields for the
    /// delimiter.
    /// </summary>
    public static IReadOnlyDictionary<string, IReadOnlySet<string>> ReadContracts(string path)
    {
        var map = new Dictionary<string, IReadOnlySet<string>>(StringComparer.Ordinal);
        var line = 0;
        foreach (var text in File.ReadLines(path))
        {
            line++;
            var row = text.Trim().TrimStart('\uFEFF');
            if (line == 1)
            {
                if (!row.Replace(" ", string.Empty, StringComparison.Ordinal).Equals("channel_id,fields", StringComparison.OrdinalIgnoreCase))
                {
                    throw new StoreException($"{path} line 1: the header must be channel_id,fields (got '{row}')");
                }

                continue;
            }

            if (row.Length == 0)
            {
                continue;
            }

            var comma = row.IndexOf(',', StringComparison.Ordinal);
            if (comma <= 0)
            {
                throw new StoreException($"{path} line {line}: needs channel_id,fields (got '{row}')");
            }

            var fields = Tracing.Owner.OwnerStore.Fields(row[(comma + 1)..].Trim().Trim('"'));
            map[row[..comma].Trim().Trim('"')] = fields.Split(',', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
        }

        return map;
    }

    /// <summary>Runs every check as of <paramref name="asOf"/> (default: the newest access in the log).</summary>
    public AuditReport Run(int days, int retentionDays, DateTimeOffset? asOf = null, IReadOnlyDictionary<string, IReadOnlySet<string>>? contracts = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(days, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(retentionDays, 1);
        var customers = _db.CustomerCount();
        var channels = _db.Channels();
        if (customers == 0 || channels.Count == 0)
        {
            throw new StoreException("the store holds no owner data yet: run `tracemark owner import` first");
        }

        var newest = _db.NewestAccess();
        var now = asOf?.ToUnixTimeSeconds() ?? newest ?? DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var byId = channels.ToDictionary(c => c.Id);
        var caveats = new List<string>();
        var findings = new List<AuditFinding>
        {
            BlastRadius(days, now, customers, byId, caveats),
            Retention(retentionDays, now, customers, caveats),
        };
        var use = _db.FieldUse();
        findings.Add(FullIdentifiers(use, byId, caveats));
        findings.Add(PartnerFields(use, byId, contracts, caveats));
        return new AuditReport(AuditReport.Version, Rules.IncidentTime.Format(DateTimeOffset.FromUnixTimeSeconds(now)), days, retentionDays, customers, channels.Count, findings, caveats);
    }

    // What a channel can see: admins and exports everyone; an employee account its outlet's customers (it can look up
    // anyone of its unit); partners and API clients what they received. What it needed: the customers it accessed in
    // the last N days.
    private AuditFinding BlastRadius(int days, long now, long customers, Dictionary<long, OwnerChannel> byId, List<string> caveats)
    {
        var units = _db.UnitCustomers();
        var items = new List<AuditItem>();
        long total = 0;
        foreach (var (id, reached, recent) in _db.ChannelReachSince(now - (days * 86_400L)))
        {
            if (!byId.TryGetValue(id, out var c))
            {
                continue;
            }

            var visible = c.Kind is "admin" or "export" ? customers : c.Kind == "employee" && c.Unit is { } u && units.TryGetValue(u, out var n) ? Math.Max(n, reached) : reached;
            var unneeded = Math.Max(0, visible - recent);
            total += unneeded;
            items.Add(new AuditItem(c.Name, c.Kind, c.Unit, unneeded, $"can see {visible:N0} customers, needed {recent:N0} in the last {days} days ({(visible == 0 ? 0 : (double)recent / visible):P0})"));
        }

        caveats.Add("What a channel can see is inferred from the log (admins and exports: every customer; an employee: every customer its unit's accounts accessed; partners and API clients: what they received); an export of the real permission model would be more exact.");
        return new AuditFinding(
            "blast_radius",
            "Channels that can see far more customers than they need",
            "PIPL Art. 51(4) operation permissions; Art. 6 minimum necessary",
            Art51 + " / " + Art6,
            total,
            "customer visibilities not needed (sum over channels)",
            "Limit each employee account to the customers of its own route or duties; let admins look up customers by ticket, not browse; replace standing bulk exports by per-task exports that expire.",
            [.. items.OrderByDescending(i => i.Count).ThenBy(i => i.Channel, StringComparer.Ordinal).Take(20)],
            true);
    }

    private AuditFinding Retention(int retentionDays, long now, long customers, List<string> caveats)
    {
        var (stale, accessed) = _db.Retention(now - (retentionDays * 86_400L));
        var never = Math.Max(0, customers - accessed);
        if (never > 0)
        {
            caveats.Add($"{never:N0} customers have no access in the imported log at all; whether they are past the retention period depends on when they were collected, which the owner data does not say.");
        }

        return new AuditFinding(
            "retention",
            $"Customers kept past the retention period ({retentionDays} days) with no access since",
            "PIPL Art. 19 retention",
            Art19,
            stale,
            "customers",
            $"Delete or anonymise customers (and their dockets, waybills and exports) with no access in {retentionDays} days; the courier of our cases destroys dockets every 6 months.",
            [],
            true);
    }

    // View, search and print are work a masked identifier serves (a call through a virtual number, a waybill with
    // 138****8000); fetching the full number there is what a rented account or an insider harvests.
    private static AuditFinding FullIdentifiers(List<(long Channel, string Action, string Fields, long Accesses)> use, Dictionary<long, OwnerChannel> byId, List<string> caveats)
    {
        if (use.Count == 0)
        {
            caveats.Add("access.csv had no fields column, so full identifiers fetched where a masked one served, and partners' fields, cannot be assessed (docs/owner-data.md).");
        }

        var perChannel = new Dictionary<long, (long Accesses, SortedSet<string> Fields, SortedSet<string> Actions)>();
        foreach (var (channel, action, fields, accesses) in use)
        {
            var full = fields.Split(',').Where(FullKinds.Contains).ToList();
            if (action is not ("view" or "search" or "print") || full.Count == 0)
            {
                continue;
            }

            var (n, f, a) = perChannel.TryGetValue(channel, out var x) ? x : (0, new SortedSet<string>(StringComparer.Ordinal), new SortedSet<string>(StringComparer.Ordinal));
            f.UnionWith(full);
            a.Add(action);
            perChannel[channel] = (n + accesses, f, a);
        }

        var items = perChannel.Where(p => byId.ContainsKey(p.Key)).Select(p => new AuditItem(byId[p.Key].Name, byId[p.Key].Kind, byId[p.Key].Unit, p.Value.Accesses, $"{string.Join("/", p.Value.Actions)} returned full {string.Join(", ", p.Value.Fields)}")).ToList();
        return new AuditFinding(
            "full_identifiers",
            "Full identifiers fetched where a masked one served",
            "PIPL Art. 6 minimum necessary; Art. 51(3) de-identification",
            Art6 + " / " + Art51,
            items.Sum(i => i.Count),
            "accesses",
            "Serve masked identifiers (138****8000) or virtual numbers to view, search and print (waybills); reveal a full number only on a logged, justified request.",
            [.. items.OrderByDescending(i => i.Count).ThenBy(i => i.Channel, StringComparer.Ordinal).Take(20)],
            use.Count > 0);
    }

    private static AuditFinding PartnerFields(List<(long Channel, string Action, string Fields, long Accesses)> use, Dictionary<long, OwnerChannel> byId, IReadOnlyDictionary<string, IReadOnlySet<string>>? contracts, List<string> caveats)
    {
        if (contracts is null)
        {
            caveats.Add("No --contracts file: partners' fields were not compared with their contracts.");
        }

        var extra = new Dictionary<long, (long Accesses, SortedSet<string> Fields)>();
        foreach (var (channel, _, fields, accesses) in use)
        {
            if (contracts is null || !byId.TryGetValue(channel, out var c) || c.Kind is not ("partner" or "api" or "export") || !contracts.TryGetValue(c.Name, out var allowed))
            {
                continue;
            }

            var beyond = fields.Split(',').Where(f => f.Length > 0 && !allowed.Contains(f)).ToList();
            if (beyond.Count == 0)
            {
                continue;
            }

            var (n, set) = extra.TryGetValue(channel, out var x) ? x : (0, new SortedSet<string>(StringComparer.Ordinal));
            set.UnionWith(beyond);
            extra[channel] = (n + accesses, set);
        }

        if (contracts is not null)
        {
            var missing = byId.Values.Where(c => c.Kind == "partner" && !contracts.ContainsKey(c.Name)).Select(c => c.Name).Order(StringComparer.Ordinal).ToList();
            if (missing.Count > 0)
            {
                caveats.Add($"Partners with no contract in --contracts: {string.Join(", ", missing.Take(10))}{(missing.Count > 10 ? " …" : string.Empty)}");
            }
        }

        var items = extra.Select(p => new AuditItem(byId[p.Key].Name, byId[p.Key].Kind, byId[p.Key].Unit, p.Value.Fields.Count, $"received {string.Join(", ", p.Value.Fields)} beyond the contract in {p.Value.Accesses:N0} accesses")).ToList();
        return new AuditFinding(
            "partner_fields",
            "Partners receiving more fields than their contract",
            "PIPL Art. 6 minimum necessary (and the contract the owner must hold with each recipient)",
            Art6,
            items.Sum(i => i.Count),
            "fields beyond contracts (sum over partners)",
            "Cut each partner's export to the fields of its contract (mask the rest), and check exports against contracts before they leave.",
            [.. items.OrderByDescending(i => i.Count).ThenBy(i => i.Channel, StringComparer.Ordinal).Take(20)],
            contracts is not null && use.Count > 0);
    }
}
