using System.Text.Json;
using Tracemark.Tests;

namespace Tracemark.Cli.Tests;

/// <summary>The three HTML reports (scan, trace, intel) made once from synth output for the page tests.</summary>
public sealed class Reports : IDisposable
{
    private readonly TempDir _dir = new("cli-pages");

    public Reports()
    {
        Directory.CreateDirectory(_dir.Path);
        Run("synth", "--out", _dir.File("synth"), "--records", "400", "--people", "600", "--seed", "17");
        Run("scan", _dir.File("synth/leaks"), "--report", Scan);

        var owner = _dir.File("owner");
        Run("synth", "owner", "--out", owner, "--customers", "3000", "--outlets", "3", "--employees-per-outlet", "6", "--sample-size", "40", "--samples-per-kind", "1");
        Run("owner", "import", "--channels", Path.Combine(owner, "channels.csv"), "--customers", Path.Combine(owner, "customers.csv"), "--access", Path.Combine(owner, "access.csv"), "--store", _dir.File("owner.db"));
        using var truth = JsonDocument.Parse(File.ReadAllText(Path.Combine(owner, "scenarios.json")));
        var sample = Path.Combine(owner, truth.RootElement.EnumerateArray().First(s => s.GetProperty("kind").GetString() == "single-insider").GetProperty("file").GetString()!);
        Run("trace", sample, "--seen", "2025-12-01", "--store", _dir.File("owner.db"), "--report", Trace);
        Run("incident", "open", "page", "--discovered", "2025-12-01T22:30:00+08:00", "--operator", "other", "--entity", "顺达快递", "--system", "网点派件系统", "--owner-contact", "95000", "--store", _dir.File("owner.db"));
        Run("incident", "add", "page", sample, "--store", _dir.File("owner.db"));
        Run("incident", "report", "page", "--html", Incident, "--store", _dir.File("owner.db"));
        Run("audit", "--contracts", Path.Combine(owner, "contracts.csv"), "--html", Audit, "--store", _dir.File("owner.db"));

        Run("synth", "fraud", "--out", _dir.File("fraud"), "--people", "3000", "--reports", "400", "--seed", "5");
        foreach (var (leak, category) in new[] { ("courier-linked", "courier"), ("hotel-unlinked", "hotel") })
        {
            Run("ingest", _dir.File($"fraud/leaks/{leak}.csv"), "--name", leak, "--category", category, "--seen", "2026-01-10", "--store", _dir.File("fraud.db"));
        }

        Run("fraud", "import", _dir.File("fraud/reports.csv"), "--store", _dir.File("fraud.db"));
        Run("fraud", "link", "--population", "3000", "--html", Fraud, "--store", _dir.File("fraud.db"));

        var insiders = _dir.File("insiders");
        Run("synth", "owner", "--insiders", "--out", insiders, "--seed", "2");
        Run("owner", "import", "--channels", Path.Combine(insiders, "channels.csv"), "--customers", Path.Combine(insiders, "customers.csv"), "--access", Path.Combine(insiders, "access.csv"), "--store", _dir.File("guard.db"));
        Run("guard", "--store", _dir.File("guard.db"), "--canaries", Path.Combine(insiders, "canaries.csv"), "--report", Guard);
        Run("guard", "--store", _dir.File("guard.db"), "--canaries", Path.Combine(insiders, "canaries.csv"), "--report", GuardRevealed, "--reveal");

        Run("synth", "posts", "--out", _dir.File("posts"), "--posts", "1500", "--seed", "3");
        // Contacts and sample people written the ways sellers disguise them, and one address-long unbroken word.
        File.WriteAllLines(_dir.File("posts/disguised.jsonl"),
        [
            """{"author":"料王","channel":"料群","time":"2025-05-02 10:00","text":"出快递料 一手 实时 0.5一条 量大 联系手机１３８００１３８０００ 邮箱 seller＠example．com 样本: 张伟 ①③⑧⓪⓪①③⑧⓪⓪⓪ 身份证１１０１０５１９４９１２３１００２Ｘ 李娜 139 1234 5678 卡号6222 0202 0000 0000 008"}""",
            """{"author":"料王","channel":"料群","time":"2025-06-02 10:00","text":"出快递料 一手 0.4一条 联系 138-0013-8000 或 seller@example.com 看样 11010519491231002X 北京市朝阳区建国路八十八号院三号楼二单元一千一百零一室旁边的超长地址没有空格一直写下去一直写下去一直写下去一直写下去一直写下去一直写下去一直写下去"}""",
        ]);
        Run("intel", _dir.File("posts"), "--report", Intel, "--store", _dir.File("none.db"));
        Run("intel", _dir.File("posts/disguised.jsonl"), "--report", Disguised, "--store", _dir.File("none.db"));
    }

