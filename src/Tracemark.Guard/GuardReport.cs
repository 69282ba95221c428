using System.Globalization;
using System.Net;
using System.Text;
using Tracemark.Identifiers;
using Tracemark.Scanning.Output;

namespace Tracemark.Guard;

/// <summary>
/// `tracemark guard --report FILE.html`: one section per alert with its evidence and two charts of the channel's days
/// around it — its daily accesses against its peers' (the same kind in the same outlet; the same kind everywhere when
/// the outlet has fewer than two), with the alert's span shaded and days with a new device marked; and the share of
/// its customers outside its declared outlet against the peers'. Inline SVG and CSS only: no script, nothing fetched.
/// Account names are masked unless <c>reveal</c> (the report may be forwarded), each with a keyed tag that tells two
/// masked accounts apart (<see cref="GuardReplay.Pseudonyms"/>); no customer appears at all.
/// </summary>
public static class GuardReport
{
    private const long Day = 86_400;
    private const int Before = 21;
    private const int After = 3;
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    private const string Styles = """
        .alert{border:1px solid #e4e8ee;border-radius:8px;padding:.6rem 1rem;margin:1.2rem 0}
        .alert h3{margin:.2rem 0 .4rem;font-size:1.05rem} .kind{display:inline-block;background:#fde2e1;color:#a4161a;border-radius:4px;padding:0 .4rem;font-size:.85rem}
        .legend{font-size:.82rem;color:#6b7785;margin:.2rem 0 .6rem} .legend i{display:inline-block;width:.8rem;height:.6rem;margin:0 .25rem 0 .6rem}
        figure{margin:.4rem 0} figcaption{font-size:.9rem;font-weight:600} th.n{white-space:nowrap}
        """;

    /// <summary>Writes the report of <paramref name="alerts"/> from a replay that kept its activity (<c>report: true</c>).</summary>
    public static void Write(GuardResult result, IReadOnlyList<GuardAlert> alerts, Stream output, bool reveal)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(alerts);
        ArgumentNullException.ThrowIfNull(output);
        var activity = result.Activity ?? throw new ArgumentException("the replay did not keep its activity (report: true)", nameof(result));
        var channels = result.Channels;
        var index = channels.Select((c, i) => (c.Name, i)).ToDictionary(p => p.Name, p => p.i, StringComparer.Ordinal);
        var names = channels.Select(c => c.Name).OrderByDescending(n => n.Length).ToList();
        string Name(string n) => reveal ? n : result.Pseudonyms.GetValueOrDefault(n) ?? Masking.MaskUnknown(n);
        string Text(string s)
        {
            if (reveal)
            {
                return s;
            }

            // Evidence may name other accounts (a colluding partner, whom a canary was planted for).
            foreach (var n in names.Where(n => s.Contains(n, StringComparison.Ordinal)))
            {
                s = s.Replace(n, Name(n), StringComparison.Ordinal);
            }

            return s;
        }

        var h = new StringBuilder(64 * 1024);
        HtmlReport.Head(h, "Tracemark 内部人员告警 · guard alerts", Styles);
        h.Append("<h1>内部人员告警 · guard alerts</h1>");
        h.Append(C, $"<p class=\"muted\">{result.Rows:N0} access rows replayed · {alerts.Count:N0} alert(s) · account names {(reveal ? "shown in full" : "masked")} · no customer is named</p>");
        if (alerts.Count == 0)
        {
            h.Append("<p>No alert: nothing in the access log stood out from its channel's history and its peers.</p>");
        }
        else
        {
            h.Append("<table><thead><tr><th>raised</th><th>account</th><th>kind</th><th class=\"n\">score</th></tr></thead><tbody>");
            foreach (var (a, i) in alerts.Select((a, i) => (a, i + 1)))
            {
                h.Append(C, $"<tr><td>{E(Time(a.FirstAlert))}</td><td><a href=\"#a{i}\">{E(Name(a.Channel))}</a></td><td>{E(a.Kind)}</td><td class=\"n\">{a.Score:0.00}</td></tr>");
            }

            h.Append("</tbody></table>");
        }

