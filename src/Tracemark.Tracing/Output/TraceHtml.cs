using System.Globalization;
using System.Net;
using System.Text;
using Tracemark.Scanning.Output;
using Tracemark.Tracing.Owner;

namespace Tracemark.Tracing.Output;

/// <summary>
/// The file an investigator hands over after a trace: the verdict, every explanation with its probability, the
/// access log on the leading candidates with a per-day timeline (SVG, no scripts, nothing fetched), canaries, the
/// sample record by record (identifiers masked), the model's numbers and its caveats.
/// </summary>
public static class TraceHtml
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    public static void Write(TraceReport r, Stream output)
    {
        ArgumentNullException.ThrowIfNull(r);
        var h = new StringBuilder(32 * 1024);
        HtmlReport.Head(h, "Tracemark 泄露溯源报告 · trace report");
        h.Append("<h1>Tracemark 泄露溯源报告 · trace report</h1>");
        h.Append(C, $"<p class=\"muted\">sample {E(r.Sample)} · seen {r.Seen:yyyy-MM-dd} · written {DateTime.Now:yyyy-MM-dd HH:mm} · identifiers masked</p>");
        h.Append("<div class=\"cards\">");
        Card(h, "样本记录 records", r.Records);
        Card(h, "匹配客户 matched customers", r.Matched);
        Card(h, "已知泄露 in known leaks", r.Known);
        Card(h, "金丝雀 canaries", r.Rows.Count(x => x.Canary));
        h.Append("</div>");

        var cls = r.Verdict switch { "attributed" => "v-high", "shortlist" => "v-mid", _ => "v-low" };
        var top = r.Ranked.Count > 0 ? r.Ranked[0] : null;
        var named = top is null || top.Channels.Count == 0 ? "none of the owner's channels" : string.Join(" + ", top.Channels);
        h.Append(C, $"<h2>结论 · verdict</h2><p class=\"verdict {cls}\">{E(r.Verdict)}: most probable {E(named)} ({top?.Posterior ?? 0:P1})</p>");
        h.Append("<table><tr><th>explanation</th><th class=n>probability</th><th class=n>records explained</th><th class=n>canaries</th></tr>");
        foreach (var x in r.Ranked)
        {
            h.Append(C, $"<tr><td>{(x.Channels.Count == 0 ? "<i>none of these channels</i>" : E(string.Join(" + ", x.Channels)))}</td><td class=n>{x.Posterior:P2}</td><td class=n>{x.Explained}</td><td class=n>{x.Canaries}</td></tr>");
        }

        h.Append("</table>");
        h.Append(C, $"<p class=\"muted\">Model: L(S | c) = Π [(1 − π)·1{{t ∈ A_c}}/|A_c| + π·q(t)], π = {r.BackgroundShare:0.000} estimated from the records already in known leaks; colluding sets and “none of these channels” compete with single channels; canaries are explained by their channel only (docs/trace.md).</p>");

        h.Append("<h2>访问记录 · the access log on the leading candidates</h2>");
        if (r.Evidence.Count == 0)
        {
            h.Append("<p>No channel had accessed the sample's customers before it was seen.</p>");
        }

        foreach (var e in r.Evidence)
        {
            h.Append(C, $"<h3>{E(e.Channel)} <span class=\"muted\">{E(e.Kind)} {E(e.Unit ?? string.Empty)}</span></h3>");
            h.Append(C, $"<p>accessed {e.Explained} of the sample's customers (never {e.NeverAccessed}); {e.AccessedCustomers:N0} customers in all before the sample was seen; first {e.FirstAccess:yyyy-MM-dd HH:mm}, last {e.LastAccess:yyyy-MM-dd HH:mm} (UTC); off-hours {e.OffHoursShare:P0}; {e.Devices} device(s), {e.NewDevices} new; busiest day {e.PeakDay:yyyy-MM-dd} with {e.PeakAccesses:N0} accesses against a median of {e.MedianAccesses:0.#} a day.</p>");
            Timeline(h, e.Timeline);
        }

        h.Append("<h2>样本 · the sample, record by record</h2><table><tr><th class=n>#</th><th>identifiers (masked)</th><th>customer</th><th>known leak</th><th>accessed by</th></tr>");
        foreach (var row in r.Rows)
        {
            var who = row.Canary ? "<b>canary</b>" : row.Matched ? "yes" : "<span class=muted>not a customer</span>";
            h.Append(C, $"<tr><td class=n>{row.Number}</td><td><code>{E(row.Identifiers)}</code></td><td>{who}</td><td>{(row.Known ? "yes" : string.Empty)}</td><td>{E(string.Join(", ", row.AccessedBy))}</td></tr>");
        }

        h.Append("</table><h2>注意 · caveats</h2><ul>");
        foreach (var caveat in r.Caveats)
        {
            h.Append("<li>").Append(E(caveat)).Append("</li>");
        }

        h.Append("</ul>");
        if (r.Scan.Errors.Count > 0)
        {
            h.Append("<h2 class=err>problems reading the sample</h2><ul>");
            foreach (var e in r.Scan.Errors)
            {
                h.Append(C, $"<li class=err>{E(e.Source)}{(e.Record is { } n ? $" record {n}" : string.Empty)}: {E(e.Message)}</li>");
            }

            h.Append("</ul>");
        }

        h.Append("</body></html>");
        var bytes = Encoding.UTF8.GetBytes(h.ToString());
        output.Write(bytes);
    }

    private static void Timeline(StringBuilder h, IReadOnlyDictionary<DateOnly, int> days)
    {
        if (days.Count == 0)
        {
            return;
        }

        var first = days.Keys.Min();
        var span = days.Keys.Max().DayNumber - first.DayNumber + 1;
        var max = days.Values.Max();
        const int width = 900, height = 80;
        var bar = Math.Max(2.0, (double)width / span);
        h.Append(C, $"<svg width=\"{width}\" height=\"{height + 18}\" viewBox=\"0 0 {width} {height + 18}\" role=\"img\" aria-label=\"accesses per day\">");
        foreach (var (day, count) in days)
        {
            var x = (day.DayNumber - first.DayNumber) * bar;
            var bh = Math.Max(1.0, height * count / (double)max);
            h.Append(C, $"<rect x=\"{x:0.#}\" y=\"{height - bh:0.#}\" width=\"{Math.Max(1, bar - 1):0.#}\" height=\"{bh:0.#}\" fill=\"#3b6fb6\"><title>{day:yyyy-MM-dd}: {count}</title></rect>");
        }

        h.Append(C, $"<text x=\"0\" y=\"{height + 14}\">{first:yyyy-MM-dd}</text><text x=\"{width - 80}\" y=\"{height + 14}\">{days.Keys.Max():yyyy-MM-dd}</text></svg>");
    }

    private static void Card(StringBuilder h, string label, long value) => h.Append(C, $"<div class=\"card\"><b>{value:N0}</b>{E(label)}</div>");

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
