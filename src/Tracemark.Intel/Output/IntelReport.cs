using System.Globalization;
using System.Net;
using System.Text;

namespace Tracemark.Intel.Output;

/// <summary>
/// One offline HTML file (no scripts, no fonts, no network): the graph of the top actors drawn as SVG (accounts as
/// circles, handles as squares, escrow handles grey, laid out by a deterministic force simulation), price per record
/// by month for each category and freshness (log scale: prices run from 0.001 to 1.5 yuan), the top actors with
/// their handles, prices and volumes, the market table, and example posts with identifiers masked.
/// </summary>
public static class IntelReport
{
    private const int TopActors = 30;
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;
    private static readonly string[] Palette = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#8c564b", "#e377c2", "#bcbd22", "#7f7f7f"];

    public static void Write(string path, IntelResult result, bool reveal)
    {
        ArgumentNullException.ThrowIfNull(result);
        var top = result.Actors.Where(a => a.Offers + a.Requests + a.Services > 0).OrderByDescending(a => a.Posts).ThenBy(a => a.Id, StringComparer.Ordinal).Take(TopActors).ToList();
        var html = new StringBuilder();
        html.Append("<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>Tracemark intel 情报报告</title><style>")
            .Append("body{font-family:system-ui,'Noto Sans CJK SC','Microsoft YaHei',sans-serif;margin:2em;color:#222;max-width:1200px}")
            .Append("table{border-collapse:collapse;margin:1em 0;font-size:13px}td,th{border:1px solid #ccc;padding:3px 7px;text-align:left;vertical-align:top}")
            .Append("th{background:#f3f3f3}h2{margin-top:2em}.muted{color:#777}.post{background:#fafafa;border-left:3px solid #ccc;padding:4px 8px;margin:4px 0;white-space:pre-wrap;font-size:13px}")
            .Append("svg text{font-size:10px}svg{max-width:100%;height:auto}.wide{overflow-x:auto;max-width:100%}")
            .Append(".multiples{display:grid;grid-template-columns:repeat(auto-fill,minmax(280px,1fr));gap:12px}.multiples figure{margin:0}.multiples figcaption{font-size:13px;font-weight:600}")
            .Append(".multiples svg text,.weeks svg text{font-size:12px}@media (max-width:600px){body{margin:0.8em}}</style></head><body>");
        html.Append(CultureInfo.InvariantCulture, $"<h1>Tracemark intel 情报报告</h1><p>{result.PostCount:N0} posts read, {result.TradePosts:N0} about the trade, {result.Actors.Count(a => a.Offers + a.Requests + a.Services > 0):N0} trading actors; {result.Problems.Count:N0} input problems. Identifiers in samples are masked.</p>");
        Graph(html, result, top, reveal);
        Prices(html, result);
        Weekly(html, result);
        Actors(html, top, reveal);
        MarketTable(html, result);
        html.Append("</body></html>");
        File.WriteAllText(path, html.ToString());
    }