        foreach (var (a, i) in alerts.Select((a, i) => (a, i + 1)))
        {
            h.Append(C, $"<section class=\"alert\" id=\"a{i}\"><h3>{E(Name(a.Channel))} <span class=\"kind\">{E(a.Kind)}</span> <span class=\"muted\">score {a.Score:0.00}</span></h3>");
            h.Append(C, $"<p class=\"muted\">suspicious from {E(Time(a.From))} to {E(Time(a.To))} · raised at {E(Time(a.FirstAlert))}</p><ul>");
            foreach (var e in a.Evidence)
            {
                h.Append("<li>").Append(E(Text(e))).Append("</li>");
            }

            h.Append("</ul>");
            if (index.TryGetValue(a.Channel, out var channel))
            {
                Charts(h, a, channel, channels, activity);
            }

            h.Append("</section>");
        }

        h.Append("</body></html>");
        var bytes = Encoding.UTF8.GetBytes(h.ToString());
        output.Write(bytes);
    }

    private static void Charts(StringBuilder h, GuardAlert a, int channel, IReadOnlyList<GuardChannel> channels, GuardActivity activity)
    {
        var me = channels[channel];
        var outlet = Outlet(me.Unit);
        var peers = Enumerable.Range(0, channels.Count).Where(i => i != channel && channels[i].Kind == me.Kind && Outlet(channels[i].Unit) == outlet).ToList();
        var group = "same kind, same outlet";
        if (peers.Count < 2)
        {
            peers = [.. Enumerable.Range(0, channels.Count).Where(i => i != channel && channels[i].Kind == me.Kind)];
            group = "same kind";
        }

        var first = Math.Max(activity.Span.First, (a.From.ToUnixTimeSeconds() / Day) - Before);
        var last = Math.Min(activity.Span.Last, (a.To.ToUnixTimeSeconds() / Day) + After);
        if (last < first)
        {
            return;
        }

        var days = Enumerable.Range(0, (int)(last - first + 1)).Select(d => first + d).ToList();
        var mine = days.Select(d => activity.On(channel, d)).ToList();
        var peerDays = days.Select(d => peers.Select(p => (double)activity.On(p, d).Accesses).Order().ToList()).ToList();
        var span = (a.From.ToUnixTimeSeconds() / Day, a.To.ToUnixTimeSeconds() / Day);

        h.Append(C, $"<figure><figcaption>每日访问 · accesses per day vs {peers.Count:N0} peers ({group})</figcaption>");
        h.Append("<p class=\"legend\"><i style=\"background:#2f6fb2\"></i>this account<i style=\"background:#9aa5b1;height:2px\"></i>peers' median<i style=\"background:#e4e8ee\"></i>peers' middle half<i style=\"background:#fde2e1\"></i>alert span<i style=\"background:#e8590c\"></i>new device</p>");
        Chart(h, days, [.. mine.Select(m => (double)m.Accesses)], [.. peerDays.Select(p => Quantile(p, 0.25))], [.. peerDays.Select(p => Quantile(p, 0.5))], [.. peerDays.Select(p => Quantile(p, 0.75))], [.. mine.Select(m => m.NewDevices > 0)], span, "accesses per day", percent: false);
        h.Append("</figure>");

        if (outlet is null || mine.All(m => m.Scoped == 0))
        {
            h.Append("<p class=\"muted\">No declared outlet (head office, service centre, partner, API): its scope is learned from its history, see the evidence.</p>");
            return;
        }

        static double Share(GuardActivity.DayCount c) => c.Scoped == 0 ? 0 : 100.0 * c.Outside / c.Scoped;
        var peerShares = days.Select(d => peers.Select(p => Share(activity.On(p, d))).Order().ToList()).ToList();
        h.Append(C, $"<figure><figcaption>辖区外客户占比 · share of customers outside {E(outlet)} (%)</figcaption>");
        Chart(h, days, [.. mine.Select(Share)], [.. peerShares.Select(p => Quantile(p, 0.25))], [.. peerShares.Select(p => Quantile(p, 0.5))], [.. peerShares.Select(p => Quantile(p, 0.75))], [.. mine.Select(_ => false)], span, "percent of customers outside the outlet per day", percent: true);
        h.Append("</figure>");
    }

    // Bars for the account, a band and a line for its peers, the alert's days shaded: a viewBox scaled to the page width.
    private static void Chart(StringBuilder h, List<long> days, double[] mine, double[] low, double[] median, double[] high, bool[] marks, (long From, long To) span, string label, bool percent)
    {
        const int width = 640, height = 190, left = 40, right = 8, top = 12, bottom = 26;
        var max = percent ? 100 : Math.Max(1, Math.Max(mine.Max(), high.Max()));
        var step = (double)(width - left - right) / days.Count;
        double X(int i) => left + (i * step);
        double Y(double v) => top + ((height - top - bottom) * (1 - (v / max)));
        h.Append(C, $"<svg viewBox=\"0 0 {width} {height}\" role=\"img\" aria-label=\"{E(label)}\">");
        for (var i = 0; i < days.Count; i++)
        {
            if (days[i] >= span.From && days[i] <= span.To)
            {
                h.Append(C, $"<rect x=\"{X(i):0.#}\" y=\"{top}\" width=\"{step:0.##}\" height=\"{height - top - bottom}\" fill=\"#fde2e1\"/>");
            }
        }

        var band = string.Join(' ', Enumerable.Range(0, days.Count).Select(i => F($"{X(i) + (step / 2):0.#},{Y(high[i]):0.#}")).Concat(Enumerable.Range(0, days.Count).Reverse().Select(i => F($"{X(i) + (step / 2):0.#},{Y(low[i]):0.#}"))));
        h.Append(C, $"<polygon points=\"{band}\" fill=\"#e4e8ee\"/>");
        for (var i = 0; i < days.Count; i++)
        {
            h.Append(C, $"<rect x=\"{X(i) + (step * 0.2):0.#}\" y=\"{Y(mine[i]):0.#}\" width=\"{step * 0.6:0.##}\" height=\"{Y(0) - Y(mine[i]):0.#}\" fill=\"#2f6fb2\"><title>{E(Date(days[i]))}: {mine[i]:0.#}{(percent ? " %" : string.Empty)} (peers' median {median[i]:0.#})</title></rect>");
            if (marks[i])
            {
                var x = X(i) + (step / 2);
                h.Append(C, $"<path d=\"M{x - 5:0.#},{top - 2} L{x + 5:0.#},{top - 2} L{x:0.#},{top + 7} Z\" fill=\"#e8590c\"><title>{E(Date(days[i]))}: new device</title></path>");
            }
        }

        h.Append(C, $"<polyline points=\"{string.Join(' ', Enumerable.Range(0, days.Count).Select(i => F($"{X(i) + (step / 2):0.#},{Y(median[i]):0.#}")))}\" fill=\"none\" stroke=\"#6b7785\" stroke-width=\"2\"/>");
        h.Append(C, $"<line x1=\"{left}\" y1=\"{Y(0):0.#}\" x2=\"{width - right}\" y2=\"{Y(0):0.#}\" stroke=\"#9aa5b1\"/>");
        h.Append(C, $"<text x=\"{left - 4}\" y=\"{top + 4}\" text-anchor=\"end\">{max:0}</text><text x=\"{left - 4}\" y=\"{Y(0):0.#}\" text-anchor=\"end\">0</text>");
        h.Append(C, $"<text x=\"{left}\" y=\"{height - 8}\">{E(Date(days[0]))}</text><text x=\"{width - right}\" y=\"{height - 8}\" text-anchor=\"end\">{E(Date(days[^1]))}</text>");
        h.Append("</svg>");
    }

    private static string F(FormattableString s) => s.ToString(C);

    private static double Quantile(List<double> sorted, double q) => sorted.Count == 0 ? 0 : sorted[(int)Math.Min(sorted.Count - 1, Math.Floor(q * sorted.Count))];

    private static string? Outlet(string? unit)
    {
        var u = Store.Owner.UnitPath.Normalize(unit);
        return u is null ? null : u.Split('/')[0];
    }

    private static string Time(DateTimeOffset t) => t.ToString("yyyy-MM-dd HH:mm zzz", C);

    private static string Date(long day) => DateTimeOffset.FromUnixTimeSeconds(day * Day).ToString("MM-dd", C);

    private static string E(string s) => WebUtility.HtmlEncode(s);
}