    public string Scan => _dir.File("scan.html");

    public string Trace => _dir.File("trace.html");

    public string Intel => _dir.File("intel.html");

    public string Incident => _dir.File("incident.html");

    public string Audit => _dir.File("audit.html");

    public string Fraud => _dir.File("fraud-link.html");

    public string Guard => _dir.File("guard.html");

    public string GuardRevealed => _dir.File("guard-revealed.html");

    /// <summary>The intel report of the disguised posts alone (their seller is then the top actor).</summary>
    public string Disguised => _dir.File("intel-disguised.html");

    public IEnumerable<string> All => [Scan, Trace, Intel, Disguised, Incident, Audit, Guard, Fraud];

    public void Dispose()
    {
        if (Environment.GetEnvironmentVariable("TRACEMARK_KEEP_PAGES") is { Length: > 0 } keep)
        {
            foreach (var f in All)
            {
                File.Copy(f, Path.Combine(keep, Path.GetFileName(f)), overwrite: true);
            }
        }

        _dir.Dispose();
    }

    private static void Run(params string[] args)
    {
        var r = Cli.Run(args);
        if (r.Exit != 0)
        {
            throw new InvalidOperationException($"tracemark {string.Join(' ', args)}: exit {r.Exit}: {r.Error}");
        }
    }
}

/// <summary>
/// Every report page: no identifier the scanner can find is printed in clear (issue 17 point 3), and the page does
/// not scroll sideways at 390 px (a phone) or 1280 px (a desktop) in Chromium (point 12).
/// </summary>
public sealed class PagesTests(Reports reports) : IClassFixture<Reports>
{
    [Fact]
    public void Masked_reports_print_no_identifier_the_scanner_finds_whatever_its_width_or_disguise()
    {
        foreach (var report in reports.All)
        {
            var html = File.ReadAllText(report);
            // The incident report and the audit name categories, channels and counts, never an identifier.
            if (report != reports.Incident && report != reports.Audit)
            {
                Assert.Contains("****", html, StringComparison.Ordinal);
            }

            Assert.True(PrintedIdentifiers.InHtml(html) is [], $"{Path.GetFileName(report)} prints in clear: {string.Join(", ", PrintedIdentifiers.InHtml(html))}");
        }

        // The disguised post is in the intel report, masked where it stood.
        var intel = File.ReadAllText(reports.Disguised);
        Assert.Contains("联系手机138****8000", intel, StringComparison.Ordinal);
        Assert.DoesNotContain("１３８００１３８０００", intel, StringComparison.Ordinal);
        Assert.DoesNotContain("①③⑧⓪⓪①③⑧⓪⓪⓪", intel, StringComparison.Ordinal);
        Assert.DoesNotContain("seller＠example．com", intel, StringComparison.Ordinal);
    }