    private static void Graph(StringBuilder html, IntelResult result, List<ActorSummary> top, bool reveal)
    {
        var wanted = top.Select(a => a.Id).ToHashSet(StringComparer.Ordinal);
        var (allNodes, allEdges) = ActorGraph.Build(result, reveal);
        var accounts = allNodes.Where(n => n.Kind == "account" && wanted.Contains(n.Actor)).ToList();
        var accountIds = accounts.Select(n => n.Id).ToHashSet(StringComparer.Ordinal);
        // Escrow handles are left out of the drawing: named by many sellers, they would pull every actor together.
        var edges = allEdges.Where(e => accountIds.Contains(e.Source) && e.Evidence != "escrow").ToList();
        var nodeIds = accountIds.Concat(edges.Select(e => e.Target)).ToHashSet(StringComparer.Ordinal);
        var nodes = allNodes.Where(n => nodeIds.Contains(n.Id)).ToList();
        html.Append(CultureInfo.InvariantCulture, $"<h2>Actor graph 关系图 (top {top.Count} actors)</h2><p class=\"muted\">Circles are accounts (bigger: more posts), squares the handles they posted, dashed lines near-duplicate ads or shared sample people; colour is the actor. Escrow (担保) handles are not drawn (they are in --graph).</p>");
        if (nodes.Count == 0)
        {
            html.Append("<p>No trading actors.</p>");
            return;
        }

        var index = nodes.Select((n, i) => (n.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        var (x, y) = Layout(nodes.Count, [.. edges.Where(e => index.ContainsKey(e.Target)).Select(e => (index[e.Source], index[e.Target]))]);
        var colour = top.Select((a, i) => (a.Id, Palette[i % Palette.Length])).ToDictionary(p => p.Id, p => p.Item2, StringComparer.Ordinal);
        const int W = 1100, H = 700;
        html.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{W}\" height=\"{H}\" viewBox=\"0 0 {W} {H}\" style=\"border:1px solid #ddd\">");
        foreach (var e in edges)
        {
            if (!index.TryGetValue(e.Target, out var t))
            {
                continue;
            }

            var s = index[e.Source];
            var dash = e.Evidence is "text" or "samples" ? " stroke-dasharray=\"4 3\"" : string.Empty;
            html.Append(CultureInfo.InvariantCulture, $"<line x1=\"{x[s] * W:0.0}\" y1=\"{y[s] * H:0.0}\" x2=\"{x[t] * W:0.0}\" y2=\"{y[t] * H:0.0}\" stroke=\"#bbb\"{dash}><title>{Esc(e.Evidence)}: {Esc(e.Detail)}</title></line>");
        }

        for (var i = 0; i < nodes.Count; i++)
        {
            var n = nodes[i];
            var fill = n.Kind == "escrow" ? "#999" : colour.GetValueOrDefault(n.Actor, "#555");
            var px = x[i] * W;
            var py = y[i] * H;
            if (n.Kind == "account")
            {
                html.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{px:0.0}\" cy=\"{py:0.0}\" r=\"{4 + Math.Min(8, n.Posts):0}\" fill=\"{fill}\"><title>{Esc(n.Label)} — {n.Posts} posts, actor {Esc(n.Actor)}</title></circle>");
            }
            else
            {
                html.Append(CultureInfo.InvariantCulture, $"<rect x=\"{px - 4:0.0}\" y=\"{py - 4:0.0}\" width=\"8\" height=\"8\" fill=\"{fill}\" opacity=\"0.7\"><title>{Esc(n.Label)}</title></rect>");
            }
        }

        foreach (var a in top.Take(12))
        {
            var first = nodes.FindIndex(n => n.Kind == "account" && n.Actor == a.Id);
            if (first >= 0)
            {
                html.Append(CultureInfo.InvariantCulture, $"<text x=\"{(x[first] * W) + 10:0.0}\" y=\"{(y[first] * H) - 6:0.0}\">{Esc(a.Id)}</text>");
            }
        }

        html.Append("</svg>");
    }

