using System.Collections.Concurrent;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Tracemark.Scanning;
using Tracemark.Synthetic.Posts;
using static Microsoft.Playwright.Assertions;

namespace Tracemark.Workspace.Tests;

/// <summary>
/// The pages in headless Chromium through Microsoft.Playwright (its bundled Node driver, copied next to the tests by
/// the package; the browser is Debian's /usr/bin/chromium, nothing is downloaded): sign in, open a case, upload a
/// synthetic leak, follow the job to done, read the persons count, reveal one value and find the reveal in the audit
/// view — at 390 px and 1280 px, in Chinese and English, with no console error and nothing wider than the window.
/// </summary>
[Collection("workspace")]
public sealed class BrowserTests(Workspace ws)
{
    [Theory]
    [InlineData(390, "zh")]
    [InlineData(1280, "en")]
    public async Task A_lead_uploads_a_leak_sees_the_persons_reveals_one_value_and_finds_it_in_the_audit_log(int width, string language)
    {
        await WorkspaceBrowser.Check(ws, Workspace.Sample("courier-waybills.csv"), width, language, "workspace", []);
    }
}

/// <summary>
/// The case page on a server whose store holds owner data and a known leak: after the upload of one of the owner's
/// leaked samples, then of a posts file (kind "posts" in the upload form), it shows the trace (verdict, ranking,
/// evidence), the known-leak overlap with the reasons for its freshness and the actors and market of the posts, with
/// every Reveal button in reach and nothing scrolling sideways, at 390 px (Chinese) and 1280 px (English).
/// </summary>
[Collection("traced workspace")]
public sealed class TracedBrowserTests(TracedWorkspace traced)
{
    [Theory]
    [InlineData(390, "zh")]
    [InlineData(1280, "en")]
    public async Task The_case_page_shows_the_trace_the_freshness_reasons_and_the_actors_of_the_posts(int width, string language)
    {
        var shown = await WorkspaceBrowser.Check(traced.Ws, traced.Scenario("single-insider"), width, language, "workspace-traced", ["#trace", "#trace-ranked", "#trace-evidence", "#freshness-reasons", "#datasets", "#intel-actors", "#intel-market", "#incident", "#incident-deadlines", "#incident-unconfirmed"], traced.Posts(PostFiles.ForumFile), incident: true);
        Assert.Contains(language == "en" ? "Verdict" : "结论", shown["#trace"], StringComparison.Ordinal);
        // The freshness reasons and the trace's caveats in the page's language, worded from their codes.
        Assert.Contains(language == "en" ? "identifiers are already in known leaks" : "个标识符中", shown["#freshness-reasons"], StringComparison.Ordinal);
        Assert.Contains(language == "en" ? "channel(s) considered" : "个渠道", shown["#trace"], StringComparison.Ordinal);
        Assert.Contains("older-leak", shown["#datasets"], StringComparison.Ordinal);
        Assert.Contains(language == "en" ? "Yuan/record" : "元/条", shown["#intel-actors"], StringComparison.Ordinal);
        // The incident opened through the page's form holds the case's file and gives the deadlines and the unconfirmed rules.
        Assert.Contains(language == "en" ? "Due (Beijing time)" : "截止（北京时间）", shown["#incident-deadlines"], StringComparison.Ordinal);
        Assert.NotEmpty(shown["#incident-unconfirmed"]);
    }
}

/// <summary>
/// The browser scenario both page tests run. Every wait is a Playwright wait with a deadline (an auto-retrying
/// assertion or a locator action), never a sleep: the job's end reloads the page, and the assertions retry across
/// that reload. With TRACEMARK_SCREENSHOTS=DIR it saves the pages and the case page's parts for docs/server.md.
/// </summary>
internal static class WorkspaceBrowser
{
    private const float Deadline = 30_000;

    // A scan job of a sample takes seconds; on the shared, loaded test machine it has taken over a minute.
    private const float JobDeadline = 180_000;

