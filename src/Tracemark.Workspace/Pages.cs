using System.Globalization;
using System.Security.Claims;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Tracemark.Incident;
using Tracemark.Reports;
using Tracemark.Store.Workspace;

namespace Tracemark.Workspace;

/// <summary>
/// The browser pages, rendered on the server in Chinese (default) or English (?lang=en): sign-in, the case list, a
/// case (files, upload, job progress, the masked summary with its legal view and charts, the known-leak overlap,
/// findings to reveal, members) and its audit log. No inline script or style (the CSP forbids both): one
/// stylesheet and one small script under /static. Every form carries an antiforgery token.
/// </summary>
internal static class Pages
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/login", (HttpContext http) => Login(http, null)).AllowAnonymous().ExcludeFromDescription();
        app.MapPost("/login", (Func<HttpContext, Task<IResult>>)SignIn).AllowAnonymous().RequireRateLimiting("login").ExcludeFromDescription().DisableAntiforgery();
        app.MapPost("/logout", (Func<HttpContext, Task<IResult>>)SignOut).ExcludeFromDescription().DisableAntiforgery();
        app.MapGet("/", CaseList).ExcludeFromDescription();
        app.MapPost("/cases", (Func<HttpContext, Task<IResult>>)CreateCase).ExcludeFromDescription().DisableAntiforgery();
        app.MapGet("/cases/{id:long}", (HttpContext http, long id) => CasePage(http, id, null, null)).ExcludeFromDescription();
        app.MapPost("/cases/{id:long}/reveal", RevealForm).ExcludeFromDescription().DisableAntiforgery();
        app.MapPost("/cases/{id:long}/members", MemberForm).ExcludeFromDescription().DisableAntiforgery();
        app.MapPost("/cases/{id:long}/incident", IncidentForm).ExcludeFromDescription().DisableAntiforgery();
        app.MapGet("/cases/{id:long}/audit", AuditPage).ExcludeFromDescription();
    }

    /// <summary>401 for everything without a session: JSON for the API, a page pointing to sign-in for people.</summary>
    public static Task Unauthenticated(HttpContext http)
    {
        http.Response.StatusCode = StatusCodes.Status401Unauthorized;
        if (http.Request.Path.StartsWithSegments("/api") || http.Request.Path.StartsWithSegments("/openapi"))
        {
            http.Response.Headers.WWWAuthenticate = "Bearer";
            return http.Response.WriteAsJsonAsync(new WorkspaceError("sign in: send Authorization: Bearer TOKEN (`tracemark server user add` prints one)"), ReportJson.EscapedInfo<WorkspaceError>());
        }

        var t = new Text(http);
        return Html(http, t, t["请先登录", "Sign in first"], $"<p><a href=\"/login{t.Query}\">{t["登录", "Sign in"]}</a></p>", signedIn: false, status: 401).ExecuteAsync(http);
    }

    private static IResult Login(HttpContext http, string? problem)
    {
        var t = new Text(http);
        var body = new StringBuilder();
        body.Append(CultureInfo.InvariantCulture, $"<h1>{t["Tracemark 调查工作台", "Tracemark investigator workspace"]}</h1>");
        if (problem is not null)
        {
            body.Append(CultureInfo.InvariantCulture, $"<p class=\"problem\" role=\"alert\">{E(problem)}</p>");
        }

        body.Append(CultureInfo.InvariantCulture, $"""
            <form method="post" action="/login{t.Query}" class="card">
            {Csrf(http)}
            <label>{t["用户名", "User name"]}<input name="name" autocomplete="username" required maxlength="100"></label>
            <label>{t["密码", "Password"]}<input name="password" type="password" autocomplete="current-password" required maxlength="200"></label>
            <button type="submit">{t["登录", "Sign in"]}</button>
            </form>
            """);
        return Html(http, t, t["登录", "Sign in"], body.ToString(), signedIn: false, status: problem is null ? 200 : 401);
    }

    private static async Task<IResult> SignIn(HttpContext http)
    {
        var form = await ValidForm(http).ConfigureAwait(false);
        var t = new Text(http);
        if (form is null)
        {
            return Login(http, t["表单已过期，请重试。", "The form expired; please try again."]);
        }

        var user = http.RequestServices.GetRequiredService<Accounts>().ByPassword(form["name"].ToString().Trim(), form["password"].ToString());
        if (user is null)
        {
            return Login(http, t["用户名或密码不正确。", "Wrong user name or password."]);
        }

        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, BearerHandler.Principal(user, CookieAuthenticationDefaults.AuthenticationScheme)).ConfigureAwait(false);
        return Results.Redirect("/" + t.Query);
    }

    private static async Task<IResult> SignOut(HttpContext http)
    {
        if (await ValidForm(http).ConfigureAwait(false) is null)
        {
            return Results.BadRequest();
        }

        await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme).ConfigureAwait(false);
        return Results.Redirect("/login" + new Text(http).Query);
    }

    private static IResult CaseList(HttpContext http)
    {
        var t = new Text(http);
        var caller = Caller.Of(http);
        var db = http.RequestServices.GetRequiredService<IWorkspace>();
        var body = new StringBuilder();
        body.Append(CultureInfo.InvariantCulture, $"<h1>{t["案件", "Cases"]}</h1>");
        var cases = db.Cases(caller.Id);
        if (cases.Count == 0)
        {
            body.Append(CultureInfo.InvariantCulture, $"<p>{t["你还不是任何案件的成员。", "You are not a member of any case yet."]}</p>");
        }
        else
        {
            body.Append(CultureInfo.InvariantCulture, $"<table><thead><tr><th>{t["案件", "Case"]}</th><th>{t["你的角色", "Your role"]}</th><th>{t["创建", "Opened"]}</th></tr></thead><tbody>");
            foreach (var c in cases)
            {
                body.Append(CultureInfo.InvariantCulture, $"<tr><td data-label=\"{t["案件", "Case"]}\"><a href=\"/cases/{c.Id}{t.Query}\">{E(c.Name)}</a></td><td data-label=\"{t["你的角色", "Your role"]}\">{t.Role(c.Role)}</td><td data-label=\"{t["创建", "Opened"]}\">{E(c.Created[..10])}</td></tr>");
            }

            body.Append("</tbody></table>");
        }

        if (Access.Allows(caller.Role, Operation.CreateCase))
        {
            body.Append(CultureInfo.InvariantCulture, $"""
                <form method="post" action="/cases{t.Query}" class="card" id="new-case">
                {Csrf(http)}
                <label>{t["新案件名称", "New case name"]}<input name="name" required maxlength="200"></label>
                <button type="submit">{t["创建案件", "Open case"]}</button>
                </form>
                """);
        }

        return Html(http, t, t["案件", "Cases"], body.ToString());
    }

    private static async Task<IResult> CreateCase(HttpContext http)
    {
        var form = await ValidForm(http).ConfigureAwait(false);
        if (form is null)
        {
            return Results.BadRequest();
        }

        if (!Access.Allows(Caller.Of(http).Role, Operation.CreateCase))
        {
            return Results.StatusCode(StatusCodes.Status403Forbidden);
        }

        var (id, refusal) = http.RequestServices.GetRequiredService<Api>().OpenCase(http, form["name"]);
        return refusal ?? Results.Redirect($"/cases/{id}{new Text(http).Query}");
    }

    private static async Task<IResult> RevealForm(HttpContext http, long id)
    {
        var form = await ValidForm(http).ConfigureAwait(false);
        if (form is null)
        {
            return Results.BadRequest();
        }

        var api = http.RequestServices.GetRequiredService<Api>();
        var (found, refusal) = api.Authorize(http, id, Operation.Reveal);
        if (found is null)
        {
            return refusal!;
        }

        var (value, problem) = api.RevealValue(http, id, form["finding"]);
        return problem ?? CasePage(http, id, value, null);
    }

    private static async Task<IResult> MemberForm(HttpContext http, long id)
    {
        var form = await ValidForm(http).ConfigureAwait(false);
        if (form is null)
        {
            return Results.BadRequest();
        }

        var api = http.RequestServices.GetRequiredService<Api>();
        var (found, refusal) = api.Authorize(http, id, Operation.SetMember);
        if (found is null)
        {
            return refusal!;
        }

        return api.AddMember(http, id, form["user"], form["role"]) ?? Results.Redirect($"/cases/{id}{new Text(http).Query}#members");
    }

    private static async Task<IResult> IncidentForm(HttpContext http, long id)
    {
        var form = await ValidForm(http).ConfigureAwait(false);
        if (form is null)
        {
            return Results.BadRequest();
        }

        var api = http.RequestServices.GetRequiredService<Api>();
        var (found, refusal) = api.Authorize(http, id, Operation.OpenIncident);
        if (found is null)
        {
            return refusal!;
        }

        string? Field(string name) => form[name].ToString() is { Length: > 0 } v ? v : null;
        decimal? loss = null;
        if (Field("loss") is { } given)
        {
            if (!decimal.TryParse(given, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var yuan))
            {
                var t = new Text(http);
                return CasePage(http, id, null, t[$"直接经济损失“{given}”不是金额（元，数字）。", $"Direct economic loss '{given}' is not an amount in yuan (digits)."]);
            }

            loss = yuan;
        }

        var (_, problem) = api.StartIncident(http, id, new NewIncident(Field("name"), Field("discovered"), Field("operator"), loss, Field("owner_contact"), Field("entity"), Field("system")));
        return problem is IValueHttpResult { Value: WorkspaceError error }
            ? CasePage(http, id, null, error.Error)
            : problem ?? Results.Redirect($"/cases/{id}{new Text(http).Query}#incident");
    }

    private static IResult CasePage(HttpContext http, long id, WorkspaceReveal? revealed, string? problem)
    {
        var api = http.RequestServices.GetRequiredService<Api>();
        var (found, refusal) = api.Authorize(http, id, Operation.ReadCase);
        if (found is null)
        {
            return refusal!;
        }

        var t = new Text(http);
        var db = http.RequestServices.GetRequiredService<IWorkspace>();
        var runner = http.RequestServices.GetRequiredService<JobRunner>();
        var role = found.Role;
        var body = new StringBuilder();
        body.Append(CultureInfo.InvariantCulture, $"<h1>{E(found.Name)}</h1><p class=\"meta\">{t["你的角色", "Your role"]}: {t.Role(role)}");
        if (Access.Allows(role, Operation.ReadAudit))
        {
            body.Append(CultureInfo.InvariantCulture, $" · <a href=\"/cases/{id}/audit{t.Query}\" id=\"audit-link\">{t["审计日志", "Audit log"]}</a>");
        }

        body.Append("</p>");
        if (problem is not null)
        {
            body.Append(CultureInfo.InvariantCulture, $"<p class=\"problem\" role=\"alert\" id=\"page-problem\">{E(problem)}</p>");
        }

        if (revealed is not null)
        {
            body.Append(CultureInfo.InvariantCulture, $"<div class=\"card revealed\" role=\"status\"><h2>{t["已显示（已记入审计日志）", "Revealed (recorded in the audit log)"]}</h2><p>{E(revealed.Finding)}: <strong id=\"revealed-value\">{E(revealed.Value)}</strong></p></div>");
        }

        if (Access.Allows(role, Operation.ReadFiles))
        {
            api.Audit(http, id, WorkspaceAuditAction.CasePage, revealed is null ? "opened the case page" : "opened the case page after a reveal");
            Files(body, t, db.Files(id));
            if (Access.Allows(role, Operation.Upload))
            {
                body.Append(CultureInfo.InvariantCulture, $"""
                    <form id="upload" class="card" method="post" action="/api/cases/{id}/files" enctype="multipart/form-data" data-csrf="{E(CsrfToken(http))}">
                    <label>{t["文件类型", "Kind of file"]}<select name="kind"><option value="evidence">{t["泄露数据（证据）", "Leaked data (evidence)"]}</option><option value="posts">{t["聊天记录 / 帖子（情报）", "Chat export / posts (intel)"]}</option></select></label>
                    <label>{t["上传证据文件（可多选）", "Upload evidence files (one or more)"]}<input type="file" name="file" multiple required></label>
                    <button type="submit">{t["上传并扫描", "Upload and scan"]}</button>
                    <progress id="upload-progress" max="1" value="0" hidden></progress>
                    <p id="upload-error" class="problem" role="alert"></p>
                    </form>
                    """);
            }

            // The finished result before the jobs: the page follows (and reloads for) only jobs newer than the summary
            // it shows — never the very job whose summary is already there, and always one that ended in between.
            var latest = db.LatestDone(id);
            Jobs(body, t, db.Jobs(id), runner, latest?.Id ?? 0);
            if (latest is { Result: { } result })
            {
                Summary(body, t, result, id, Access.Allows(role, Operation.Reveal) ? Csrf(http) : null);
            }

            var options = http.RequestServices.GetRequiredService<WorkspaceOptions>();
            if (CaseIncident.Load(options, id) is { } incident)
            {
                IncidentSection(body, t, incident, api.IncidentReport(incident));
            }
            else if (role == Access.Lead && options.KnownLeaks is not null)
            {
                OpenIncidentForm(body, t, id, Csrf(http));
            }
        }

        Members(body, t, db.Members(id), role == Access.Lead ? Csrf(http) : null, id);
        return Html(http, t, found.Name, body.ToString());
    }

    private static void Files(StringBuilder body, Text t, IReadOnlyList<EvidenceFile> files)
    {
        body.Append(CultureInfo.InvariantCulture, $"<section><h2>{t["证据文件", "Evidence files"]}</h2>");
        if (files.Count == 0)
        {
            body.Append(CultureInfo.InvariantCulture, $"<p>{t["还没有文件。", "No files yet."]}</p></section>");
            return;
        }

        body.Append(CultureInfo.InvariantCulture, $"<table id=\"files\" class=\"stack\"><thead><tr><th>{t["文件", "File"]}</th><th class=\"n\">{t["大小", "Size"]}</th><th>{t["上传者", "By"]}</th><th>SHA-256</th></tr></thead><tbody>");
        foreach (var f in files)
        {
            body.Append(CultureInfo.InvariantCulture, $"<tr><td data-label=\"{t["文件", "File"]}\">{E(f.Name)}</td><td class=\"n\" data-label=\"{t["大小", "Size"]}\">{Size(f.Bytes)}</td><td data-label=\"{t["上传者", "By"]}\">{E(f.UploadedBy)}</td><td class=\"hash\" data-label=\"SHA-256\">{f.Sha256[..12]}…</td></tr>");
        }

        body.Append("</tbody></table></section>");
    }

    private static void Jobs(StringBuilder body, Text t, IReadOnlyList<JobRecord> jobs, JobRunner runner, long shown)
    {
        if (jobs.Count == 0)
        {
            return;
        }

        body.Append(CultureInfo.InvariantCulture, $"<section><h2>{t["扫描任务", "Scan jobs"]}</h2><ul class=\"jobs\">");
        foreach (var job in jobs.Reverse().Take(10))
        {
            // A job the database holds as ended is shown so, even in the moment before the runner forgets its live state.
            var state = job.State is "done" or "failed" ? new WorkspaceJob(job.Id, WorkspaceValues.State(job.State), job.Progress, job.Error) : runner.State(job.Id) ?? new WorkspaceJob(job.Id, WorkspaceValues.State(job.State), job.Progress, job.Error);
            // A job that ended after the summary on this page was read is followed all the same: its event says done
            // at once, and the page reloads to show its result.
            var follow = state.State == JobState.Done && job.Id > shown ? "running" : WorkspaceValues.Code(state.State);
            body.Append(CultureInfo.InvariantCulture, $"<li class=\"job\" data-job=\"{job.Id}\" data-state=\"{follow}\" data-l-queued=\"{t["排队中", "queued"]}\" data-l-running=\"{t["扫描中", "running"]}\" data-l-done=\"{t["完成", "done"]}\" data-l-failed=\"{t["失败", "failed"]}\">");
            body.Append(CultureInfo.InvariantCulture, $"<span>#{job.Id}</span> <progress max=\"1\" value=\"{state.Progress.ToString("0.###", CultureInfo.InvariantCulture)}\"></progress> <span class=\"state\">{t.State(WorkspaceValues.Code(state.State))}</span>");
            if (state.Error is { } error)
            {
                body.Append(CultureInfo.InvariantCulture, $" <span class=\"problem\">{E(error)}</span>");
            }

            body.Append("</li>");
        }

        body.Append("</ul></section>");
    }

    private static void Summary(StringBuilder body, Text t, string result, long id, string? revealCsrf)
    {
        using var doc = JsonDocument.Parse(result);
        var root = doc.RootElement;
        var c = CultureInfo.InvariantCulture;
        body.Append(c, $"<section id=\"summary\"><h2>{t["扫描摘要", "Scan summary"]}</h2><div class=\"figures\">");
        Figure(body, "persons", t["人数", "Persons"], root.GetProperty("persons").GetInt64());
        Figure(body, "records", t["记录", "Records"], root.GetProperty("records").GetInt64());
        Figure(body, "evidence-files", t["文件", "Files"], root.GetProperty("evidence_files").GetInt64());
        body.Append("</div>");

        var tiers = root.GetProperty("tiers");
        body.Append(c, $"<h3>{t["法律评估（《刑法》第253条之一，两高解释）", "Legal view (Criminal Law art. 253-1, SPC/SPP interpretation)"]}</h3><p class=\"verdict\">{E(tiers.GetProperty("verdict").GetString())}</p>");
        body.Append(c, $"<table><thead><tr><th>{t["类别", "Category"]}</th><th class=\"n\">{t["人数", "Persons"]}</th><th class=\"n\">{t["严重门槛倍数", "× serious threshold"]}</th></tr></thead><tbody>");
        foreach (var category in tiers.GetProperty("categories").EnumerateObject())
        {
            body.Append(c, $"<tr><td data-label=\"{t["类别", "Category"]}\">{E(category.Name)}</td><td class=\"n\" data-label=\"{t["人数", "Persons"]}\">{category.Value.GetProperty("persons").GetInt64():N0}</td><td class=\"n\" data-label=\"{t["严重门槛倍数", "× serious threshold"]}\">{category.Value.GetProperty("ratio_serious").GetDouble():0.##}</td></tr>");
        }

        body.Append("</tbody></table>");
        var kinds = root.GetProperty("kinds").EnumerateObject().Select(k => (k.Name, Count: k.Value.GetInt64())).OrderByDescending(k => k.Count).ToList();
        if (kinds.Count > 0)
        {
            body.Append(c, $"<h3>{t["各类标识符（去重）", "Identifiers by kind (distinct)"]}</h3>");
            var max = Math.Max(1, kinds[0].Count);
            body.Append(c, $"<svg class=\"chart\" viewBox=\"0 0 300 {kinds.Count * 22}\" role=\"img\" aria-label=\"{t["各类标识符数量", "identifiers by kind"]}\">");
            for (var i = 0; i < kinds.Count; i++)
            {
                var width = Math.Max(1, (int)(150.0 * kinds[i].Count / max));
                body.Append(c, $"<text x=\"0\" y=\"{(i * 22) + 15}\">{E(kinds[i].Name)}</text><rect x=\"110\" y=\"{(i * 22) + 4}\" width=\"{width}\" height=\"14\"></rect><text x=\"{114 + width}\" y=\"{(i * 22) + 15}\">{kinds[i].Count:N0}</text>");
            }

            body.Append("</svg>");
        }

        if (root.TryGetProperty("store", out var store))
        {
            body.Append(c, $"<div id=\"known-leaks\"><h3>{t["与已知泄露比对", "Against known leaks"]}</h3><p id=\"overlap\">{t["已知", "Known"]} {store.GetProperty("known").GetInt64():N0} · {t["新", "new"]} {store.GetProperty("new").GetInt64():N0} · {t["新鲜度", "freshness"]}: <strong id=\"freshness\" data-grade=\"{E(store.GetProperty("freshness").GetString())}\">{t.Grade(store.GetProperty("freshness").GetString())}</strong></p>");
            // The signals behind the grade, worded in the page's language from their codes; a result made before the
            // codes were kept shows the reasons as `compare` prints them.
            if (store.TryGetProperty("freshness_reasons", out var reasons) && reasons.GetArrayLength() > 0)
            {
                body.Append(c, $"<ul id=\"freshness-reasons\" aria-label=\"{t["新鲜度依据", "Why this freshness"]}\">");
                var signals = store.TryGetProperty("freshness_signals", out var s) && s.GetArrayLength() == reasons.GetArrayLength() ? s.EnumerateArray().ToList() : null;
                var i = 0;
                foreach (var reason in reasons.EnumerateArray())
                {
                    body.Append(c, $"<li>{(signals is null ? E(reason.GetString()) : E(t.Freshness(signals[i]) ?? reason.GetString()))}</li>");
                    i++;
                }

                body.Append("</ul>");
            }

            var datasets = store.GetProperty("datasets");
            if (datasets.GetArrayLength() > 0)
            {
                body.Append(c, $"<table id=\"datasets\" class=\"stack\"><thead><tr><th>{t["数据集", "Dataset"]}</th><th>{t["类别", "Category"]}</th><th>{t["首次发现", "Seen"]}</th><th class=\"n\">{t["重合", "Overlap"]}</th></tr></thead><tbody>");
                foreach (var d in datasets.EnumerateArray())
                {
                    body.Append(c, $"<tr><td data-label=\"{t["数据集", "Dataset"]}\">{E(d.GetProperty("name").GetString())}</td><td data-label=\"{t["类别", "Category"]}\">{E(d.GetProperty("category").GetString())}</td><td data-label=\"{t["首次发现", "Seen"]}\">{E(d.GetProperty("seen").GetString())}</td><td class=\"n\" data-label=\"{t["重合", "Overlap"]}\">{d.GetProperty("overlap").GetInt64():N0}</td></tr>");
                }

                body.Append("</tbody></table>");
            }

            body.Append("</div>");
        }

        if (root.TryGetProperty("trace", out var trace))
        {
            Trace(body, t, trace, root.TryGetProperty("trace_caveats", out var codes) ? codes : null);
        }

        if (root.TryGetProperty("intel", out var intel))
        {
            Intel(body, t, intel);
        }

        var findings = root.GetProperty("findings");
        if (findings.GetArrayLength() > 0)
        {
            body.Append(c, $"<h3>{t["示例（已遮盖）", "Examples (masked)"]}</h3><table id=\"findings\"><tbody>");
            foreach (var f in findings.EnumerateArray())
            {
                var name = f.GetProperty("finding").GetString()!;
                body.Append(c, $"<tr><td data-label=\"{t["类型", "Kind"]}\">{E(f.GetProperty("kind").GetString())}</td><td class=\"value\" data-label=\"{t["值（已遮盖）", "Value (masked)"]}\">{E(f.GetProperty("masked").GetString())}</td><td>");
                if (revealCsrf is not null)
                {
                    body.Append(c, $"<form method=\"post\" action=\"/cases/{id}/reveal{t.Query}\" class=\"inline\">{revealCsrf}<input type=\"hidden\" name=\"finding\" value=\"{E(name)}\"><button type=\"submit\" data-finding=\"{E(name)}\">{t["显示", "Reveal"]}</button></form>");
                }

                body.Append("</td></tr>");
            }

            body.Append("</tbody></table>");
        }

        body.Append("</section>");
    }

    /// <summary>
    /// The trace of the case's files (`tracemark trace --json`): verdict, the ranked explanations and what the access
    /// log says about the leading channels. Channels are the owner's accounts, not personal identifiers.
    /// </summary>
    private static void Trace(StringBuilder body, Text t, JsonElement trace, JsonElement? codes)
    {
        var c = CultureInfo.InvariantCulture;
        var verdict = trace.GetProperty("verdict").GetString();
        var said = verdict switch
        {
            "attributed" => t["已归因", "attributed"],
            "shortlist" => t["候选名单", "shortlist"],
            "undetermined" => t["无法确定", "undetermined"],
            _ => E(verdict),
        };
        body.Append(c, $"<section id=\"trace\"><h3>{t["泄露溯源（数据所有者的访问日志）", "Trace (the owner's access log)"]}</h3>");
        body.Append(c, $"<p>{t["结论", "Verdict"]}: <strong id=\"trace-verdict\" data-verdict=\"{E(verdict)}\">{said}</strong> · {t["匹配客户记录", "records matched to customers"]} {trace.GetProperty("matched").GetInt64():N0} / {trace.GetProperty("records").GetInt64():N0} · {t["其中已在已知泄露中", "of them in known leaks"]} {trace.GetProperty("known").GetInt64():N0} · {t["其他来源占比", "share from other sources"]} {trace.GetProperty("background_share").GetDouble():P0}</p>");
        var ranked = trace.GetProperty("ranked");
        if (ranked.GetArrayLength() > 0)
        {
            body.Append(c, $"<table id=\"trace-ranked\"><thead><tr><th>#</th><th>{t["渠道", "Channels"]}</th><th class=\"n\">{t["概率", "Probability"]}</th><th class=\"n\">{t["可解释记录", "Explains"]}</th><th class=\"n\">{t["诱饵", "Canaries"]}</th></tr></thead><tbody>");
            var rank = 0;
            foreach (var h in ranked.EnumerateArray())
            {
                var channels = string.Join(" + ", h.GetProperty("channels").EnumerateArray().Select(x => x.GetString()));
                body.Append(c, $"<tr><td data-label=\"#\">{++rank}</td><td class=\"wrap\" data-label=\"{t["渠道", "Channels"]}\">{(channels.Length == 0 ? t["以上渠道之外的来源", "none of these channels"] : E(channels))}</td><td class=\"n\" data-label=\"{t["概率", "Probability"]}\">{h.GetProperty("posterior").GetDouble():P1}</td><td class=\"n\" data-label=\"{t["可解释记录", "Explains"]}\">{h.GetProperty("explained").GetInt64():N0}</td><td class=\"n\" data-label=\"{t["诱饵", "Canaries"]}\">{h.GetProperty("canaries").GetInt64():N0}</td></tr>");
            }

            body.Append("</tbody></table>");
        }

        var evidence = trace.GetProperty("evidence");
        if (evidence.GetArrayLength() > 0)
        {
            body.Append(c, $"<h4>{t["证据（领先渠道的访问记录）", "Evidence (the leading channels' accesses)"]}</h4><table id=\"trace-evidence\" class=\"stack\"><thead><tr><th>{t["渠道", "Channel"]}</th><th>{t["类型", "Kind"]}</th><th class=\"n\">{t["访问过的样本客户", "Sampled customers accessed"]}</th><th class=\"n\">{t["从未访问", "Never accessed"]}</th><th class=\"n\">{t["夜间访问占比", "Off-hours share"]}</th><th class=\"n\">{t["设备（新）", "Devices (new)"]}</th><th>{t["首次—末次访问", "First — last access"]}</th></tr></thead><tbody>");
            foreach (var e in evidence.EnumerateArray())
            {
                var unit = e.GetProperty("unit").ValueKind == JsonValueKind.String ? $" ({E(e.GetProperty("unit").GetString())})" : string.Empty;
                body.Append(c, $"<tr><td data-label=\"{t["渠道", "Channel"]}\">{E(e.GetProperty("channel").GetString())}{unit}</td><td data-label=\"{t["类型", "Kind"]}\">{E(e.GetProperty("kind").GetString())}</td><td class=\"n\" data-label=\"{t["访问过的样本客户", "Sampled customers accessed"]}\">{e.GetProperty("explained").GetInt64():N0}</td><td class=\"n\" data-label=\"{t["从未访问", "Never accessed"]}\">{e.GetProperty("never_accessed").GetInt64():N0}</td><td class=\"n\" data-label=\"{t["夜间访问占比", "Off-hours share"]}\">{e.GetProperty("off_hours_share").GetDouble():P0}</td><td class=\"n\" data-label=\"{t["设备（新）", "Devices (new)"]}\">{e.GetProperty("devices").GetInt64():N0} ({e.GetProperty("new_devices").GetInt64():N0})</td><td data-label=\"{t["首次—末次访问", "First — last access"]}\">{Day(e.GetProperty("first_access"))} — {Day(e.GetProperty("last_access"))}</td></tr>");
            }

            body.Append("</tbody></table>");
        }

        var caveats = trace.GetProperty("caveats");
        if (caveats.GetArrayLength() > 0)
        {
            // Worded in the page's language from their codes; a result made before the codes were kept shows `trace`'s words.
            body.Append(c, $"<ul class=\"caveats\" id=\"trace-caveats\" aria-label=\"{t["局限", "Caveats"]}\">");
            var coded = codes is { ValueKind: JsonValueKind.Array } list && list.GetArrayLength() == caveats.GetArrayLength() ? list.EnumerateArray().ToList() : null;
            var i = 0;
            foreach (var caveat in caveats.EnumerateArray())
            {
                body.Append(c, $"<li>{E(coded is null ? caveat.GetString() : t.Caveat(coded[i]) ?? caveat.GetString())}</li>");
                i++;
            }

            body.Append("</ul>");
        }

        body.Append("</section>");
    }

    /// <summary>
    /// The intel view of the case's posts (`tracemark intel`): posts by goods and type, the trading actors with their
    /// offers and prices, the market by month. Handles come masked as `intel` masks them.
    /// </summary>
    private static void Intel(StringBuilder body, Text t, JsonElement intel)
    {
        var c = CultureInfo.InvariantCulture;
        body.Append(c, $"<section id=\"intel\"><h3>{t["交易帖子情报", "Trading posts (intel)"]}</h3>");
        var files = string.Join(", ", intel.GetProperty("files").EnumerateArray().Select(f => $"{E(f.GetProperty("name").GetString())} ({E(f.GetProperty("format").GetString())})"));
        body.Append(c, $"<p>{t["帖子", "Posts"]} <strong id=\"intel-posts\">{intel.GetProperty("posts").GetInt64():N0}</strong> · {t["涉及交易", "about the trade"]} {intel.GetProperty("trade_posts").GetInt64():N0} · {t["样本中的标识符", "identifiers in samples"]} {intel.GetProperty("sample_identifiers").GetInt64():N0} ({t["已在已知泄露中", "in known leaks"]} {intel.GetProperty("samples_known").GetInt64():N0})<br><span class=\"meta\">{files}</span></p>");
        var goods = intel.GetProperty("goods");
        if (goods.GetArrayLength() > 0)
        {
            body.Append(c, $"<table id=\"intel-goods\"><thead><tr><th>{t["货品", "Goods"]}</th><th class=\"n\">{t["出售", "Offers"]}</th><th class=\"n\">{t["求购", "Requests"]}</th><th class=\"n\">{t["代查", "Services"]}</th><th class=\"n\">{t["有报价", "Priced"]}</th></tr></thead><tbody>");
            foreach (var g in goods.EnumerateArray())
            {
                body.Append(c, $"<tr><td data-label=\"{t["货品", "Goods"]}\">{E(g.GetProperty("goods").GetString())}</td><td class=\"n\" data-label=\"{t["出售", "Offers"]}\">{g.GetProperty("offers").GetInt64():N0}</td><td class=\"n\" data-label=\"{t["求购", "Requests"]}\">{g.GetProperty("requests").GetInt64():N0}</td><td class=\"n\" data-label=\"{t["代查", "Services"]}\">{g.GetProperty("services").GetInt64():N0}</td><td class=\"n\" data-label=\"{t["有报价", "Priced"]}\">{g.GetProperty("priced").GetInt64():N0}</td></tr>");
            }

            body.Append("</tbody></table>");
        }

        var actors = intel.GetProperty("actors");
        if (actors.GetArrayLength() > 0)
        {
            body.Append(c, $"<h4>{t["交易者（关联账号）", "Actors (linked accounts)"]}</h4><table id=\"intel-actors\" class=\"stack\"><thead><tr><th>{t["交易者", "Actor"]}</th><th class=\"n\">{t["帖子（账号）", "Posts (accounts)"]}</th><th class=\"n\">{t["出售", "Offers"]}</th><th>{t["货品 · 来源", "Goods · source"]}</th><th class=\"n\">{t["元/条", "Yuan/record"]}</th><th class=\"n\">{t["数量", "Volume"]}</th><th>{t["联系方式（已遮盖）", "Handle (masked)"]}</th></tr></thead><tbody>");
            foreach (var a in actors.EnumerateArray().Take(20))
            {
                var top = (JsonElement d) => d.EnumerateObject().OrderByDescending(p => p.Value.GetInt32()).Select(p => p.Name).FirstOrDefault() ?? "—";
                var price = a.GetProperty("price_min").ValueKind == JsonValueKind.Number
                    ? (a.GetProperty("price_min").GetDouble() == a.GetProperty("price_max").GetDouble() ? a.GetProperty("price_min").GetDouble().ToString("0.####", c) : $"{a.GetProperty("price_min").GetDouble().ToString("0.####", c)}–{a.GetProperty("price_max").GetDouble().ToString("0.####", c)}")
                    : "—";
                var handles = a.GetProperty("handles");
                var handle = handles.GetArrayLength() == 0 ? "—" : $"{handles[0].GetProperty("kind").GetString()}:{handles[0].GetProperty("value").GetString()}{(handles.GetArrayLength() > 1 ? $" +{handles.GetArrayLength() - 1}" : string.Empty)}";
                body.Append(c, $"<tr><td data-label=\"{t["交易者", "Actor"]}\">{E(a.GetProperty("id").GetString())}</td><td class=\"n\" data-label=\"{t["帖子（账号）", "Posts (accounts)"]}\">{a.GetProperty("posts").GetInt32():N0} ({a.GetProperty("accounts").GetInt32():N0})</td><td class=\"n\" data-label=\"{t["出售", "Offers"]}\">{a.GetProperty("offers").GetInt32():N0}</td><td data-label=\"{t["货品 · 来源", "Goods · source"]}\">{E(top(a.GetProperty("goods")))} · {E(top(a.GetProperty("categories")))}</td><td class=\"n\" data-label=\"{t["元/条", "Yuan/record"]}\">{price}</td><td class=\"n\" data-label=\"{t["数量", "Volume"]}\">{a.GetProperty("volume").GetInt64():N0}</td><td class=\"value\" data-label=\"{t["联系方式（已遮盖）", "Handle (masked)"]}\">{E(handle)}</td></tr>");
            }

            body.Append("</tbody></table>");
        }

        var market = intel.GetProperty("market");
        if (market.GetArrayLength() > 0)
        {
            body.Append(c, $"<h4>{t["行情（按月，最近 12 项）", "Market by month (latest 12 rows)"]}</h4><table id=\"intel-market\"><thead><tr><th>{t["月份", "Month"]}</th><th>{t["货品", "Goods"]}</th><th>{t["来源", "Source"]}</th><th>{t["新鲜度", "Freshness"]}</th><th class=\"n\">{t["出售", "Offers"]}</th><th class=\"n\">{t["中位价（元/条）", "Median yuan/record"]}</th></tr></thead><tbody>");
            foreach (var m in market.EnumerateArray().OrderByDescending(m => m.GetProperty("month").GetString(), StringComparer.Ordinal).ThenByDescending(m => m.GetProperty("offers").GetInt32()).Take(12))
            {
                var median = m.GetProperty("median_price").ValueKind == JsonValueKind.Number ? m.GetProperty("median_price").GetDouble().ToString("0.####", c) : "—";
                body.Append(c, $"<tr><td data-label=\"{t["月份", "Month"]}\">{E(m.GetProperty("month").GetString())}</td><td data-label=\"{t["货品", "Goods"]}\">{E(m.GetProperty("goods").GetString())}</td><td data-label=\"{t["来源", "Source"]}\">{E(m.GetProperty("category").GetString())}</td><td data-label=\"{t["新鲜度", "Freshness"]}\">{E(m.GetProperty("freshness").GetString())}</td><td class=\"n\" data-label=\"{t["出售", "Offers"]}\">{m.GetProperty("offers").GetInt32():N0}</td><td class=\"n\" data-label=\"{t["中位价（元/条）", "Median yuan/record"]}\">{median}</td></tr>");
            }

            body.Append("</tbody></table>");
        }

        body.Append("</section>");
    }

    private static void OpenIncidentForm(StringBuilder body, Text t, long id, string csrf)
    {
        var c = CultureInfo.InvariantCulture;
        body.Append(c, $"""
            <section id="incident"><h2>{t["事件报告", "Incident report"]}</h2>
            <p>{t["本案件还没有事件。开启事件后，本案件的证据文件将作为证据加入（与 tracemark incident add 相同），并给出分级、报告期限与通知。", "This case has no incident yet. Opening one adds the case's evidence files to it (as `tracemark incident add` does) and gives the grade, the reporting deadlines and the notice."]}</p>
            <form method="post" action="/cases/{id}/incident{t.Query}" class="card" id="open-incident">
            {csrf}
            <label>{t["发现或获知时间（北京时间）", "Discovered (Beijing time)"]}<input name="discovered" type="datetime-local" required></label>
            <label>{t["运营者类型", "Operator type"]}<select name="operator"><option value="other">{t["其他运营者（4 小时）", "other operator (4 h)"]}</option><option value="central">{t["中央和国家机关（2 小时）", "central state organ (2 h)"]}</option><option value="cii">{t["关键信息基础设施（1 小时）", "critical information infrastructure (1 h)"]}</option></select></label>
            <label>{t["涉事单位", "Entity"]}<input name="entity" maxlength="200"></label>
            <label>{t["涉事系统", "System"]}<input name="system" maxlength="200"></label>
            <label>{t["联系方式（写入通知）", "Contact for the notice"]}<input name="owner_contact" maxlength="200"></label>
            <label>{t["直接经济损失（元，可不填）", "Direct economic loss (yuan, optional)"]}<input name="loss" inputmode="decimal" maxlength="20"></label>
            <label>{t["事件名称（可不填，默认 case-编号）", "Incident name (optional, default case-ID)"]}<input name="name" maxlength="100"></label>
            <button type="submit">{t["开启事件", "Open incident"]}</button>
            </form></section>
            """);
    }

    /// <summary>
    /// The case's incident as `tracemark incident report` gives it: the grade, each deadline with the time left, the
    /// criminal count, and which rules are confirmed and which are not (docs/incident-law.md). The labels are worded here
    /// per language from the report's codes; the law's own words (to whom, the grade's name) stay Chinese.
    /// </summary>
    private static void IncidentSection(StringBuilder body, Text t, CaseIncidentJson incident, IncidentReport? report)
    {
        var c = CultureInfo.InvariantCulture;
        body.Append(c, $"<section id=\"incident\"><h2>{t["事件报告", "Incident report"]}: {E(incident.Name)}</h2>");
        if (report is null)
        {
            body.Append(c, $"<p class=\"problem\">{t["已知泄露库中找不到该事件。", "The known-leak store no longer holds this incident."]}</p></section>");
            return;
        }

        body.Append(c, $"<p class=\"meta\">{t["发现时间", "Discovered"]} {E(report.Discovered)} · {t["运营者", "Operator"]} {E(t.Operator(report.Operator))} · {t["证据", "Evidence"]} {report.Evidence.Count:N0}</p>");
        body.Append(c, $"<div class=\"figures\"><div class=\"figure\"><strong id=\"incident-grade\" data-grade=\"{E(report.GradeEn)}\">{E(t[report.Grade, report.GradeEn])}</strong><span>{t["事件级别", "Grade"]}</span></div>");
        Figure(body, "incident-people", t["涉及人数", "People"], report.People);
        if (report.OwnerCustomers is { } customers)
        {
            Figure(body, "incident-customers", t["本单位客户", "Owner's customers"], customers);
        }

        body.Append("</div>");
        var mandatory = report.Deadlines.Any(d => d.Report == "cac_initial" && d.Mandatory);
        body.Append(c, $"<p>{(mandatory
            ? t["较大及以上：必须按《国家网络安全事件报告管理办法》第四条报告网信部门。", "较大 or above: the CAC report of the Measures Art. 4 is mandatory."]
            : t["低于较大：网信部门报告不是强制的；个人信息保护法第五十七条仍要求立即通知主管部门和个人，涉嫌犯罪的应向公安机关报案。", "Below 较大: the CAC report is not mandatory; PIPL Art. 57 still requires telling the authority and the individuals at once, and a suspected crime is reported to the police."])}</p>");

        body.Append(c, $"<h3>{t["报告期限", "Deadlines"]}</h3><table id=\"incident-deadlines\" class=\"stack\"><thead><tr><th>{t["报告", "Report"]}</th><th>{t["报送对象", "To"]}</th><th>{t["截止（北京时间）", "Due (Beijing time)"]}</th><th>{t["剩余时间", "Time left"]}</th></tr></thead><tbody>");
        var generated = DateTimeOffset.Parse(report.Generated, c);
        foreach (var d in report.Deadlines)
        {
            var due = d.DueBeijing is { } b ? E(b.Replace('T', ' ')[..16]) : d.Report switch
            {
                "cac_closing" => t["处置结束后 30 日内（尚未结束）", "30 days after handling ends (not ended yet)"],
                "sector" => t["按行业规定", "as the sector's rules require"],
                _ => t["及时（法律未规定小时数）", "promptly (the law gives no hour figure)"],
            };
            var left = d.Due is { } dueText ? Left(t, DateTimeOffset.Parse(dueText, c) - generated) : "—";
            body.Append(c, $"<tr data-report=\"{E(d.Report)}\" data-overdue=\"{(d.Overdue == true ? "true" : "false")}\"><td class=\"wrap\" data-label=\"{t["报告", "Report"]}\">{t.Report(d.Report, d.Title)}{(d.Mandatory ? string.Empty : t["（非强制）", " (not mandatory)"])}</td><td class=\"wrap\" data-label=\"{t["报送对象", "To"]}\">{E(d.To)}</td><td data-label=\"{t["截止（北京时间）", "Due (Beijing time)"]}\">{due}</td><td data-label=\"{t["剩余时间", "Time left"]}\"{(d.Overdue == true ? " class=\"problem\"" : string.Empty)}>{left}</td></tr>");
        }

        body.Append("</tbody></table>");
        body.Append(c, $"<h3>{t["刑事计数（两高解释）", "Criminal count (SPC/SPP interpretation)"]}</h3><p id=\"incident-criminal\">{E(report.Criminal.Level)} · {t["严重门槛倍数", "× serious threshold"]} {report.Criminal.RatioSerious.ToString("0.##", c)}</p>");

        // What the report applies as law (✅ in docs/incident-law.md) and what it applies without a confirmed text.
        body.Append(c, $"<h3>{t["已确认的规则", "Confirmed rules"]}</h3><ul id=\"incident-confirmed\">");
        foreach (var (zh, en) in ConfirmedRules)
        {
            body.Append(c, $"<li>{t[zh, en]}</li>");
        }

        body.Append(c, $"</ul><h3>{t["未确认（按最稳妥的理解处理）", "Not confirmed (applied in the safe reading)"]}</h3><ul id=\"incident-unconfirmed\" class=\"caveats\">");
        foreach (var u in report.Unconfirmed)
        {
            body.Append(c, $"<li data-applies=\"{E(u.Applies)}\">{(Unconfirmed.TryGetValue(u.Applies, out var words) ? t[words.Zh, words.En] : E($"{u.Rule}: {u.Status}"))}</li>");
        }

        body.Append("</ul>");
        foreach (var p in incident.Problems)
        {
            body.Append(c, $"<p class=\"problem\">{E(p)}</p>");
        }

        body.Append("</section>");
    }

    private static readonly (string Zh, string En)[] ConfirmedRules =
    [
        ("分级：《网络安全事件分级指南》泄露人数 100 万 / 1000 万 / 1 亿人、直接经济损失 500 万 / 2000 万 / 1 亿元，“以上”均包括本数，任一指标达到即定级。", "Grade: the CAC grading guide's 1 M / 10 M / 100 M people and ¥5 M / ¥20 M / ¥100 M direct loss, thresholds inclusive, the highest level any indicator reaches."),
        ("初报时限：关键信息基础设施 1 小时、中央和国家机关 2 小时、其他 4 小时（《国家网络安全事件报告管理办法》第四条，较大及以上）。", "Initial report: 1 h (critical information infrastructure), 2 h (central state organs), 4 h (others) — Measures Art. 4, 较大 and above."),
        ("个人信息保护法第五十七条：立即通知履行个人信息保护职责的部门和个人。", "PIPL Art. 57: tell the authority and the individuals immediately."),
        ("总结报告：处置工作结束后 30 日内（办法第八条）。", "Closing report: within 30 days after handling ends (Measures Art. 8)."),
    ];

    private static readonly Dictionary<string, (string Zh, string En)> Unconfirmed = new(StringComparer.Ordinal)
    {
        ["deadlines[cac_initial].due"] = ("小时数从何时起算：办法只说“发现或获知”后应当研判，未说明；本报告从发现时起算（最稳妥）。", "When the hours start: the Measures do not say; this report counts from discovery, the safe reading."),
        ["criminal.bands[].especially_serious, criminal.ratio_especially_serious, criminal.level"] = ("两高解释第五条第二款（十倍为情节特别严重）只在摘要中读到，未读到原文。", "The SPC/SPP interpretation Art. 5 ¶2 (ten times is 情节特别严重) was read in a summary only, not verbatim."),
        ["deadlines[pipl_authority], notice.exemption"] = ("个人信息保护法第五十七条的豁免只提到个人；主管部门无豁免是本报告的理解，条文未明说。", "PIPL Art. 57's exemption names the individuals only; that the authority has none is this report's reading, not the text's words."),
        ["grade_basis.needs_judgement"] = ("分级指南的定性条款（较大量 / 大量 / 海量个人信息等）没有数字定义，需人工判断。", "The grading guide's qualitative clauses (较大量 / 大量 / 海量 personal information …) have no number: they need judgement."),
    };

    private static string Left(Text t, TimeSpan left)
    {
        var abs = left.Duration();
        var hours = (long)abs.TotalHours;
        var text = abs.TotalDays >= 1
            ? t[$"{(long)abs.TotalDays} 天 {abs.Hours} 小时", $"{(long)abs.TotalDays} d {abs.Hours} h"]
            : t[$"{hours} 小时 {abs.Minutes:00} 分", $"{hours} h {abs.Minutes:00} min"];
        return left >= TimeSpan.Zero ? t[$"剩余 {text}", $"{text} left"] : t[$"已逾期 {text}", $"overdue by {text}"];
    }

    private static string Day(JsonElement time) => time.ValueKind == JsonValueKind.String && time.GetString() is { Length: >= 10 } s ? E(s[..10]) : "—";

    private static void Figure(StringBuilder body, string id, string label, long value) =>
        body.Append(CultureInfo.InvariantCulture, $"<div class=\"figure\"><strong id=\"{id}\">{value:N0}</strong><span>{label}</span></div>");

    private static void Members(StringBuilder body, Text t, IReadOnlyList<CaseMember> members, string? csrf, long id)
    {
        body.Append(CultureInfo.InvariantCulture, $"<section id=\"members\"><h2>{t["成员", "Members"]}</h2><ul>");
        foreach (var m in members)
        {
            body.Append(CultureInfo.InvariantCulture, $"<li>{E(m.User)} — {t.Role(m.Role)}</li>");
        }

        body.Append("</ul>");
        if (csrf is not null)
        {
            var options = string.Concat(Access.Roles.Select(r => $"<option value=\"{r}\">{t.Role(r)}</option>"));
            body.Append(CultureInfo.InvariantCulture, $"<form method=\"post\" action=\"/cases/{id}/members{t.Query}\" class=\"card\">{csrf}<label>{t["用户名", "User name"]}<input name=\"user\" required maxlength=\"100\"></label><label>{t["角色", "Role"]}<select name=\"role\">{options}</select></label><button type=\"submit\">{t["添加或更改成员", "Add or change member"]}</button></form>");
        }

        body.Append("</section>");
    }

    private static IResult AuditPage(HttpContext http, long id)
    {
        var api = http.RequestServices.GetRequiredService<Api>();
        var (found, refusal) = api.Authorize(http, id, Operation.ReadAudit);
        if (found is null)
        {
            return refusal!;
        }

        api.Audit(http, id, WorkspaceAuditAction.AuditRead, "opened the audit page");
        var t = new Text(http);
        var body = new StringBuilder();
        body.Append(CultureInfo.InvariantCulture, $"<h1>{t["审计日志", "Audit log"]}: {E(found.Name)}</h1><p><a href=\"/cases/{id}{t.Query}\">{t["返回案件", "Back to the case"]}</a></p>");
        body.Append(CultureInfo.InvariantCulture, $"<table id=\"audit\" class=\"stack\"><thead><tr><th>#</th><th>{t["时间", "Time"]}</th><th>{t["用户", "User"]}</th><th>{t["操作", "Action"]}</th><th>{t["详情", "Detail"]}</th><th>{t["哈希", "Hash"]}</th></tr></thead><tbody>");
        foreach (var e in api.Entries(id))
        {
            body.Append(CultureInfo.InvariantCulture, $"<tr><td data-label=\"#\">{e.Id}</td><td data-label=\"{t["时间", "Time"]}\">{E(e.At)}</td><td data-label=\"{t["用户", "User"]}\">{E(e.Actor)}</td><td data-label=\"{t["操作", "Action"]}\">{E(e.ActionText)}</td><td data-label=\"{t["详情", "Detail"]}\">{E(e.Detail)}</td><td class=\"hash\" data-label=\"{t["哈希", "Hash"]}\">{e.Hash[..12]}…</td></tr>");
        }

        body.Append("</tbody></table>");
        return Html(http, t, t["审计日志", "Audit log"], body.ToString());
    }

    private static IResult Html(HttpContext http, Text t, string title, string main, bool signedIn = true, int status = 200)
    {
        var nav = new StringBuilder();
        nav.Append(CultureInfo.InvariantCulture, $"<a href=\"/{t.Query}\" class=\"brand\">Tracemark</a>");
        if (signedIn)
        {
            nav.Append(CultureInfo.InvariantCulture, $"<a href=\"/{t.Query}\">{t["案件", "Cases"]}</a><span class=\"who\">{E(http.User.FindFirstValue(ClaimTypes.Name))}</span><form method=\"post\" action=\"/logout{t.Query}\" class=\"inline\">{Csrf(http)}<button type=\"submit\">{t["退出", "Sign out"]}</button></form>");
        }

        var other = t.English ? "<a href=\"?\" lang=\"zh-CN\">中文</a>" : "<a href=\"?lang=en\" lang=\"en\">English</a>";
        var page = $"""
            <!doctype html>
            <html lang="{(t.English ? "en" : "zh-CN")}">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{E(title)} · Tracemark</title>
            <link rel="icon" href="data:,">
            <link rel="stylesheet" href="/static/workspace.css">
            <script src="/static/workspace.js" defer></script>
            </head>
            <body>
            <header><nav>{nav}{other}</nav></header>
            <main>
            {main}
            </main>
            </body>
            </html>
            """;
        return Results.Content(page, "text/html; charset=utf-8", Encoding.UTF8, status);
    }

    private static string Csrf(HttpContext http) =>
        $"<input type=\"hidden\" name=\"__RequestVerificationToken\" value=\"{E(CsrfToken(http))}\">";

    private static string CsrfToken(HttpContext http) => http.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(http).RequestToken!;

    /// <summary>The posted form when its antiforgery token holds, else null.</summary>
    private static async Task<IFormCollection?> ValidForm(HttpContext http)
    {
        if (!http.Request.HasFormContentType)
        {
            return null;
        }

        var antiforgery = http.RequestServices.GetRequiredService<IAntiforgery>();
        return await antiforgery.IsRequestValidAsync(http).ConfigureAwait(false) ? await http.Request.ReadFormAsync(http.RequestAborted).ConfigureAwait(false) : null;
    }

    private static string E(string? text) => HtmlEncoder.Default.Encode(text ?? string.Empty);

    private static string Size(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} B",
        < 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.#} KiB"),
        < 1024L * 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1048576.0:0.#} MiB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1073741824.0:0.##} GiB"),
    };

    /// <summary>The page's language: Chinese unless ?lang=en.</summary>
    private sealed class Text(HttpContext http)
    {
        public bool English { get; } = http.Request.Query["lang"] == "en";

        public string Query => English ? "?lang=en" : string.Empty;

        public string this[string zh, string en] => English ? en : zh;

        public string Role(string role) => role switch
        {
            Access.Lead => this["负责人", "lead"],
            Access.Analyst => this["分析员", "analyst"],
            Access.Auditor => this["审计员", "auditor"],
            Access.Viewer => this["查看者", "viewer"],
            _ => E(role),
        };

        /// <summary>A freshness reason (freshness_signals) in the page's language; null for a signal this page does not know.</summary>
        public string? Freshness(JsonElement signal)
        {
            var c = CultureInfo.InvariantCulture;
            var share = signal.GetProperty("share").GetDouble();
            var identifiers = signal.GetProperty("identifiers").GetInt64();
            var newest = signal.GetProperty("newest").GetString();
            var days = signal.GetProperty("days").GetInt32();
            var seen = signal.GetProperty("seen").GetString();
            var limit = signal.GetProperty("limit").GetDouble();
            return signal.GetProperty("signal").GetString() switch
            {
                "known_share" => this[string.Create(c, $"其 {identifiers:N0} 个标识符中 {share:P1} 已在已知泄露中"), string.Create(c, $"{share:P1} of its {identifiers:N0} identifiers are already in known leaks")],
                "no_record_times" => this["数据中没有记录时间（下单时间、入住时间……），无法判断新旧", "the data carries no record times (下单时间, 入住时间 …), so its age is unknown"],
                "newest_record" => this[$"最新一条记录为 {newest}，比发现日期（{seen}）早 {days} 天", $"the newest record is from {newest}, {days} day(s) before it was seen ({seen})"],
                "newest_after_seen" => this[$"最新记录（{newest}）晚于发现日期（{seen}）：时间可能被伪造，或日期有误", $"the newest record ({newest}) is after the date seen ({seen}); times may be forged or the date wrong"],
                "older" => this[$"超过 {days} 天", $"older than {days} days"],
                "too_much_known" => this[string.Create(c, $"已知占比 {share:P0}，达到更新鲜等级允许的上限 {limit:P0}"), string.Create(c, $"{share:P0} known is at least the {limit:P0} a fresher grade allows")],
                _ => null,
            };
        }

        /// <summary>A trace caveat (trace_caveats) in the page's language; null for one this page does not know.</summary>
        public string? Caveat(JsonElement caveat)
        {
            var count = caveat.GetProperty("count").GetInt32();
            return caveat.GetProperty("caveat").GetString() switch
            {
                "random_taking" => this["概率假设泄露者从其访问过的记录中随机取走；只为复制部分记录而访问的泄露者看起来也一样。", "Probabilities assume the leaker took records it accessed, at random; a leaker who accessed records only to copy some of them looks the same."],
                "unmatched" => this[$"{count} 条记录与本单位任何客户都不匹配：来自别处，或客户数据已过时。", $"{count} record(s) match none of the owner's customers: they came from elsewhere, or the customer data is out of date."],
                "not_separated" => this["证据不能区分各候选渠道：需要更多记录、金丝雀或标记才能确定其一。", "The evidence does not separate the candidates: more records, canaries or marks are needed to name one."],
                "few_matched" => this[$"仅 {count} 条记录匹配：数量太少，访问重叠的渠道无法可靠区分。", $"Only {count} matched record(s): with so few, channels with overlapping access cannot be told apart reliably."],
                "channels_considered" => this[$"共考虑 {count} 个渠道；不在本单位渠道列表中的渠道无法被指出。", $"{count} channel(s) considered; a channel not in the owner's channel list cannot be named."],
                _ => null,
            };
        }

        /// <summary>A freshness grade as the trade names it (docs/domain.md §4).</summary>
        public string Grade(string? grade) => grade switch
        {
            "real-time" => this["实时（real-time）", "real-time"],
            "overnight" => this["隔夜（overnight）", "overnight"],
            "historical" => this["历史（historical）", "historical"],
            "undetermined" => this["无法判断（undetermined）", "undetermined"],
            _ => E(grade),
        };

        public string Operator(string type) => type switch
        {
            "cii" => this["关键信息基础设施", "critical information infrastructure"],
            "central" => this["中央和国家机关", "central state organ"],
            "other" => this["其他", "other"],
            _ => type,
        };

        /// <summary>A deadline's report by its code (HTML); one this page does not know keeps the report's own title.</summary>
        public string Report(string code, string title) => code switch
        {
            "cac_initial" => this["网信部门初报", "Initial report to the CAC"],
            "cac_supplement" => this["网信部门补报（第三至八项）", "CAC supplement (items 3–8)"],
            "cac_closing" => this["总结报告", "Closing report"],
            "pipl_authority" => this["通知个人信息保护主管部门", "Notify the PI protection authority"],
            "pipl_individuals" => this["通知受影响的个人", "Notify the individuals"],
            "police" => this["向公安机关报案", "Report to the police"],
            "sector" => this["行业主管部门", "Sector regulator"],
            _ => E(title),
        };

        public string State(string state) => state switch
        {
            "queued" => this["排队中", "queued"],
            "running" => this["扫描中", "running"],
            "done" => this["完成", "done"],
            "failed" => this["失败", "failed"],
            _ => E(state),
        };
    }
}
