using Tracemark.Incident.Rules;
using Tracemark.Store.Incidents;
using Tracemark.Store.Tags;

namespace Tracemark.Incident;

/// <summary>
/// Art. 11 of the 2017 SPC/SPP interpretation (docs/incident-law.md §5) over all of an incident's evidence: for each
/// buyer ("" for evidence with none: seized, not shown sold), each distinct person counts once, in the most
/// sensitive band of everything known about them for that buyer; the same person sold to two buyers counts twice.
/// Persons are recognised across files by the keyed tags of their resident IDs and mobiles (never by plaintext).
/// </summary>
internal static class Sales
{
    public static Dictionary<CriminalBand, long> Count(IReadOnlyList<SaleRow> rows, IReadOnlyList<EvidenceFacts> evidence)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(evidence);

        // Nodes are (buyer, evidence, person); a key tag shared within a buyer joins them.
        var node = new Dictionary<(string Buyer, long Evidence, int Person), int>();
        var band = new List<CriminalBand>();
        var buyerOf = new List<string>();
        var parent = new List<int>();
        int Root(int i)
        {
            while (parent[i] != i)
            {
                parent[i] = parent[parent[i]];
                i = parent[i];
            }

            return i;
        }

        var first = new Dictionary<(string Buyer, Tag Tag), int>();
        foreach (var row in rows)
        {
            var key = (row.Buyer, row.Evidence, row.Person);
            if (!node.TryGetValue(key, out var n))
            {
                n = parent.Count;
                node[key] = n;
                parent.Add(n);
                band.Add((CriminalBand)row.Band);
                buyerOf.Add(row.Buyer);
            }

            if (first.TryGetValue((row.Buyer, row.Tag), out var other))
            {
                var (a, b) = (Root(n), Root(other));
                if (a != b)
                {
                    parent[a] = b;
                }
            }
            else
            {
                first[(row.Buyer, row.Tag)] = n;
            }
        }

        var records = new List<CriminalRecord>(parent.Count);
        for (var i = 0; i < parent.Count; i++)
        {
            records.Add(new CriminalRecord(buyerOf[i], Root(i).ToString(System.Globalization.CultureInfo.InvariantCulture), band[i]));
        }

        var counts = CriminalTiers.Count(records);

        // Persons with no ID or mobile cannot be recognised in another file: each counts once where it was found.
        // Evidence added before sold tags were kept is counted by its own bands, as it was then.
        foreach (var e in evidence)
        {
            var own = e.Exact ? e.Keyless ?? [] : e.Bands;
            foreach (var b in new[] { CriminalBand.Sensitive, CriminalBand.Personal, CriminalBand.Other })
            {
                counts[b] = counts.GetValueOrDefault(b) + own.GetValueOrDefault(CriminalTiers.Code(b));
            }
        }

        return counts;
    }
}
