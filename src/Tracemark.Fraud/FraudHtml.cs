using System.Globalization;
using System.Net;
using System.Text;
using Tracemark.Scanning.Output;

namespace Tracemark.Fraud;

/// <summary>The `fraud link --html` page: one self-contained file, no scripts, readable at 390 px and 1280 px.</summary>
public static class FraudHtml
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    private const string Styles = ".bar{background:#e4e8ee;border-radius:4px;height:.6rem;min-width:4rem} .bar i{display:block;background:#a4161a;height:100%;border-radius:4px} .leak{margin:1rem 0;padding:.8rem 1rem;border:1px solid #e4e8ee;border-radius:8px} .leak h3{margin:.1rem 0 .4rem;font-size:1.05rem}";

    public static void Write(LinkReport report, Stream output)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(output);
        var h = new StringBuilder(32 * 1024);
        HtmlReport.Head(h, "Tracemark 泄露与诈骗关联 · fraud link", Styles);
        h.Append("<h1>泄露与诈骗关联 · which leaks fed the fraud</h1>");
        h.Append(C, $"<p class=\"muted\">{report.Reports:N0} reports · {report.Victims:N0} distinct victims · {report.VictimsInLeaks:N0} found in known leaks · population {report.Population:N0} ({E(report.PopulationSource)})</p>");
        var max = report.Leaks.Count == 0 ? 1 : Math.Max(1, report.Leaks.Max(l => l.LiftHigh));
        foreach (var l in report.Leaks)
        {
            var cls = l.Connected ? "v-high" : "v-low";
            h.Append("<section class=\"leak\">");
            h.Append(C, $"<h3>{E(l.Dataset.Name)} <span class=\"muted\">· {E(l.Dataset.Category)} · seen {l.Dataset.Seen:yyyy-MM-dd} · {l.Dataset.Persons:N0} persons</span></h3>");
            h.Append(C, $"<p class=\"verdict {cls}\">{E(FraudText.Verdict(l))}</p>");
            h.Append(C, $"<div class=\"bar\" title=\"lift\"><i style=\"width:{Math.Min(100, 100 * l.Lift / max):0.#}%\"></i></div>");
            h.Append("<table><tr><th>受害人 victims</th><th class=n>expected</th><th class=n>lift (95 %)</th><th class=n>days to report</th><th class=n>loss ¥</th></tr>");
            h.Append(C, $"<tr><td class=n>{l.Victims:N0}</td><td class=n>{l.Expected:N1}</td><td class=n>{l.Lift:0.00} ({l.LiftLow:0.00}–{l.LiftHigh:0.00})</td><td class=n>{(l.DaysToReport is { } d ? d.ToString(C) : "—")}</td><td class=n>{l.LossYuan:N0}</td></tr></table>");
            if (l.FraudTypes.Count > 0)
            {
                h.Append("<p>Over-represented fraud types 高发类型: ");
                h.Append(string.Join("; ", l.FraudTypes.Select(t => E($"{t.Type.Chinese()} {t.Type.English()} — {t.Victims:N0} victims, {t.Lift:0.0}× ({t.LiftLow:0.0}–{t.LiftHigh:0.0})"))));
                h.Append("</p>");
            }

            h.Append("</section>");
        }

        if (report.Contacts.Count > 0)
        {
            h.Append("<h2>诈骗号码 · fraud contacts whose victims share a leak</h2><table><tr><th>contact</th><th class=n>victims</th><th>leaks shared (victims in each)</th></tr>");
            foreach (var c in report.Contacts.Take(50))
            {
                h.Append(C, $"<tr><td><code>{E(c.Contact)}</code></td><td class=n>{c.Victims:N0}</td><td>{E(string.Join(", ", c.Leaks.Select(x => $"{x.Dataset} ({x.Victims})")))}</td></tr>");
            }

            h.Append("</table>");
        }

        h.Append("<p class=\"muted\">Model (docs/fraud.md): victims are taken as drawn at random from the population; a leak of n persons would then hold victims × n ÷ population of them. Lift = found ÷ expected, with the exact (Garwood) 95 % Poisson interval of the count. A leak whose interval includes 1 is not connected to the reports. Identifiers are never shown: victims are matched by keyed tags.</p>");
        h.Append("</body></html>");
        var bytes = Encoding.UTF8.GetBytes(h.ToString());
        output.Write(bytes);
    }

    private static string E(string s) => WebUtility.HtmlEncode(s);
}

/// <summary>The sentences the terminal and the page share.</summary>
public static class FraudText
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    /// <summary>One leak's verdict in words: connected or unconnected, with the figures behind it.</summary>
    public static string Verdict(LeakLink l)
    {
        ArgumentNullException.ThrowIfNull(l);
        var figures = string.Create(C, $"{l.Victims:N0} reported victims against {l.Expected:N1} expected by chance, {l.Lift:0.0}× (95 % {l.LiftLow:0.0}–{l.LiftHigh:0.0})");
        if (l.Connected)
        {
            var types = l.FraudTypes.Count == 0 ? string.Empty : $", mostly {string.Join(" and ", l.FraudTypes.Take(2).Select(t => $"{t.Type.Chinese()} ({t.Type.English()})"))}";
            var days = l.DaysToReport is { } d ? string.Create(C, $"; reports came a median {d} days after it was seen") : string.Empty;
            return string.Create(C, $"Connected: {figures}{types}{days}; ¥{l.LossYuan:N0} lost.");
        }

        return l.LiftHigh < 1
            ? $"Unconnected: {figures} — fewer victims than chance puts there."
            : $"Unconnected: {figures} — the interval includes 1, no more victims than chance explains.";
    }
}