    /// <summary>Fruchterman–Reingold with a fixed start (a ring): the same graph is drawn the same way every time.</summary>
    private static (double[] X, double[] Y) Layout(int n, List<(int A, int B)> edges)
    {
        var x = new double[n];
        var y = new double[n];
        for (var i = 0; i < n; i++)
        {
            x[i] = 0.5 + (0.4 * Math.Cos(2 * Math.PI * i / n));
            y[i] = 0.5 + (0.4 * Math.Sin(2 * Math.PI * i / n));
        }

        var k = Math.Sqrt(1.0 / n);
        var dx = new double[n];
        var dy = new double[n];
        for (var iteration = 0; iteration < 150; iteration++)
        {
            var temperature = 0.1 * (1 - (iteration / 150.0));
            Array.Clear(dx);
            Array.Clear(dy);
            for (var i = 0; i < n; i++)
            {
                for (var j = i + 1; j < n; j++)
                {
                    var ex = x[i] - x[j];
                    var ey = y[i] - y[j];
                    var d2 = Math.Max((ex * ex) + (ey * ey), 1e-6);
                    var f = k * k / d2;
                    dx[i] += ex * f;
                    dy[i] += ey * f;
                    dx[j] -= ex * f;
                    dy[j] -= ey * f;
                }
            }

            foreach (var (a, b) in edges)
            {
                var ex = x[a] - x[b];
                var ey = y[a] - y[b];
                var d = Math.Max(Math.Sqrt((ex * ex) + (ey * ey)), 1e-3);
                var f = d / k;
                dx[a] -= ex * f;
                dy[a] -= ey * f;
                dx[b] += ex * f;
                dy[b] += ey * f;
            }

            for (var i = 0; i < n; i++)
            {
                // Gravity towards the middle keeps separate actors on the canvas instead of pressed against its edges.
                // (n·k² is 1: the pull matches the summed repulsion of a canvas full of nodes.)
                dx[i] -= (x[i] - 0.5) * 6 * n * k * k;
                dy[i] -= (y[i] - 0.5) * 6 * n * k * k;
                var d = Math.Max(Math.Sqrt((dx[i] * dx[i]) + (dy[i] * dy[i])), 1e-9);
                x[i] = Math.Clamp(x[i] + (dx[i] / d * Math.Min(d, temperature)), 0.03, 0.97);
                y[i] = Math.Clamp(y[i] + (dy[i] / d * Math.Min(d, temperature)), 0.03, 0.97);
            }
        }

        return (x, y);
    }

    private static void Prices(StringBuilder html, IntelResult result)
    {
        var rows = result.Market.Where(r => r.Goods == "personal_data" && r.MedianPrice is not null && r.Month != "undated").ToList();
        html.Append("<h2>Price per record 每条价格 (median by month, yuan, log scale)</h2>");
        if (rows.Count == 0)
        {
            html.Append("<p>No priced personal-data offers.</p>");
            return;
        }

        var months = rows.Select(r => r.Month).Distinct().Order(StringComparer.Ordinal).ToList();
        var series = rows.GroupBy(r => $"{r.Category} / {r.Freshness}").OrderByDescending(g => g.Sum(r => r.Offers)).Take(10).ToList();
        var min = Math.Log10(rows.Min(r => r.MedianPrice!.Value));
        var max = Math.Log10(rows.Max(r => r.MedianPrice!.Value));
        if (max - min < 1)
        {
            max = min + 1;
        }

        const int W = 1000, H = 320, L = 60, B = 30;
        html.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{W + 220}\" height=\"{H + B}\" viewBox=\"0 0 {W + 220} {H + B}\">");
        for (var p = Math.Floor(min); p <= Math.Ceiling(max); p++)
        {
            var yy = H - ((p - min) / (max - min) * (H - 20));
            html.Append(CultureInfo.InvariantCulture, $"<line x1=\"{L}\" x2=\"{W}\" y1=\"{yy:0.0}\" y2=\"{yy:0.0}\" stroke=\"#eee\"/><text x=\"4\" y=\"{yy + 3:0.0}\">{Math.Pow(10, p).ToString("0.###", C)}</text>");
        }

        for (var m = 0; m < months.Count; m += Math.Max(1, (int)Math.Ceiling(months.Count / 10.0)))
        {
            html.Append(CultureInfo.InvariantCulture, $"<text x=\"{L + (m * (W - L) / Math.Max(1, months.Count - 1)):0}\" y=\"{H + 20}\">{months[m]}</text>");
        }

        var s = 0;
        foreach (var line in series)
        {
            var colour = Palette[s % Palette.Length];
            var points = line.GroupBy(r => r.Month).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g =>
            {
                var xx = L + (months.IndexOf(g.Key) * (W - L) / (double)Math.Max(1, months.Count - 1));
                var yy = H - ((Math.Log10(g.Average(r => r.MedianPrice!.Value)) - min) / (max - min) * (H - 20));
                return $"{xx.ToString("0.0", C)},{yy.ToString("0.0", C)}";
            });
            html.Append(CultureInfo.InvariantCulture, $"<polyline fill=\"none\" stroke=\"{colour}\" stroke-width=\"1.5\" points=\"{string.Join(' ', points)}\"/>");
            html.Append(CultureInfo.InvariantCulture, $"<rect x=\"{W + 10}\" y=\"{10 + (s * 16)}\" width=\"10\" height=\"10\" fill=\"{colour}\"/><text x=\"{W + 24}\" y=\"{19 + (s * 16)}\">{Esc(line.Key)}</text>");
            s++;
        }