    [Fact]
    public void The_incident_report_is_chinese_first_with_an_english_toggle_that_needs_no_script()
    {
        var html = File.ReadAllText(reports.Incident);
        Assert.Contains("<html lang=\"zh-CN\">", html, StringComparison.Ordinal);
        Assert.Contains("class=\"grade g4\">一般<", html, StringComparison.Ordinal);
        Assert.Contains("<input type=\"checkbox\" id=\"lang\"", html, StringComparison.Ordinal);
        Assert.Contains("#lang:checked ~ .doc .zh{display:none}", html, StringComparison.Ordinal);
        Assert.Contains("涉事单位名称及涉事系统或设施基本情况", html, StringComparison.Ordinal);
        Assert.Contains("@media print", html, StringComparison.Ordinal);

        // The one script (the live countdown) is allowed by its hash in the page's own policy, and nothing else is.
        var scripts = System.Text.RegularExpressions.Regex.Matches(html, "<script>(.*?)</script>", System.Text.RegularExpressions.RegexOptions.Singleline);
        var script = Assert.Single(scripts).Groups[1].Value;
        var hash = Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(script)));
        Assert.Contains($"<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-{hash}';", html, StringComparison.Ordinal);
        Assert.DoesNotContain("innerHTML", script, StringComparison.Ordinal);

        // The printed clock: the due time in the discovery's offset and in Beijing time, the time left as of generation.
        var clock = html[html.IndexOf("<ul class=\"clocks\">", StringComparison.Ordinal)..html.IndexOf("</ul>", html.IndexOf("<ul class=\"clocks\">", StringComparison.Ordinal), StringComparison.Ordinal)];
        Assert.Contains("data-due=\"2025-12-01T22:30:00+08:00\"", clock, StringComparison.Ordinal);
        Assert.Contains("<time datetime=\"2025-12-01T22:30:00+08:00\">", clock, StringComparison.Ordinal);
        Assert.Contains("北京时间</span><span class=\"en\">Beijing</span> 2025-12-01T22:30:00+08:00", clock, StringComparison.Ordinal);
        Assert.Contains("已逾期 ", clock, StringComparison.Ordinal);
        Assert.Contains("overdue by ", clock, StringComparison.Ordinal);
        Assert.Contains("截至生成时", clock, StringComparison.Ordinal);
        Assert.True(html.IndexOf("<ul class=\"clocks\">", StringComparison.Ordinal) < html.IndexOf("<h2>", StringComparison.Ordinal), "the clock is at the top, before the first section");
    }

    [Fact]
    public async Task The_incident_clock_counts_down_in_a_browser_turns_overdue_and_stays_printed_without_script()
    {
        var run = await NodeScript.Run("incident-clock.mjs", new Uri(reports.Incident).AbsoluteUri, "390,1280");
        Assert.True(run.Exit == 0, run.Error);
        using var clock = JsonDocument.Parse(run.Output);
        foreach (var width in clock.RootElement.EnumerateArray())
        {
            var w = width.GetProperty("width").GetInt32();
            var before = width.GetProperty("before");
            var minuteLater = width.GetProperty("minuteLater");
            var after = width.GetProperty("after");
            Assert.Equal("running", before.GetProperty("state").GetString());
            Assert.False(before.GetProperty("overdue").GetBoolean());
            Assert.Equal("live: 1 h 59 min 59 s left", before.GetProperty("liveEn").GetString());
            Assert.StartsWith("实时：剩余 1 小时 59 分 59 秒", before.GetProperty("live").GetString(), StringComparison.Ordinal);
            Assert.Equal("live: 1 h 58 min 59 s left", minuteLater.GetProperty("liveEn").GetString());
            Assert.Equal("overdue", after.GetProperty("state").GetString());
            Assert.True(after.GetProperty("overdue").GetBoolean());
            Assert.StartsWith("live: overdue by 1 h 0", after.GetProperty("liveEn").GetString(), StringComparison.Ordinal);
            Assert.True(width.GetProperty("errors").GetArrayLength() == 0, $"at {w} px the page logs errors: {width.GetProperty("errors")}");
            Assert.True(width.GetProperty("scrollWidth").GetInt32() <= width.GetProperty("viewport").GetInt32(), $"at {w} px the page with the live clock scrolls sideways");

            var plain = width.GetProperty("noScript");
            Assert.False(plain.GetProperty("liveShown").GetBoolean());
            Assert.True(plain.GetProperty("overdue").GetBoolean());
            Assert.Contains("2025-12-01T22:30:00+08:00", plain.GetProperty("text").GetString(), StringComparison.Ordinal);
            Assert.Contains("截至生成时", plain.GetProperty("text").GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_recognizers_would_find_the_disguised_identifiers_unmasked()
    {
        // The check above can fail: the same text unmasked is found by the scanner.
        Assert.Equal(["cn_id", "email", "mobile"], PrintedIdentifiers.InText("联系手机１３８００１３８０００ 邮箱 seller＠example．com\n样本 ①③⑧⓪⓪①③⑧⓪⓪⓪ 身份证１１０１０５１９４９１２３１００２Ｘ\n"));
    }

    [Fact]
    public async Task Reports_do_not_scroll_sideways_at_390_and_1280_px()
    {
        foreach (var report in reports.All)
        {
            var run = await NodeScript.Run("page-layout.mjs", new Uri(report).AbsoluteUri, "390,1280");
            Assert.True(run.Exit == 0, run.Error);
            using var layout = JsonDocument.Parse(run.Output);
            foreach (var width in layout.RootElement.EnumerateArray())
            {
                var w = width.GetProperty("width").GetInt32();
                var outside = string.Join("; ", width.GetProperty("outside").EnumerateArray().Select(e => e.GetString()));
                Assert.True(width.GetProperty("scrollWidth").GetInt32() <= width.GetProperty("viewport").GetInt32(), $"{Path.GetFileName(report)} at {w} px scrolls sideways ({width.GetProperty("scrollWidth").GetInt32()} px): {outside}");
                Assert.True(outside.Length == 0, $"{Path.GetFileName(report)} at {w} px: {outside}");
                Assert.True(width.GetProperty("errors").GetArrayLength() == 0, $"{Path.GetFileName(report)} at {w} px logs errors: {width.GetProperty("errors")}");
            }
        }
    }

    [Fact]
    public void The_fraud_link_page_says_which_leak_is_connected_and_which_is_not_without_a_script()
    {
        var html = File.ReadAllText(reports.Fraud);
        Assert.Contains("<html lang=\"zh-CN\">", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        var courier = html.IndexOf("<h3>courier-linked", StringComparison.Ordinal);
        var hotel = html.IndexOf("<h3>hotel-unlinked", StringComparison.Ordinal);
        Assert.True(courier >= 0 && hotel > courier, "the linked leak comes first");
        Assert.Contains("Connected: ", html[courier..hotel], StringComparison.Ordinal);
        Assert.Contains("Unconnected: ", html[hotel..], StringComparison.Ordinal);
        Assert.Contains("冒充电商物流客服", html[courier..hotel], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chinese_text_in_every_report_is_drawn_with_a_CJK_font_not_as_empty_boxes()
    {
        // Issue 17 point 13: ./test.sh and the README install fonts-noto-cjk; without it Chromium draws tofu.
        foreach (var report in reports.All)
        {
            var glyphs = await CjkGlyphs(report, new Dictionary<string, string>());
            var chars = glyphs.RootElement.GetProperty("chars").EnumerateArray().ToList();
            Assert.True(chars.Count >= 6, $"{Path.GetFileName(report)}: only {chars.Count} Chinese characters shown");
            var tofu = chars.Where(c => c.GetProperty("tofu").GetBoolean() || !c.GetProperty("ink").GetBoolean()).Select(c => c.GetProperty("ch").GetString()).ToList();
            Assert.True(tofu.Count == 0, $"{Path.GetFileName(report)} draws {string.Join("", tofu)} as empty boxes");
            Assert.Equal(chars.Count, glyphs.RootElement.GetProperty("distinct").GetInt32());
            var fonts = glyphs.RootElement.GetProperty("fonts").EnumerateObject().Select(f => f.Name).ToList();
            Assert.True(fonts.Any(f => f.Contains("CJK", StringComparison.Ordinal)), $"{Path.GetFileName(report)} drawn with {string.Join(", ", fonts)}");
        }
    }

    [Fact]
    public async Task The_glyph_check_sees_empty_boxes_when_only_a_latin_font_is_installed()
    {
        // The check above can fail: with a font configuration that knows DejaVu only, the same page is tofu.
        using var dir = new TempDir("cjk-control");
        Directory.CreateDirectory(dir.Path);
        var config = dir.File("fonts.conf");
        File.WriteAllText(config, $"""
            <?xml version="1.0"?>
            <!DOCTYPE fontconfig SYSTEM "fonts.dtd">
            <fontconfig><dir>/usr/share/fonts/truetype/dejavu</dir><cachedir>{dir.File("cache")}</cachedir></fontconfig>
            """);
        var glyphs = await CjkGlyphs(reports.Scan, new Dictionary<string, string> { ["FONTCONFIG_FILE"] = config });
        var chars = glyphs.RootElement.GetProperty("chars").EnumerateArray().ToList();
        Assert.NotEmpty(chars);
        Assert.All(chars, c => Assert.True(c.GetProperty("tofu").GetBoolean() || !c.GetProperty("ink").GetBoolean(), $"{c.GetProperty("ch").GetString()} drawn without a CJK font"));
    }

    private static async Task<JsonDocument> CjkGlyphs(string report, IReadOnlyDictionary<string, string> environment)
    {
        var run = await NodeScript.RunWith(environment, "cjk-glyphs.mjs", new Uri(report).AbsoluteUri, "12");
        Assert.True(run.Exit == 0, run.Error);
        return JsonDocument.Parse(run.Output);
    }

    [Fact]
    public void The_intel_report_draws_prices_as_small_multiples_with_readable_labels_and_samples_as_bars()
    {
        var html = File.ReadAllText(reports.Intel);
        Assert.Contains("<meta name=\"viewport\"", html, StringComparison.Ordinal);
        Assert.Contains("class=\"multiples\"", html, StringComparison.Ordinal);
        Assert.Contains("<figcaption>快递 courier", html, StringComparison.Ordinal);
        Assert.Contains("实时 real-time", html, StringComparison.Ordinal);
        Assert.DoesNotContain("property_owner / -", html, StringComparison.Ordinal);
        Assert.DoesNotContain(">courier / ", html, StringComparison.Ordinal);
        Assert.Contains("aria-label=\"samples by month\"", html, StringComparison.Ordinal);
        Assert.True(html.Split("<figure>").Length - 1 >= 3, "one chart per category");
    }

    [Fact]
    public void The_guard_report_draws_each_alert_against_its_peers_in_inline_svg_with_account_names_masked_unless_revealed()
    {
        var html = File.ReadAllText(reports.Guard);
        var sections = html.Split("<section class=\"alert\"").Length - 1;
        Assert.True(sections >= 5, $"{sections} alerts drawn");
        Assert.True(html.Split("aria-label=\"accesses per day\"").Length - 1 == sections, "one volume chart per alert");
        Assert.Contains("aria-label=\"percent of customers outside the outlet per day\"", html, StringComparison.Ordinal);
        Assert.Contains("peers (same kind, same outlet)", html, StringComparison.Ordinal);
        Assert.Contains("new device</title>", html, StringComparison.Ordinal);
        Assert.Contains("<span class=\"kind\">canary</span>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("src=\"http", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("href=\"http", html, StringComparison.OrdinalIgnoreCase);

        // Account names: masked with a keyed tag, in full with --reveal; the same alerts either way, and accounts
        // that are different in full are different masked (em*****04 alone would not tell emp-05-04 from emp-08-04).
        Assert.Matches(@"<h3>em\*+\d\d#[0-9a-f]{4,} <span class=""kind"">", html);
        Assert.DoesNotMatch(@"<h3>emp-\d\d-\d\d <span", html);
        var revealed = File.ReadAllText(reports.GuardRevealed);
        Assert.Matches(@"<h3>emp-\d\d-\d\d <span class=""kind"">", revealed);
        Assert.Equal(sections, revealed.Split("<section class=\"alert\"").Length - 1);
        static List<string> Accounts(string page) => [.. System.Text.RegularExpressions.Regex.Matches(page, "<h3>(.+?) <span class=\"kind\">").Select(m => m.Groups[1].Value)];
        var pairs = Accounts(html).Zip(Accounts(revealed)).ToList();
        Assert.Equal(sections, pairs.Count);
        Assert.Equal(pairs.Select(p => p.Second).Distinct().Count(), pairs.Select(p => p.First).Distinct().Count());
        Assert.Equal(pairs.Select(p => p.Second).Distinct().Count(), pairs.Distinct().Count());
    }
}