    /// <summary>Runs the scenario, asserting as it goes; returns the text of each part in <paramref name="required"/>.</summary>
    public static async Task<IReadOnlyDictionary<string, string>> Check(Workspace ws, string file, int width, string language, string shotName, string[] required, string? posts = null, bool incident = false)
    {
        var shots = Environment.GetEnvironmentVariable("TRACEMARK_SCREENSHOTS") is { Length: > 0 } dir ? Path.Combine(dir, $"{shotName}-{width}") : null;
        var query = language == "en" ? "?lang=en" : string.Empty;
        var problems = new ConcurrentQueue<string>();
        var followed = new ConcurrentQueue<string>();

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM") ?? "/usr/bin/chromium",
            Headless = true,
            // The tests may run as root (CI containers), where Chromium refuses to start sandboxed.
            Args = ["--no-sandbox"],
        });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = width, Height = 900 } });
        page.SetDefaultTimeout(Deadline);
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                problems.Enqueue(message.Text);
            }
        };
        page.PageError += (_, error) => problems.Enqueue(error);
        page.Request += (_, request) =>
        {
            if (request.Url.Contains("/events", StringComparison.Ordinal))
            {
                followed.Enqueue(request.Url);
            }
        };

        await page.GotoAsync(new Uri(ws.Base, "login" + query).ToString());
        await Overflow(page, "login", width, problems);
        await Shot(page, shots, "login");
        await page.FillAsync("input[name=name]", "lead");
        await page.FillAsync("input[name=password]", Workspace.Password);
        await page.ClickAsync("button[type=submit]");

        var newCase = page.Locator("#new-case input[name=name]");
        await Expect(newCase).ToBeVisibleAsync();
        await newCase.FillAsync($"browser case {Guid.NewGuid():N}");
        await page.ClickAsync("#new-case button[type=submit]");
        await page.WaitForURLAsync(new Regex(@"/cases/\d+"));

        // The script uploads with a progress bar and reloads the page on 202; the job shows with its state.
        await page.SetInputFilesAsync("#upload input[type=file]", file);
        await page.ClickAsync("#upload button[type=submit]");
        var job = page.Locator("[data-job]");
        await Expect(job).ToHaveCountAsync(1);
        var first = await Settled(page, () => job.GetAttributeAsync("data-state"));
        Assert.Contains(first, new[] { "queued", "running", "done" });

        // Server-sent events move the bar on and the page reloads when the job is done; then the summary is there.
        var persons = page.Locator("#persons");
        await Expect(persons).ToBeVisibleAsync(new() { Timeout = JobDeadline });
        await Expect(job).ToHaveAttributeAsync("data-state", "done");
        await Expect(job.Locator("progress")).ToHaveJSPropertyAsync("value", 1);
        if (first != "done")
        {
            // The job was still going when the page showed it: the page followed it by its event stream.
            Assert.Contains(followed, url => url.Contains("/api/jobs/", StringComparison.Ordinal));
        }

        var direct = Scanner.Scan(new ScanOptions { Paths = [file] });
        await Expect(persons).ToHaveTextAsync(direct.Persons.ToString("N0", CultureInfo.InvariantCulture));

        if (posts is not null)
        {
            await page.SelectOptionAsync("#upload select[name=kind]", "posts");
            await page.SetInputFilesAsync("#upload input[type=file]", posts);
            await page.ClickAsync("#upload button[type=submit]");
            await Expect(page.Locator("#intel")).ToBeVisibleAsync(new() { Timeout = JobDeadline });
            await Expect(job.First).ToHaveAttributeAsync("data-state", "done");
            await Expect(job.Last).ToHaveAttributeAsync("data-state", "done");
        }

        if (incident)
        {
            // The lead opens the case's incident with the page's form; its job adds the case's file, and the page
            // reloads when that is done (the people count leaves 0).
            await page.FillAsync("#open-incident input[name=discovered]", "2026-12-06T21:40");
            await page.SelectOptionAsync("#open-incident select[name=operator]", "other");
            await page.FillAsync("#open-incident input[name=entity]", "顺达快递");
            await page.FillAsync("#open-incident input[name=system]", "网点派件系统");
            await page.FillAsync("#open-incident input[name=owner_contact]", "95000");
            await page.ClickAsync("#open-incident button[type=submit]");
            var people = page.Locator("#incident-people");
            await Expect(people).ToBeVisibleAsync(new() { Timeout = JobDeadline });
            await Expect(people).Not.ToHaveTextAsync("0", new() { Timeout = JobDeadline });
        }

        await Overflow(page, "case", width, problems);
        await Revealable(page, "case", width, problems);
        await NarrowTables(page, "case", width, problems);
        await Shot(page, shots, "case");
        foreach (var part in new[] { "findings", "trace", "known-leaks", "intel", "incident" })
        {
            await ShotOf(page, shots, part);
        }

        var shown = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var selector in required)
        {
            var part = page.Locator(selector).First;
            await Expect(part).ToBeVisibleAsync();
            shown[selector] = (await part.TextContentAsync() ?? string.Empty).Trim();
        }

        var button = page.Locator("button[data-finding^=\"mobile:\"]").First;
        var finding = await button.GetAttributeAsync("data-finding") ?? throw new InvalidOperationException("a Reveal button without its finding");
        await button.ClickAsync();
        var revealed = page.Locator("#revealed-value");
        await Expect(revealed).ToBeVisibleAsync();
        var colon = finding.IndexOf(':', StringComparison.Ordinal);
        await Expect(revealed).ToHaveTextAsync(direct.Examples[finding[..colon]][int.Parse(finding[(colon + 1)..], CultureInfo.InvariantCulture)]);
        await Overflow(page, "reveal", width, problems);

        await page.ClickAsync("#audit-link");
        await page.WaitForURLAsync(new Regex(@"/cases/\d+/audit"));
        var rows = page.Locator("#audit tbody tr");
        await Expect(rows.First).ToBeVisibleAsync();
        var audit = await rows.EvaluateAllAsync<string[][]>("rows => rows.map(r => Array.from(r.cells).map(c => c.textContent))");
        Assert.Contains(audit, row => row[2] == "lead" && row[3] == "reveal" && row[4].Contains(finding, StringComparison.Ordinal));
        Assert.Contains(audit, row => row[3] == "files.upload");
        await Overflow(page, "audit", width, problems);
        await NarrowTables(page, "audit", width, problems);
        await Shot(page, shots, "audit");

        Assert.Empty(problems);
        return shown;
    }

    /// <summary>
    /// Reads through the job's end, which reloads the page: a read that the reload cut off (its page context gone) is
    /// read again on the new page, a few times at most.
    /// </summary>
    private static async Task<T> Settled<T>(IPage page, Func<Task<T>> read)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await read();
            }
            catch (PlaywrightException e) when (attempt < 5 && Regex.IsMatch(e.Message, "context|navigation|detached", RegexOptions.IgnoreCase))
            {
                await page.WaitForLoadStateAsync(LoadState.Load);
            }
        }
    }

    private static async Task Overflow(IPage page, string name, int width, ConcurrentQueue<string> problems)
    {
        var wide = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        if (wide > width)
        {
            problems.Enqueue($"{name}: page is {wide} px wide at {width} px");
        }
    }

    /// <summary>
    /// Every Reveal button must be inside the window's width, not covered, and pass Playwright's actionability checks
    /// (visible, stable, enabled, receives the click) without being clicked.
    /// </summary>
    private static async Task Revealable(IPage page, string name, int width, ConcurrentQueue<string> problems)
    {
        var buttons = await page.Locator("button[data-finding]").AllAsync();
        if (buttons.Count == 0)
        {
            problems.Enqueue($"{name}: no Reveal button");
        }

        foreach (var button in buttons)
        {
            var finding = await button.GetAttributeAsync("data-finding");
            await button.ScrollIntoViewIfNeededAsync();
            var box = await button.BoundingBoxAsync();
            if (box is null || box.X < 0 || box.X + box.Width > width)
            {
                problems.Enqueue($"{name}: Reveal {finding} is outside the {width} px window ({box?.X}, {box?.Width})");
                continue;
            }

            if (!await button.EvaluateAsync<bool>("b => { const r = b.getBoundingClientRect(); return document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2) === b; }"))
            {
                problems.Enqueue($"{name}: Reveal {finding} is covered");
            }

            try
            {
                await button.ClickAsync(new LocatorClickOptions { Trial = true, Timeout = 5_000 });
            }
            catch (TimeoutException e)
            {
                problems.Enqueue($"{name}: Reveal {finding} is not clickable: {e.Message.Split('\n')[0]}");
            }
        }

        await page.EvaluateAsync("() => window.scrollTo(0, 0)");
    }

    /// <summary>No table may scroll sideways inside its box.</summary>
    private static async Task NarrowTables(IPage page, string name, int width, ConcurrentQueue<string> problems)
    {
        var scrolling = await page.Locator("table").EvaluateAllAsync<string[]>("tables => tables.filter(t => t.scrollWidth > t.clientWidth + 1).map(t => t.id || 'table')");
        foreach (var table in scrolling)
        {
            problems.Enqueue($"{name}: table {table} scrolls sideways at {width} px");
        }
    }

    private static async Task Shot(IPage page, string? prefix, string name)
    {
        if (prefix is not null)
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = $"{prefix}-{name}.png", FullPage = true });
        }
    }

    /// <summary>One part of the page on its own (a whole case page at 390 px is very tall for the docs).</summary>
    private static async Task ShotOf(IPage page, string? prefix, string id)
    {
        var part = page.Locator("#" + id);
        if (prefix is not null && await part.CountAsync() > 0)
        {
            await part.First.ScreenshotAsync(new LocatorScreenshotOptions { Path = $"{prefix}-{id}.png" });
        }
    }
}
