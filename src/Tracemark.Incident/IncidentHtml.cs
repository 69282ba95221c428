using System.Globalization;
using System.Net;
using System.Text;
using Tracemark.Scanning.Output;

namespace Tracemark.Incident;

/// <summary>
/// The print-ready incident report: Chinese first, English by a toggle that is a checkbox and CSS (no script, so it
/// works under a strict Content-Security-Policy and in print), the grade and the clock at the top, then the initial
/// report, the closing report skeleton, the notice, the criminal view and the evidence. Fits 390 px and 1280 px.
/// The clock is printed text (each due time in the discovery's offset and in Beijing time, and the time left as of
/// generation); where script may run, a live countdown is shown beside it.
/// </summary>
public static class IncidentHtml
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    private const string Styles = """
        .lang{position:absolute;opacity:0} .toggle{float:right;border:1px solid #c9d1db;border-radius:6px;padding:.2rem .6rem;cursor:pointer;font-size:.9rem}
        .en{display:none} #lang:checked ~ .doc .en{display:inline} #lang:checked ~ .doc div.en,#lang:checked ~ .doc p.en{display:block} #lang:checked ~ .doc .zh{display:none}
        .grade{font-size:2rem;font-weight:700;padding:.4rem 1rem;border-radius:8px;display:inline-block} .g1,.g2{background:#fde2e1;color:#a4161a} .g3{background:#fff3cd;color:#7a5600} .g4{background:#e3f4e8;color:#1e6b34}
        .clock{font-size:1.2rem;font-weight:600} .overdue{color:#a4161a} .status{font-size:.8rem;border-radius:4px;padding:0 .3rem;background:#eef1f5;white-space:nowrap}
        .quote{color:#4a5561;font-size:.85rem} .sms{background:#f5f7fa;border-left:4px solid #c9d1db;padding:.5rem .8rem}
        .clocks{list-style:none;padding:0} .clocks li{margin:.3rem 0} .live{font-variant-numeric:tabular-nums}
        @media print{.toggle{display:none} .live{display:none} body{margin:0;max-width:none} h2{break-after:avoid} table{break-inside:auto}}
        """;

    // The live countdown. Inline because the report is one self-contained local file (no server to serve a script or
    // send headers); the page's own Content-Security-Policy allows this script by its SHA-256 and nothing else, and
    // everything it shows is also printed without it (the time left as of generation), so a stricter policy that
    // blocks it loses only the ticking. It sets text only (no HTML), from the due times in data-due.
    private const string ClockScript = """
        (function(){function p(n){return String(n).padStart(2,'0');}
        function tick(){var now=Date.now();document.querySelectorAll('[data-due]').forEach(function(el){
        var left=Date.parse(el.getAttribute('data-due'))-now,a=Math.abs(left),d=Math.floor(a/864e5),h=Math.floor(a%864e5/36e5),m=Math.floor(a%36e5/6e4),s=Math.floor(a%6e4/1e3);
        var zh=(d?d+' 天 ':'')+h+' 小时 '+p(m)+' 分 '+p(s)+' 秒',en=(d?d+' d ':'')+h+' h '+p(m)+' min '+p(s)+' s';
        var live=el.querySelector('.live');live.hidden=false;
        live.querySelector('.zh').textContent=left>=0?'实时：剩余 '+zh:'实时：已逾期 '+zh;
        live.querySelector('.en').textContent=left>=0?'live: '+en+' left':'live: overdue by '+en;
        el.classList.toggle('overdue',left<0);el.setAttribute('data-state',left<0?'overdue':'running');});}
        tick();setInterval(tick,1000);})();
        """;

    private static readonly string ClockPolicy = "default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-"
        + Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(ClockScript))) + "'; base-uri 'none'; form-action 'none'";

    public static void Write(IncidentReport r, Stream output)
    {
        ArgumentNullException.ThrowIfNull(r);
        ArgumentNullException.ThrowIfNull(output);
        var h = new StringBuilder(48 * 1024);
        HtmlReport.Head(h, $"网络安全事件报告 · incident report — {r.Name}", Styles);
        h.Replace("<title>", $"<meta http-equiv=\"Content-Security-Policy\" content=\"{ClockPolicy}\"><title>");
        h.Append("<input type=\"checkbox\" id=\"lang\" class=\"lang\"><label for=\"lang\" class=\"toggle\">English / 中文</label><div class=\"doc\">");
        h.Append(C, $"<h1>{B("个人信息泄露事件报告", "Personal information leak: incident report")}</h1>");
        h.Append(C, $"<p class=\"muted\">{E(r.Entity ?? r.Name)} · {B("发现时间", "discovered")} {E(r.Discovered)} · {B("运营者类型", "operator")} {E(r.Operator)} · {B("生成于", "generated")} {E(r.Generated)} · {E(r.Contract)}</p>");

        var level = r.Grade switch { "特别重大" => 1, "重大" => 2, "较大" => 3, _ => 4 };
        h.Append(C, $"<p><span class=\"grade g{level}\">{E(r.Grade)}</span> <span class=\"en\">{E(r.GradeEn)}</span></p>");
        h.Append("<div class=\"cards\">");
        Card(h, B("泄露人数", "people"), r.People.ToString("N0", C));
        Card(h, B("本单位客户", "owner's customers"), r.OwnerCustomers?.ToString("N0", C) ?? "—");
        Card(h, B("直接经济损失（元）", "direct loss (yuan)"), r.Loss?.ToString("N0", C) ?? "—");
        Card(h, B("证据", "evidence"), r.Evidence.Count.ToString(C));
        h.Append("</div>");
        // The clock: every mandatory report with a due time, printed as of generation, ticking where script runs.
        h.Append("<ul class=\"clocks\">");
        foreach (var d in r.Deadlines.Where(d => d.Mandatory && d.Due is not null))
        {
            var remaining = d.Remaining ?? string.Empty;
            h.Append(C, $"<li class=\"clock{(d.Overdue == true ? " overdue" : string.Empty)}\" data-due=\"{E(d.Due!)}\" data-report=\"{E(d.Report)}\">{E(d.Title)}<br>");
            h.Append(C, $"{B("截止", "due")} <time datetime=\"{E(d.Due!)}\">{E(d.Due!)}</time> · {B("北京时间", "Beijing")} {E(d.DueBeijing!)}<br>");
            h.Append(C, $"<span class=\"asof\">{B(LeftZh(d.Due!, r.Generated), remaining)} <span class=\"muted\">({B("截至生成时", "as of generation")} {E(r.Generated)})</span></span> ");
            h.Append("<span class=\"live\" hidden><span class=\"zh\"></span><span class=\"en\"></span></span></li>");
        }

        h.Append("</ul>");

        h.Append(C, $"<p>{E(r.GradeBasis.Note)}</p>");
        h.Append(C, $"<details class=\"unconfirmed\" open><summary>⚠️ {B("未经核实的规则（非法律原文）", "Unconfirmed rules (not the law's words)")}: {r.Unconfirmed.Count}</summary><ul>");
        foreach (var u in r.Unconfirmed)
        {
            h.Append(C, $"<li>{E(u.Rule)}<br><span class=\"muted\">{E(u.Status)} · {E(u.Applies)}</span></li>");
        }

        h.Append("</ul></details>");

        h.Append(C, $"<h2>{B("定级依据", "Grade basis")}</h2><p class=\"quote\">{E(r.GradeBasis.Rule)} — {E(r.GradeBasis.Source)}</p>");
        h.Append(C, $"<table><tr><th>{B("指标", "indicator")}</th><th class=n>{B("数值", "figure")}</th><th>{B("达到级别", "level")}</th><th>{B("依据", "rule")}</th></tr>");
        foreach (var i in r.GradeBasis.Indicators)
        {
            h.Append(C, $"<tr><td>{E(i.Indicator)}</td><td class=n>{i.Value?.ToString("N0", C)}</td><td>{E(i.Reached)}</td><td>{E(i.Quote)}</td></tr>");
        }

        h.Append("</table><p class=\"muted\">").Append(B("需人工研判", "Needs a person's judgement")).Append(":</p><ul>");
        foreach (var n in r.GradeBasis.NeedsJudgement)
        {
            h.Append(C, $"<li class=\"muted\">{E(n)}</li>");
        }

        h.Append("</ul>");
        h.Append(C, $"<h2>{B("报告时限", "Deadlines")}</h2><table><tr><th>{B("报告", "report")}</th><th>{B("报送对象", "to")}</th><th>{B("截止时间", "due")}</th><th>{B("规则", "rule")}</th></tr>");
        foreach (var d in r.Deadlines)
        {
            h.Append(C, $"<tr><td>{E(d.Title)}{(d.Mandatory ? string.Empty : " <span class=\"status\">" + B("非强制", "not mandatory") + "</span>")}</td><td>{E(d.To)}</td><td>{(d.Due is null ? "—" : $"{E(d.Due)}<br><span class=\"muted\">{B("北京时间", "Beijing")} {E(d.DueBeijing!)}</span><br><b>{E(d.Remaining!)}</b>")}</td><td>{E(d.Rule)}<br><span class=\"quote\">“{E(d.Quote)}” — {E(d.Source)}</span></td></tr>");
        }

        h.Append("</table>");
        Items(h, B("初次报告（《国家网络安全事件报告管理办法》第七条）", "Initial report (Measures Art. 7)"), r.InitialReport.Items, r.InitialReport.Minimum);
        Items(h, B("事件处置总结报告（第八条）", "Closing report (Art. 8)"), r.ClosingReport.Items, $"due {r.ClosingReport.Due ?? "30 days after handling ends"} · {r.ClosingReport.To}");

        var n57 = r.Notice;
        h.Append(C, $"<h2>{B("个人信息泄露通知（个人信息保护法第五十七条）", "Notice under PIPL Art. 57")}</h2><table>");
        Row(h, B("信息种类", "categories"), string.Join("、", n57.Categories.Select(x => x.Zh)));
        Row(h, B("原因", "cause"), n57.Cause);
        Row(h, B("可能造成的危害", "possible harm"), string.Join("；", n57.Harms));
        Row(h, B("已采取的补救措施", "measures taken"), string.Join("；", n57.Measures));
        Row(h, B("个人可以采取的措施", "what individuals can do"), string.Join("；", n57.IndividualActions));
        Row(h, B("联系方式", "contact"), n57.Ready ? n57.Contact : "【待填写】");
        Row(h, B("豁免分析", "exemption"), n57.Exemption);
        h.Append(C, $"</table><p>{B("短信范本", "SMS text")} ({n57.SmsExample.Length}/70):</p><p class=\"sms\">{E(n57.SmsExample)}</p>");

        var cr = r.Criminal;
        h.Append(C, $"<h2>{B("刑事计数（供公安机关）", "Criminal view (for the police)")}</h2><p><b>{E(cr.Level)}</b> · Σ {cr.RatioSerious.ToString("0.###", C)} / ×10 Σ {cr.RatioEspeciallySerious.ToString("0.###", C)}{(cr.Insider ? " · " + B("内部人员：标准减半", "insider: thresholds halved") : string.Empty)} · {B("买方", "buyers")} {cr.Buyers}</p>");
        h.Append(C, $"<table><tr><th>{B("类别", "band")}</th><th class=n>{B("条数", "count")}</th><th class=n>{B("情节严重", "serious at")}</th><th class=n>{B("情节特别严重 ⚠️", "especially serious at ⚠️")}</th></tr>");
        foreach (var b in cr.Bands)
        {
            h.Append(C, $"<tr><td>{E(b.Label)}</td><td class=n>{b.Count:N0}</td><td class=n>{b.Serious:N0}</td><td class=n>{b.EspeciallySerious:N0}</td></tr>");
        }

        h.Append(C, $"</table><p class=\"quote\">{E(cr.Source)}</p><ul>");
        foreach (var caveat in cr.Caveats)
        {
            h.Append(C, $"<li class=\"muted\">{E(caveat)}</li>");
        }

        h.Append(C, $"</ul><h2>{B("证据", "Evidence")}</h2><table><tr><th>{B("文件", "files")}</th><th class=n>{B("记录", "records")}</th><th class=n>{B("人数（新增）", "persons (new)")}</th><th class=n>{B("已知泄露", "in known leaks")}</th><th>{B("溯源", "trace")}</th></tr>");
        foreach (var e in r.Evidence)
        {
            var trace = e.Trace is { } t ? $"{t.Verdict}: {string.Join(" + ", t.Leading)} ({t.Probability.ToString("P0", C)}); {e.Customers:N0} customers" : "—";
            h.Append(C, $"<tr><td>{E(e.Files)}{(e.Buyer is null ? string.Empty : $"<br><span class=\"muted\">sold to {E(e.Buyer)}</span>")}</td><td class=n>{e.Records:N0}</td><td class=n>{e.Persons:N0} ({e.NewPersons:N0})</td><td class=n>{e.Known:N0} / {e.Identifiers:N0}</td><td>{E(trace)}</td></tr>");
        }

        h.Append("</table></div><script>").Append(ClockScript).Append("</script></body></html>");
        var bytes = Encoding.UTF8.GetBytes(h.ToString());
        output.Write(bytes);
    }

    private static void Items(StringBuilder h, string title, IReadOnlyList<ReportItemView> items, string note)
    {
        h.Append(C, $"<h2>{title}</h2><p class=\"muted\">{E(note)}</p><table>");
        foreach (var i in items)
        {
            var status = i.Status switch { "complete" => B("完整", "complete"), "partial" => B("部分", "partial"), _ => B("待补报", "to follow") };
            h.Append(C, $"<tr><td class=n>{i.Item}</td><td><b>{E(i.Heading)}</b> <span class=\"status\">{status}</span><br>{E(i.Content)}</td></tr>");
        }

        h.Append("</table>");
    }

    // The time left in Chinese, as Deadlines.Remaining says it in English.
    private static string LeftZh(string due, string generated)
    {
        var left = DateTimeOffset.Parse(due, C) - DateTimeOffset.Parse(generated, C);
        var abs = left.Duration();
        var text = abs.TotalDays >= 1 ? $"{(int)abs.TotalDays} 天 {abs.Hours} 小时" : $"{(int)abs.TotalHours} 小时 {abs.Minutes:00} 分";
        return left >= TimeSpan.Zero ? "剩余 " + text : "已逾期 " + text;
    }

    private static void Row(StringBuilder h, string label, string value) => h.Append(C, $"<tr><th>{label}</th><td>{E(value)}</td></tr>");

    private static void Card(StringBuilder h, string label, string value) => h.Append(C, $"<div class=\"card\">{label}<b>{E(value)}</b></div>");

    // Chinese, and English shown instead when the toggle is on.
    private static string B(string zh, string en) => $"<span class=\"zh\">{E(zh)}</span><span class=\"en\">{E(en)}</span>";

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
