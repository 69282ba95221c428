using System.Globalization;
using System.Net;
using System.Text;
using Tracemark.Scanning.Output;

namespace Tracemark.Incident.Audit;

/// <summary>The audit as a self-contained page (its JSON, contract tracemark.audit/1, is Tracemark.Reports' AuditDocument).</summary>
public static class AuditOutput
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    /// <summary>The page: each finding with its basis, count, what to change and the channels behind it; no script, fits 390 and 1280 px.</summary>
    public static void Html(AuditReport r, Stream output)
    {
        ArgumentNullException.ThrowIfNull(r);
        ArgumentNullException.ThrowIfNull(output);
        var h = new StringBuilder(32 * 1024);
        HtmlReport.Head(h, "Tracemark 数据暴露面审计 · audit: what can leak next");
        h.Append("<h1>数据暴露面审计 · what can leak next</h1>");
        h.Append(C, $"<p class=\"muted\">as of {E(r.AsOf)} · {r.Customers:N0} customers · {r.Channels:N0} channels · needed = accessed in the last {r.Days} days · retention {r.RetentionDays} days · {E(r.Contract)}</p><div class=\"cards\">");
        foreach (var f in r.Findings)
        {
            h.Append(C, $"<div class=\"card\">{E(f.Title)}<b>{(f.Assessed ? f.Count.ToString("N0", C) : "—")}</b><span class=\"muted\">{E(f.Unit)}</span></div>");
        }

        h.Append("</div>");
        foreach (var f in r.Findings)
        {
            h.Append(C, $"<h2>{E(f.Title)}</h2><p><b>{(f.Assessed ? f.Count.ToString("N0", C) : "not assessed")}</b> {E(f.Unit)} · {E(f.Basis)}</p><p class=\"muted\">“{E(f.Quote)}”</p><p>改进 · what to change: {E(f.Change)}</p>");
            if (f.Items.Count > 0)
            {
                h.Append("<table><tr><th>channel</th><th>kind</th><th class=n>count</th><th>figures</th></tr>");
                foreach (var i in f.Items)
                {
                    h.Append(C, $"<tr><td>{E(i.Channel)}</td><td>{E($"{i.Kind} {i.Unit}".Trim())}</td><td class=n>{i.Count:N0}</td><td>{E(i.Detail)}</td></tr>");
                }

                h.Append("</table>");
            }
        }

        h.Append("<h2>说明 · caveats</h2><ul>");
        foreach (var c in r.Caveats)
        {
            h.Append(C, $"<li class=\"muted\">{E(c)}</li>");
        }

        h.Append("</ul></body></html>");
        output.Write(Encoding.UTF8.GetBytes(h.ToString()));
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