        html.Append("</svg>");
    }

    /// <summary>
    /// The market week by week: trade posts per week as stacked bars (offers, requests, lookup services), the shares of
    /// first-hand and tested offers, and the unit price per category as small multiples — one panel per goods (per
    /// category for personal data) on a shared week axis, a line per freshness through the weekly medians with the
    /// quartiles as a band. A week without posts has no bar, a week without a priced offer breaks the line: gaps,
    /// never zeros.
    /// </summary>
    private static void Weekly(StringBuilder html, IntelResult result)
    {
        html.Append("<h2>Week by week 每周行情</h2>");
        if (result.Weeks.Count == 0)
        {
            html.Append("<p>No dated trade posts.</p>");
            return;
        }

        var weeks = result.Weeks.Select(w => w.Week).ToList();
        var at = weeks.Select((w, i) => (w, i)).ToDictionary(p => p.w, p => p.i, StringComparer.Ordinal);
        html.Append(CultureInfo.InvariantCulture, $"<p class=\"muted\">{weeks.Count:N0} weeks from {weeks[0]} to {weeks[^1]} (weeks start on Monday). A week without posts has no bar and a week without a priced offer breaks the line: gaps, not zeros.</p><div class=\"weeks\">");

        // Volume: stacked bars.
        const int W = 960, H = 200, L = 48, R = 12, T = 12, B = 34;
        var maxPosts = Math.Max(1, result.Weeks.Max(w => w.Offers + w.Requests + w.Services));
        double X(int i, int width, int left, int right) => left + ((i + 0.5) * (width - left - right) / weeks.Count);
        var bar = Math.Max(1, ((W - L - R) / (double)weeks.Count) - 1);
        html.Append(CultureInfo.InvariantCulture, $"<figure style=\"margin:0\"><figcaption>Trade posts per week 每周帖子 (<span style=\"color:{Palette[0]}\">offers</span>, <span style=\"color:{Palette[1]}\">requests</span>, <span style=\"color:{Palette[2]}\">services</span>)</figcaption><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{W}\" height=\"{H}\" viewBox=\"0 0 {W} {H}\" role=\"img\">");
        Axis(html, 0, maxPosts, L, W - R, T, H - B, v => v.ToString("N0", C));
        WeekLabels(html, weeks, i => X(i, W, L, R), H - B + 16);
        for (var i = 0; i < weeks.Count; i++)
        {
            var w = result.Weeks[i];
            var y = (double)(H - B);
            foreach (var (count, colour) in new[] { (w.Offers, Palette[0]), (w.Requests, Palette[1]), (w.Services, Palette[2]) })
            {
                if (count == 0)
                {
                    continue;
                }

                var h = count * (H - B - T) / (double)maxPosts;
                y -= h;
                html.Append(CultureInfo.InvariantCulture, $"<rect x=\"{X(i, W, L, R) - (bar / 2):0.0}\" y=\"{y:0.0}\" width=\"{bar:0.0}\" height=\"{h:0.0}\" fill=\"{colour}\"><title>{w.Week}: {w.Offers} offers, {w.Requests} requests, {w.Services} services, {w.Actors} actors</title></rect>");
            }
        }

        html.Append("</svg></figure>");

        // Shares of first-hand and tested offers.
        html.Append(CultureInfo.InvariantCulture, $"<figure style=\"margin:0\"><figcaption>Offers that say <span style=\"color:{Palette[3]}\">first hand 一手</span> and that <span style=\"color:{Palette[4]}\">allow a test 可测</span> (share of the week's offers)</figcaption><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{W}\" height=\"{H}\" viewBox=\"0 0 {W} {H}\" role=\"img\">");
        Axis(html, 0, 1, L, W - R, T, H - B, v => v.ToString("0%", C));
        WeekLabels(html, weeks, i => X(i, W, L, R), H - B + 16);
        Line(html, [.. result.Weeks.Select((w, i) => (X(i, W, L, R), w.FirstHandShare))], v => H - B - (v * (H - B - T)), Palette[3]);
        Line(html, [.. result.Weeks.Select((w, i) => (X(i, W, L, R), w.TestedShare))], v => H - B - (v * (H - B - T)), Palette[4]);
        html.Append("</svg></figure>");

        // Price per category: small multiples on a shared week axis and a log price axis per panel.
        var panels = result.Weekly.Where(r => r.MedianPrice is not null)
            .GroupBy(r => r.Goods == "personal_data" ? (r.Category == "-" ? "personal_data" : "personal_data: " + r.Category) : r.Goods, StringComparer.Ordinal)
            .OrderByDescending(g => g.Sum(r => r.Priced)).ThenBy(g => g.Key, StringComparer.Ordinal).Take(12).ToList();
        html.Append("<h3>Unit price per category 分类单价 (yuan, log scale; line: weekly median, band: quartiles)</h3>");
        if (panels.Count == 0)
        {
            html.Append("<p>No priced offers with a date.</p></div>");
            return;
        }

        var freshness = new[] { "realtime", "overnight", "historical", "-" };
        html.Append("<p class=\"muted\">")
            .AppendJoin(" · ", freshness.Select((f, i) => $"<span style=\"color:{Palette[i + 5]}\">■ {(f == "-" ? "freshness not said" : f)}</span>"))
            .Append("</p><div class=\"multiples\">");
        const int PW = 320, PH = 190, PL = 50, PR = 8, PT = 10, PB = 30;
        foreach (var panel in panels)
        {
            // Whole decades, so every point lies inside the panel and each grid line is a round price.
            var lo = Math.Floor(Math.Log10(panel.Min(r => r.LowerQuartile!.Value)));
            var hi = Math.Ceiling(Math.Log10(panel.Max(r => r.UpperQuartile!.Value)));
            hi = Math.Max(hi, lo + 1);

            double Y(double price) => PH - PB - ((Math.Log10(price) - lo) / (hi - lo) * (PH - PB - PT));
            html.Append(CultureInfo.InvariantCulture, $"<figure><figcaption>{Esc(panel.Key)} <span class=\"muted\">({panel.Sum(r => r.Priced):N0} priced offers)</span></figcaption><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{PW}\" height=\"{PH}\" viewBox=\"0 0 {PW} {PH}\" role=\"img\">");
            for (var p = lo; p <= hi; p++)
            {
                var yy = Y(Math.Pow(10, p));
                html.Append(CultureInfo.InvariantCulture, $"<line x1=\"{PL}\" x2=\"{PW - PR}\" y1=\"{yy:0.0}\" y2=\"{yy:0.0}\" stroke=\"#e5e5e5\"/><text x=\"{PL - 4}\" y=\"{yy + 4:0.0}\" text-anchor=\"end\">{Math.Pow(10, p).ToString("0.######", C)}</text>");
            }

            WeekLabels(html, weeks, i => X(i, PW, PL, PR), PH - PB + 16, 3);
            for (var f = 0; f < freshness.Length; f++)
            {
                var rows = panel.Where(r => r.Freshness == freshness[f]).GroupBy(r => r.Week).ToDictionary(g => g.Key, g => g.OrderByDescending(r => r.Priced).First(), StringComparer.Ordinal);
                if (rows.Count == 0)
                {
                    continue;
                }

                var colour = Palette[f + 5];
                foreach (var (week, r) in rows)
                {
                    var xx = X(at[week], PW, PL, PR);
                    html.Append(CultureInfo.InvariantCulture, $"<line x1=\"{xx:0.0}\" x2=\"{xx:0.0}\" y1=\"{Y(r.LowerQuartile!.Value):0.0}\" y2=\"{Y(r.UpperQuartile!.Value):0.0}\" stroke=\"{colour}\" stroke-opacity=\"0.35\" stroke-width=\"5\"><title>{week} {Esc(freshness[f])}: {r.Priced} priced, quartiles {r.LowerQuartile.Value.ToString("0.####", C)} / {r.MedianPrice!.Value.ToString("0.####", C)} / {r.UpperQuartile.Value.ToString("0.####", C)}</title></line>");
                }

                Line(html, [.. weeks.Select((w, i) => (X(i, PW, PL, PR), rows.TryGetValue(w, out var r) ? r.MedianPrice : null))], Y, colour);
            }

            html.Append("</svg></figure>");
        }

        html.Append("</div></div>");
    }

    /// <summary>Horizontal grid lines with labels on a linear axis from <paramref name="min"/> to <paramref name="max"/>.</summary>
    private static void Axis(StringBuilder html, double min, double max, int left, int right, int top, int bottom, Func<double, string> label)
    {
        for (var k = 0; k <= 4; k++)
        {
            var v = min + ((max - min) * k / 4);
            var y = bottom - ((bottom - top) * k / 4.0);
            html.Append(CultureInfo.InvariantCulture, $"<line x1=\"{left}\" x2=\"{right}\" y1=\"{y:0.0}\" y2=\"{y:0.0}\" stroke=\"#e5e5e5\"/><text x=\"{left - 4}\" y=\"{y + 4:0.0}\" text-anchor=\"end\">{Esc(label(v))}</text>");
        }
    }

    /// <summary>Week labels (MM-dd; the year where it changes) spaced so they never overlap.</summary>
    private static void WeekLabels(StringBuilder html, List<string> weeks, Func<int, double> x, double y, int most = 8)
    {
        var step = Math.Max(1, (int)Math.Ceiling(weeks.Count / (double)most));
        string? year = null;
        for (var i = 0; i < weeks.Count; i += step)
        {
            var label = weeks[i][..4] == year ? weeks[i][5..] : weeks[i];
            year = weeks[i][..4];
            html.Append(CultureInfo.InvariantCulture, $"<text x=\"{x(i):0.0}\" y=\"{y:0.0}\" text-anchor=\"middle\">{label}</text>");
        }
    }

    /// <summary>A polyline through the points with a value, broken where a value is missing (a gap, not a zero); a lone point is a dot.</summary>
    internal static void Line(StringBuilder html, List<(double X, double? Value)> points, Func<double, double> y, string colour)
    {
        var run = new List<string>();
        void Flush()
        {
            if (run.Count == 1)
            {
                var xy = run[0].Split(',');
                html.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{xy[0]}\" cy=\"{xy[1]}\" r=\"2.5\" fill=\"{colour}\"/>");
            }
            else if (run.Count > 1)
            {
                html.Append(CultureInfo.InvariantCulture, $"<polyline fill=\"none\" stroke=\"{colour}\" stroke-width=\"2\" points=\"{string.Join(' ', run)}\"/>");
            }

            run.Clear();
        }

        foreach (var (x, value) in points)
        {
            if (value is { } v)
            {
                run.Add($"{x.ToString("0.0", C)},{y(v).ToString("0.0", C)}");
            }
            else
            {
                Flush();
            }
        }

        Flush();
    }

    private static void Actors(StringBuilder html, List<ActorSummary> top, bool reveal)
    {
        html.Append("<h2>Top actors 主要卖家</h2><div class=\"wide\"><table><tr><th>actor</th><th>accounts / names</th><th>handles</th><th>posts</th><th>goods</th><th>categories</th><th>price / record</th><th>volume</th><th>seen</th><th>linked by</th></tr>");
        foreach (var a in top)
        {
            var handles = string.Join("<br>", a.Handles.Take(6).Select(h => Esc($"{h.Kind} {(reveal ? h : h.Masked()).Value}")));
            var price = a.PriceMin is { } lo ? $"{lo.ToString("0.####", C)}–{a.PriceMax!.Value.ToString("0.####", C)}" : "—";
            var links = string.Join("<br>", a.Links.Select(l => l.Detail).Distinct().Take(4).Select(Esc));
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{Esc(a.Id)}</td><td>{Esc(string.Join(", ", a.Names.Take(4)))}<br><span class=\"muted\">{a.Accounts.Count} accounts</span></td><td>{handles}</td><td>{a.Posts} ({a.Offers} offers, {a.Requests} requests, {a.Services} services)</td><td>{Esc(string.Join(", ", a.Goods.Keys))}</td><td>{Esc(string.Join(", ", a.Categories.Keys))}</td><td>{price}</td><td>{a.Volume:N0}</td><td>{a.FirstSeen:yyyy-MM-dd} – {a.LastSeen:yyyy-MM-dd}</td><td>{links}</td></tr>");
            if (a.Examples.Count > 0)
            {
                html.Append("<tr><td></td><td colspan=\"9\">");
                foreach (var example in a.Examples.Take(2))
                {
                    html.Append("<div class=\"post\">").Append(Esc(example.Length > 400 ? example[..400] + "…" : example)).Append("</div>");
                }

                html.Append("</td></tr>");
            }
        }

        html.Append("</table></div>");
    }

    private static void MarketTable(StringBuilder html, IntelResult result)
    {
        html.Append("<h2>Market 行情 (offers by goods, category and freshness)</h2><div class=\"wide\"><table><tr><th>goods</th><th>category</th><th>freshness</th><th>offers</th><th>priced</th><th>median</th><th>range</th><th>volume</th><th>months</th></tr>");
        foreach (var g in result.Market.GroupBy(r => (r.Goods, r.Category, r.Freshness)).OrderByDescending(g => g.Sum(r => r.Offers)).Take(40))
        {
            var prices = g.Where(r => r.MedianPrice is not null).ToList();
            var median = prices.Count > 0 ? prices.Select(r => r.MedianPrice!.Value).Order().ElementAt(prices.Count / 2).ToString("0.####", C) : "—";
            var range = prices.Count > 0 ? $"{prices.Min(r => r.MinPrice!.Value).ToString("0.####", C)}–{prices.Max(r => r.MaxPrice!.Value).ToString("0.####", C)}" : "—";
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{Esc(g.Key.Goods)}</td><td>{Esc(g.Key.Category)}</td><td>{Esc(g.Key.Freshness)}</td><td>{g.Sum(r => r.Offers)}</td><td>{g.Sum(r => r.Priced)}</td><td>{median}</td><td>{range}</td><td>{g.Sum(r => r.Volume):N0}</td><td>{g.Count()}</td></tr>");
        }

        html.Append("</table></div>");
        if (result.Samples.Count > 0)
        {
            html.Append("<h2>Samples 测试样本 (identifiers by month)</h2><div class=\"wide\"><table><tr><th>month</th><th>new</th><th>recycled</th><th>in a known leak</th></tr>");
            foreach (var r in result.Samples)
            {
                html.Append(CultureInfo.InvariantCulture, $"<tr><td>{r.Month}</td><td>{r.New}</td><td>{r.Recycled}</td><td>{r.Known}</td></tr>");
            }

            html.Append("</table></div>");
        }
    }

    private static string Esc(string text) => WebUtility.HtmlEncode(text);
}
