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
        var text = new Printed(reveal);
        html.Append("<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width,initial-scale=1\"><title>Tracemark intel 情报报告</title><style>")
            .Append(Styles)
            .Append("</style></head><body>");
        html.Append(CultureInfo.InvariantCulture, $"<h1>Tracemark intel 情报报告</h1><p>{result.PostCount:N0} posts read, {result.TradePosts:N0} about the trade, {result.Actors.Count(a => a.Offers + a.Requests + a.Services > 0):N0} trading actors; {result.Problems.Count:N0} input problems. {(reveal ? "Contacts are shown in clear (--reveal)." : "Every identifier in the text below is masked.")}</p>");
        Graph(html, result, top, reveal, text);
        Prices(html, result);
        Weekly(html, result);
        Actors(html, top, reveal, text);
        MarketTable(html, result);
        Samples(html, result);
        html.Append("</body></html>");
        File.WriteAllText(path, html.ToString());
    }

    // Fits a 390 px phone and a 1280 px desktop without sideways scrolling of the page: charts scale to the width
    // (viewBox), tables wider than the screen scroll inside their own box, long words (addresses, handles) wrap.
    private const string Styles =
        "body{font-family:system-ui,'Noto Sans CJK SC','Microsoft YaHei',sans-serif;margin:2em auto;padding:0 1em;color:#222;max-width:1200px;overflow-wrap:break-word}"
        + "@media (max-width:600px){body{margin:1em auto;padding:0 .5em}h1{font-size:1.4em}}"
        + ".wide{overflow-x:auto;max-width:100%}"
        + "table{border-collapse:collapse;margin:1em 0;font-size:13px}td,th{border:1px solid #ccc;padding:3px 7px;text-align:left;vertical-align:top;overflow-wrap:anywhere}"
        + "th{background:#f3f3f3}h2{margin-top:2em}.muted{color:#777}.post{background:#fafafa;border-left:3px solid #ccc;padding:4px 8px;margin:4px 0;white-space:pre-wrap;font-size:13px;overflow-wrap:anywhere}"
        + "svg{display:block;max-width:100%;height:auto}svg text{font-size:11px;fill:#333}"
        + ".multiples{display:grid;grid-template-columns:repeat(auto-fill,minmax(260px,1fr));gap:14px}"
        + "figure{margin:0}figcaption{font-size:14px;font-weight:600;margin-bottom:2px}"
        + ".legend{font-size:13px;display:flex;flex-wrap:wrap;gap:4px 14px;margin:.5em 0}.legend span::before{content:'';display:inline-block;width:12px;height:12px;margin-right:4px;vertical-align:-1px;background:var(--c)}";

    /// <summary>What the report prints of free text (names, labels, example posts): masked unless revealing.</summary>
    private sealed class Printed(bool reveal)
    {
        private readonly Tracemark.Scanning.Redaction.TextMasker _masker = new();

        public string this[string value] => Esc(reveal ? value : _masker.Mask(value));
    }

    private static void Graph(StringBuilder html, IntelResult result, List<ActorSummary> top, bool reveal, Printed text)
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
        html.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{W}\" height=\"{H}\" viewBox=\"0 0 {W} {H}\" style=\"border:1px solid #ddd\" role=\"img\" aria-label=\"actor graph\">");
        foreach (var e in edges)
        {
            if (!index.TryGetValue(e.Target, out var t))
            {
                continue;
            }

            var s = index[e.Source];
            var dash = e.Evidence is "text" or "samples" ? " stroke-dasharray=\"4 3\"" : string.Empty;
            html.Append(CultureInfo.InvariantCulture, $"<line x1=\"{x[s] * W:0.0}\" y1=\"{y[s] * H:0.0}\" x2=\"{x[t] * W:0.0}\" y2=\"{y[t] * H:0.0}\" stroke=\"#bbb\"{dash}><title>{Esc(e.Evidence)}: {text[e.Detail]}</title></line>");
        }

        for (var i = 0; i < nodes.Count; i++)
        {
            var n = nodes[i];
            var fill = n.Kind == "escrow" ? "#999" : colour.GetValueOrDefault(n.Actor, "#555");
            var px = x[i] * W;
            var py = y[i] * H;
            if (n.Kind == "account")
            {
                html.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{px:0.0}\" cy=\"{py:0.0}\" r=\"{4 + Math.Min(8, n.Posts):0}\" fill=\"{fill}\"><title>{text[n.Label]} — {n.Posts} posts, actor {Esc(n.Actor)}</title></circle>");
            }
            else
            {
                html.Append(CultureInfo.InvariantCulture, $"<rect x=\"{px - 4:0.0}\" y=\"{py - 4:0.0}\" width=\"8\" height=\"8\" fill=\"{fill}\" opacity=\"0.7\"><title>{text[n.Label]}</title></rect>");
            }
        }

        foreach (var a in top.Take(12))
        {
            var first = nodes.FindIndex(n => n.Kind == "account" && n.Actor == a.Id);
            if (first >= 0)
            {
                html.Append(CultureInfo.InvariantCulture, $"<text x=\"{(x[first] * W) + 10:0.0}\" y=\"{(y[first] * H) - 6:0.0}\" style=\"font-size:16px\">{Esc(a.Id)}</text>");
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

    /// <summary>How categories, freshness and goods read on the page: Chinese as the trade says it, then English.</summary>
    private static readonly Dictionary<string, string> Labels = new(StringComparer.Ordinal)
    {
        ["courier"] = "快递 courier",
        ["loan"] = "贷款 loan",
        ["student"] = "学生 student",
        ["property_owner"] = "业主 property owners",
        ["car_owner"] = "车主 car owners",
        ["investor"] = "股民 investors",
        ["cosmetics"] = "美容 cosmetics",
        ["hotel"] = "酒店 hotel",
        ["credit"] = "信用卡 credit",
        ["ecommerce"] = "电商 e-commerce",
        ["insurance"] = "保险 insurance",
        ["-"] = "未分类 uncategorised",
        ["real-time"] = "实时 real-time",
        ["overnight"] = "隔夜 overnight",
        ["historical"] = "历史 historical",
        ["personal_data"] = "个人信息 personal data",
        ["lookup"] = "查档 lookups",
        ["accounts"] = "账号 accounts",
        ["sim"] = "卡 SIM cards",
        ["bank_kit"] = "四件套 bank kits",
        ["other"] = "其他 other",
    };

    private static string Label(string key) => Esc(Labels.GetValueOrDefault(key, key));

    private static readonly (string Key, string Colour)[] FreshnessColours =
        [("real-time", "#d62728"), ("overnight", "#ff7f0e"), ("historical", "#1f77b4"), ("-", "#7f7f7f")];

    /// <summary>
    /// Small multiples: one chart per source category (most offers first), lines per freshness, every chart on the same
    /// month axis and the same log price axis so they compare at a glance — instead of one chart of tangled lines.
    /// </summary>
    private static void Prices(StringBuilder html, IntelResult result)
    {
        var rows = result.Market.Where(r => r.Goods == "personal_data" && r.MedianPrice is not null && r.Month != "undated").ToList();
        html.Append("<h2>Price per record 每条价格</h2><p class=\"muted\">Median price of personal-data offers by month, in yuan per record (log scale, the same on every chart), one chart per source category, one line per freshness.</p>");
        if (rows.Count == 0)
        {
            html.Append("<p>No priced personal-data offers.</p>");
            return;
        }

        var months = rows.Select(r => r.Month).Distinct().Order(StringComparer.Ordinal).ToList();
        var min = Math.Floor(Math.Log10(rows.Min(r => r.MedianPrice!.Value)));
        var max = Math.Ceiling(Math.Log10(rows.Max(r => r.MedianPrice!.Value)));
        if (max - min < 1)
        {
            max = min + 1;
        }

        html.Append("<div class=\"legend\">");
        foreach (var (key, colour) in FreshnessColours.Where(f => rows.Any(r => r.Freshness == f.Key)))
        {
            html.Append(CultureInfo.InvariantCulture, $"<span style=\"--c:{colour}\">{Label(key)}</span>");
        }

        html.Append("</div><div class=\"multiples\">");
        const int W = 300, H = 170, L = 40, R = 8, T = 8, B = 22;
        double X(int month) => months.Count == 1 ? (L + W - R) / 2.0 : L + (month * (W - L - R) / (double)(months.Count - 1));
        double Y(double price) => T + ((max - Math.Log10(price)) / (max - min) * (H - T - B));
        foreach (var category in rows.GroupBy(r => r.Category).OrderByDescending(g => g.Sum(r => r.Offers)).ThenBy(g => g.Key, StringComparer.Ordinal))
        {
            html.Append(CultureInfo.InvariantCulture, $"<figure><figcaption>{Label(category.Key)} <span class=\"muted\">({category.Sum(r => r.Offers):N0} offers)</span></figcaption>");
            html.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{W}\" height=\"{H}\" viewBox=\"0 0 {W} {H}\" role=\"img\" aria-label=\"{Label(category.Key)}\">");
            for (var p = min; p <= max; p++)
            {
                var yy = Y(Math.Pow(10, p));
                html.Append(CultureInfo.InvariantCulture, $"<line x1=\"{L}\" x2=\"{W - R}\" y1=\"{yy:0.0}\" y2=\"{yy:0.0}\" stroke=\"#e5e5e5\"/><text x=\"{L - 4}\" y=\"{yy + 4:0.0}\" text-anchor=\"end\">{Math.Pow(10, p).ToString("0.###", C)}</text>");
            }

            html.Append(CultureInfo.InvariantCulture, $"<text x=\"{L}\" y=\"{H - 6}\">{months[0]}</text>");
            if (months.Count > 1)
            {
                html.Append(CultureInfo.InvariantCulture, $"<text x=\"{W - R}\" y=\"{H - 6}\" text-anchor=\"end\">{months[^1]}</text>");
            }

            foreach (var (key, colour) in FreshnessColours)
            {
                var points = category.Where(r => r.Freshness == key).OrderBy(r => r.Month, StringComparer.Ordinal)
                    .Select(r => (r, X(months.IndexOf(r.Month)), Y(r.MedianPrice!.Value))).ToList();
                if (points.Count == 0)
                {
                    continue;
                }

                if (points.Count > 1)
                {
                    html.Append(CultureInfo.InvariantCulture, $"<polyline fill=\"none\" stroke=\"{colour}\" stroke-width=\"1.8\" points=\"{string.Join(' ', points.Select(p => $"{p.Item2.ToString("0.0", C)},{p.Item3.ToString("0.0", C)}"))}\"/>");
                }

                foreach (var (r, px, py) in points)
                {
                    html.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{px:0.0}\" cy=\"{py:0.0}\" r=\"2.5\" fill=\"{colour}\"><title>{r.Month} {Label(key)}: {r.MedianPrice!.Value.ToString("0.####", C)} 元/条 ({r.Offers} offers)</title></circle>");
                }
            }

            html.Append("</svg></figure>");
        }

        html.Append("</div>");
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
            .GroupBy(r => r.Goods == "personal_data" && r.Category != "-" ? r.Category : r.Goods, StringComparer.Ordinal)
            .OrderByDescending(g => g.Sum(r => r.Priced)).ThenBy(g => g.Key, StringComparer.Ordinal).Take(12).ToList();
        html.Append("<h3>Unit price per category 分类单价 (yuan, log scale; line: weekly median, band: quartiles)</h3>");
        if (panels.Count == 0)
        {
            html.Append("<p>No priced offers with a date.</p></div>");
            return;
        }

        html.Append("<div class=\"legend\">");
        foreach (var (key, colour) in FreshnessColours.Where(f => panels.Any(p => p.Any(r => r.Freshness == f.Key))))
        {
            html.Append(CultureInfo.InvariantCulture, $"<span style=\"--c:{colour}\">{Label(key)}</span>");
        }

        html.Append("</div><div class=\"multiples\">");
        const int PW = 320, PH = 190, PL = 50, PR = 8, PT = 10, PB = 30;
        foreach (var panel in panels)
        {
            // Whole decades, so every point lies inside the panel and each grid line is a round price.
            var lo = Math.Floor(Math.Log10(panel.Min(r => r.LowerQuartile!.Value)));
            var hi = Math.Ceiling(Math.Log10(panel.Max(r => r.UpperQuartile!.Value)));
            hi = Math.Max(hi, lo + 1);

            double Y(double price) => PH - PB - ((Math.Log10(price) - lo) / (hi - lo) * (PH - PB - PT));
            html.Append(CultureInfo.InvariantCulture, $"<figure><figcaption>{Label(panel.Key)} <span class=\"muted\">({panel.Sum(r => r.Priced):N0} priced offers)</span></figcaption><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{PW}\" height=\"{PH}\" viewBox=\"0 0 {PW} {PH}\" role=\"img\">");
            for (var p = lo; p <= hi; p++)
            {
                var yy = Y(Math.Pow(10, p));
                html.Append(CultureInfo.InvariantCulture, $"<line x1=\"{PL}\" x2=\"{PW - PR}\" y1=\"{yy:0.0}\" y2=\"{yy:0.0}\" stroke=\"#e5e5e5\"/><text x=\"{PL - 4}\" y=\"{yy + 4:0.0}\" text-anchor=\"end\">{Math.Pow(10, p).ToString("0.######", C)}</text>");
            }

            WeekLabels(html, weeks, i => X(i, PW, PL, PR), PH - PB + 16, 3);
            foreach (var (fresh, colour) in FreshnessColours)
            {
                var rows = panel.Where(r => r.Freshness == fresh).GroupBy(r => r.Week).ToDictionary(g => g.Key, g => g.OrderByDescending(r => r.Priced).First(), StringComparer.Ordinal);
                if (rows.Count == 0)
                {
                    continue;
                }

                foreach (var (week, r) in rows)
                {
                    var xx = X(at[week], PW, PL, PR);
                    html.Append(CultureInfo.InvariantCulture, $"<line x1=\"{xx:0.0}\" x2=\"{xx:0.0}\" y1=\"{Y(r.LowerQuartile!.Value):0.0}\" y2=\"{Y(r.UpperQuartile!.Value):0.0}\" stroke=\"{colour}\" stroke-opacity=\"0.35\" stroke-width=\"5\"><title>{week} {Label(fresh)}: {r.Priced} priced, quartiles {r.LowerQuartile.Value.ToString("0.####", C)} / {r.MedianPrice!.Value.ToString("0.####", C)} / {r.UpperQuartile.Value.ToString("0.####", C)}</title></line>");
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

    private static void Actors(StringBuilder html, List<ActorSummary> top, bool reveal, Printed text)
    {
        html.Append("<h2>Top actors 主要卖家</h2><div class=\"wide\"><table><tr><th>actor</th><th>accounts / names</th><th>handles</th><th>posts</th><th>goods</th><th>categories</th><th>price / record</th><th>volume</th><th>seen</th><th>linked by</th></tr>");
        foreach (var a in top)
        {
            var handles = string.Join("<br>", a.Handles.Take(6).Select(h => text[$"{h.Kind} {(reveal ? h : h.Masked()).Value}"]));
            var price = a.PriceMin is { } lo ? $"{lo.ToString("0.####", C)}–{a.PriceMax!.Value.ToString("0.####", C)}" : "—";
            var links = string.Join("<br>", a.Links.Select(l => l.Detail).Distinct().Take(4).Select(d => text[d]));
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{Esc(a.Id)}</td><td>{text[string.Join(", ", a.Names.Take(4))]}<br><span class=\"muted\">{a.Accounts.Count} accounts</span></td><td>{handles}</td><td>{a.Posts} ({a.Offers} offers, {a.Requests} requests, {a.Services} services)</td><td>{string.Join(", ", a.Goods.Keys.Select(Label))}</td><td>{string.Join(", ", a.Categories.Keys.Select(Label))}</td><td>{price}</td><td>{a.Volume:N0}</td><td>{a.FirstSeen:yyyy-MM-dd} – {a.LastSeen:yyyy-MM-dd}</td><td>{links}</td></tr>");
            if (a.Examples.Count > 0)
            {
                html.Append("<tr><td></td><td colspan=\"9\">");
                foreach (var example in a.Examples.Take(2))
                {
                    html.Append("<div class=\"post\">").Append(text[example.Length > 400 ? example[..400] + "…" : example]).Append("</div>");
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
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{Label(g.Key.Goods)}</td><td>{Label(g.Key.Category)}</td><td>{Label(g.Key.Freshness)}</td><td>{g.Sum(r => r.Offers)}</td><td>{g.Sum(r => r.Priced)}</td><td>{median}</td><td>{range}</td><td>{g.Sum(r => r.Volume):N0}</td><td>{g.Count()}</td></tr>");
        }

        html.Append("</table></div>");
    }

    /// <summary>Sample identifiers by month as stacked bars (new, recycled), with those in a known leak marked.</summary>
    private static void Samples(StringBuilder html, IntelResult result)
    {
        if (result.Samples.Count == 0)
        {
            return;
        }

        var rows = result.Samples;
        html.Append("<h2>Samples by month 测试样本</h2><p class=\"muted\">Personal identifiers in the test samples sellers post, by month: seen for the first time or already seen in an earlier post; the black mark is how many are in a known leak (with --store).</p>");
        html.Append("<div class=\"legend\"><span style=\"--c:#1f77b4\">新 new</span><span style=\"--c:#ff7f0e\">重复 recycled</span><span style=\"--c:#222\">已知泄露 in a known leak</span></div>");
        const int W = 900, H = 240, L = 48, R = 8, T = 10, B = 24;
        var peak = Math.Max(1, rows.Max(r => r.New + r.Recycled));
        var step = (W - L - R) / (double)rows.Count;
        var bar = Math.Max(1, step * 0.8);
        double Y(double v) => T + ((1 - (v / peak)) * (H - T - B));
        html.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{W}\" height=\"{H}\" viewBox=\"0 0 {W} {H}\" role=\"img\" aria-label=\"samples by month\">");
        foreach (var tick in new[] { 0, peak / 2, peak })
        {
            html.Append(CultureInfo.InvariantCulture, $"<line x1=\"{L}\" x2=\"{W - R}\" y1=\"{Y(tick):0.0}\" y2=\"{Y(tick):0.0}\" stroke=\"#e5e5e5\"/><text x=\"{L - 4}\" y=\"{Y(tick) + 4:0.0}\" text-anchor=\"end\">{tick:N0}</text>");
        }

        var label = Math.Max(1, (int)Math.Ceiling(rows.Count / 8.0));
        for (var i = 0; i < rows.Count; i++)
        {
            var r = rows[i];
            var x = L + (i * step) + ((step - bar) / 2);
            html.Append(CultureInfo.InvariantCulture, $"<g><title>{r.Month}: {r.New:N0} new, {r.Recycled:N0} recycled, {r.Known:N0} in a known leak</title>");
            html.Append(CultureInfo.InvariantCulture, $"<rect x=\"{x:0.0}\" y=\"{Y(r.New):0.0}\" width=\"{bar:0.0}\" height=\"{Y(0) - Y(r.New):0.0}\" fill=\"#1f77b4\"/>");
            html.Append(CultureInfo.InvariantCulture, $"<rect x=\"{x:0.0}\" y=\"{Y(r.New + r.Recycled):0.0}\" width=\"{bar:0.0}\" height=\"{Y(r.New) - Y(r.New + r.Recycled):0.0}\" fill=\"#ff7f0e\"/>");
            if (r.Known > 0)
            {
                html.Append(CultureInfo.InvariantCulture, $"<rect x=\"{x:0.0}\" y=\"{Y(Math.Min(r.Known, peak)) - 1:0.0}\" width=\"{bar:0.0}\" height=\"2\" fill=\"#222\"/>");
            }

            html.Append("</g>");
            if (i % label == 0)
            {
                html.Append(CultureInfo.InvariantCulture, $"<text x=\"{x:0.0}\" y=\"{H - 6}\">{r.Month}</text>");
            }
        }

        html.Append("</svg><details><summary>Table 表格</summary><div class=\"wide\"><table><tr><th>month</th><th>new</th><th>recycled</th><th>in a known leak</th></tr>");
        foreach (var r in rows)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{r.Month}</td><td>{r.New}</td><td>{r.Recycled}</td><td>{r.Known}</td></tr>");
        }

        html.Append("</table></div></details>");
    }

    private static string Esc(string text) => WebUtility.HtmlEncode(text);
}
