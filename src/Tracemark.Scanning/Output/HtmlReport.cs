using System.Globalization;
using System.Net;
using System.Text;
using Tracemark.Identifiers;

namespace Tracemark.Scanning.Output;

/// <summary>
/// One self-contained, offline HTML file an investigator can hand over: totals, kinds with masked examples, the
/// legal view, victims by province, age band and sex (SVG bars, no scripts, no external resources), per-file and
/// per-column profiles, and every problem. Identifiers are masked unless the caller reveals them.
/// </summary>
public static class HtmlReport
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    /// <summary>The reports' shared look: public so every HTML report (scan, trace) looks alike.</summary>
    public const string Stylesheet = """
            body{font-family:-apple-system,"Segoe UI","PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;margin:2rem auto;max-width:1100px;color:#1d2329;padding:0 1rem;overflow-wrap:break-word}
            h1{font-size:1.6rem;margin-bottom:.2rem} h2{font-size:1.2rem;margin-top:2rem;border-bottom:2px solid #e4e8ee;padding-bottom:.3rem}
            .muted{color:#6b7785} table{border-collapse:collapse;width:100%;margin:.6rem 0;font-size:.92rem}
            th,td{border-bottom:1px solid #e4e8ee;padding:.35rem .5rem;text-align:left;vertical-align:top} th{background:#f5f7fa}
            td.n,th.n{text-align:right;font-variant-numeric:tabular-nums} .cards{display:flex;gap:1rem;flex-wrap:wrap}
            .card{flex:1 1 160px;background:#f5f7fa;border-radius:8px;padding:.8rem 1rem} .card b{display:block;font-size:1.6rem}
            .verdict{padding:.6rem 1rem;border-radius:8px;font-weight:600} .v-high{background:#fde2e1;color:#a4161a}
            .v-mid{background:#fff3cd;color:#7a5600} .v-low{background:#e3f4e8;color:#1e6b34} code{font-size:.88rem}
            .err{color:#a4161a} svg text{font-size:12px;fill:#1d2329} th,td,code{overflow-wrap:anywhere}
            svg{display:block;max-width:100%;height:auto}
            @media (max-width:700px){body{margin:1rem auto;padding:0 .5rem} table{display:block;overflow-x:auto}}
        """;

    public static void Write(ScanSummary s, Stream output, bool reveal)
    {
        ArgumentNullException.ThrowIfNull(s);
        var h = new StringBuilder(64 * 1024);
        Head(h, "Tracemark 扫描报告 · scan report");
        h.Append("<h1>Tracemark 扫描报告 · scan report</h1>");
        h.Append(C, $"<p class=\"muted\">{DateTime.Now:yyyy-MM-dd HH:mm} · {s.Files:N0} input(s) · {s.Bytes / 1048576.0:0.0} MB · {s.Elapsed.TotalSeconds:0.0} s · identifiers {(reveal ? "shown in full" : "masked")}</p>");

        h.Append("<div class=\"cards\">");
        Card(h, "记录 records", s.Records);
        Card(h, "自然人 distinct persons", s.Persons);
        Card(h, "身份证号 resident IDs", s.Kinds.GetValueOrDefault("cn_id"));
        Card(h, "手机号 mobiles", s.Kinds.GetValueOrDefault("mobile"));
        Card(h, "未满14岁 minors under 14", s.Demographics.Minors);
        h.Append("</div>");

        h.Append("<h2>法律评估 · legal view</h2>");
        var cls = s.Tiers.RatioEspeciallySerious >= 1 ? "v-high" : s.Tiers.RatioSerious >= 1 ? "v-mid" : "v-low";
        h.Append(C, $"<p class=\"verdict {cls}\">{E(s.Tiers.Verdict)} — Σ persons/threshold {s.Tiers.RatioSerious:0.00} (serious, 情节严重), {s.Tiers.RatioEspeciallySerious:0.00} (especially serious, 情节特别严重){(s.Tiers.Insider ? "; insider thresholds halved" : string.Empty)}</p>");
        h.Append("<table><tr><th>category</th><th class=n>persons</th><th class=n>serious at</th><th class=n>especially serious at</th><th class=n>× serious</th></tr>");
        foreach (var t in s.Tiers.Categories)
        {
            h.Append(C, $"<tr><td>{E(t.Label)}</td><td class=n>{t.Persons:N0}</td><td class=n>{t.Serious:N0}</td><td class=n>{t.EspeciallySerious:N0}</td><td class=n>{t.RatioSerious:0.00}</td></tr>");
        }

        h.Append("</table><p class=\"muted\">Criminal Law Art. 253-1 and 法释〔2017〕10号 Art. 5: each person counts once, in the most sensitive category of the records they appear in; categories add up in proportion to their thresholds. An estimate from the fields present, not a legal finding.</p>");

        h.Append("<h2>个人信息类型 · personal data found</h2><table><tr><th>kind</th><th class=n>distinct</th><th class=n>occurrences</th><th>examples</th></tr>");
        foreach (var (code, n) in s.Occurrences.OrderByDescending(kv => kv.Value))
        {
            var kind = IdentifierKinds.Parse(code);
            var examples = s.Examples.TryGetValue(code, out var values) ? string.Join(" · ", values.Select(v => reveal ? v : Masking.Mask(kind, v))) : string.Empty;
            var distinct = s.Kinds.TryGetValue(code, out var d) ? d.ToString("N0", C) : "partial";
            h.Append(C, $"<tr><td>{E(kind.Label())} <span class=muted>{E(code)}</span></td><td class=n>{distinct}</td><td class=n>{n:N0}</td><td><code>{E(examples)}</code></td></tr>");
        }

        h.Append("</table>");

        if (s.Demographics.Ids > 0)
        {
            h.Append(C, $"<h2>受害人 · victims by resident ID ({s.Demographics.Ids:N0})</h2>");
            Bars(h, "province", s.Demographics.ByProvince.OrderByDescending(kv => kv.Value).Take(34));
            Bars(h, "age band", s.Demographics.ByAgeBand.OrderBy(kv => kv.Key, StringComparer.Ordinal));
            Bars(h, "sex", s.Demographics.BySex.OrderBy(kv => kv.Key, StringComparer.Ordinal));
        }

        h.Append("<h2>文件与列 · inputs and columns</h2>");
        foreach (var t in s.Tables)
        {
            h.Append(C, $"<h3>{E(t.Source)} <span class=muted>{E(t.Format)} · {E(t.Encoding)} · {t.Records:N0} records</span></h3>");
            h.Append("<table><tr><th>column</th><th>read as</th><th class=n>values</th><th class=n>found</th><th class=n>masked</th><th class=n>not valid</th></tr>");
            foreach (var c in t.Columns)
            {
                h.Append(C, $"<tr><td>{E(c.Column)}</td><td>{E(c.Reading)}</td><td class=n>{c.Values:N0}</td><td class=n>{c.Found:N0}</td><td class=n>{c.Masked:N0}</td><td class=n>{c.Invalid:N0}</td></tr>");
            }

            h.Append("</table>");
        }

        h.Append(C, $"<h2>问题 · problems ({s.Errors.Count:N0})</h2>");
        if (s.Errors.Count == 0)
        {
            h.Append("<p>Every input was read in full.</p>");
        }
        else
        {
            h.Append("<table><tr><th>source</th><th class=n>record</th><th>what happened</th></tr>");
            foreach (var e in s.Errors)
            {
                h.Append(C, $"<tr><td>{E(e.Source)}</td><td class=n>{(e.Record is { } r ? r.ToString("N0", C) : string.Empty)}</td><td class=err>{E(e.Message)}</td></tr>");
            }

            h.Append("</table>");
        }

        foreach (var n in s.Notes)
        {
            h.Append(C, $"<p class=\"muted\">Note — {E(n.Source)}{(n.Record is { } r ? " record " + r.ToString("N0", C) : string.Empty)}: {E(n.Message)}</p>");
        }

        h.Append("<p class=\"muted\">Generated by Tracemark. This file contains no scripts and loads nothing from the network.</p></body></html>\n");
        var bytes = new UTF8Encoding(false).GetBytes(h.ToString());
        output.Write(bytes);
    }

    private static void Card(StringBuilder h, string label, long value) =>
        h.Append(C, $"<div class=\"card\">{E(label)}<b>{value:N0}</b></div>");

    private static void Bars(StringBuilder h, string title, IEnumerable<KeyValuePair<string, long>> rows)
    {
        var list = rows.ToList();
        if (list.Count == 0)
        {
            return;
        }

        var max = Math.Max(1, list.Max(r => r.Value));
        // Narrow enough to stay legible when scaled down to a phone (the viewBox keeps the proportions).
        const int rowHeight = 20, labelWidth = 110, barWidth = 300;
        var width = labelWidth + barWidth + 70;
        var height = (list.Count * rowHeight) + 4;
        h.Append(C, $"<h3>{E(title)}</h3><svg role=\"img\" aria-label=\"{E(title)}\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\">");
        for (var i = 0; i < list.Count; i++)
        {
            var (label, value) = list[i];
            var w = Math.Max(1, (int)(barWidth * value / (double)max));
            var y = i * rowHeight;
            h.Append(C, $"<text x=\"0\" y=\"{y + 14}\">{E(label)}</text><rect x=\"{labelWidth}\" y=\"{y + 3}\" width=\"{w}\" height=\"14\" fill=\"#3b82c4\"/>");
            h.Append(C, $"<text x=\"{labelWidth + w + 6}\" y=\"{y + 14}\">{value:N0}</text>");
        }

        h.Append("</svg>");
    }

    private static string E(string s) => WebUtility.HtmlEncode(s);

    /// <summary>
    /// Opens a Tracemark page: Chinese first, sized for phones (390 px) and desks, the shared stylesheet plus the
    /// page's own rules, up to and including <c>&lt;body&gt;</c>. <paramref name="title"/> is plain text (encoded here).
    /// </summary>
    public static void Head(StringBuilder html, string title, string extraStyles = "")
    {
        ArgumentNullException.ThrowIfNull(html);
        html.Append("<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        html.Append("<title>").Append(E(title)).Append("</title><style>").Append(Stylesheet).Append(extraStyles).Append("</style></head><body>");
    }
}
