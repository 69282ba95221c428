using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml;
using Tracemark.Evaluation;
using Tracemark.Intel.Output;
using Tracemark.Reports;
using Tracemark.Synthetic.Posts;
using Tracemark.Tests;

namespace Tracemark.Intel.Tests;

/// <summary>A labelled synthetic corpus, written once and read by `intel` once, for the end-to-end tests.</summary>
public sealed class IntelCorpus : IDisposable
{
    private readonly TempDir _dir = new("intel-corpus");

    public IntelCorpus()
    {
        var truth = new List<PostTruth>();
        Manifest = PostFiles.Write(_dir.Path, new PostOptions { Posts = 3_000, Seed = 11 }, (labels, _) => truth.Add(labels));
        Truth = truth;
        Result = IntelRun.Run(new IntelOptions { Paths = [.. Manifest.Files.Select(f => System.IO.Path.Combine(_dir.Path, f))] });
    }

    public string Path => _dir.Path;

    public PostManifest Manifest { get; }

    /// <summary>The labels of every post, as the writer gave them (the truth.jsonl contract is the CLI's).</summary>
    public IReadOnlyList<PostTruth> Truth { get; }

    public IntelResult Result { get; }

    public void Dispose()
    {
        Result.Dispose();
        _dir.Dispose();
    }
}

public sealed partial class CorpusTests(IntelCorpus corpus) : IClassFixture<IntelCorpus>
{
    [Fact]
    public void The_corpus_truth_is_consistent_with_its_text()
    {
        var truth = corpus.Truth;
        Assert.Equal(corpus.Manifest.Posts, truth.Count);
        Assert.Equal(truth.Count, truth.Select(t => (t.Source, t.Post)).Distinct().Count());
        Assert.Equal(4, truth.Select(t => t.Source).Distinct().Count());
        Assert.Contains(truth, t => t.Negative == "drug");
        Assert.Contains(truth, t => t.Negative == "traffic");
        Assert.Contains(truth, t => t.Handles.Any(h => h.Kind == "usdt"));
        Assert.Contains(truth, t => t.SampleIdentifiers > 0);
        Assert.All(truth.Where(t => t.Negative is not null), t => Assert.Equal(("other", "other"), (t.Type, t.Goods)));
    }

    [Fact]
    public void Every_labelled_post_is_read_once_from_the_four_formats()
    {
        Assert.Empty(corpus.Result.Problems);
        Assert.Equal(corpus.Manifest.Posts, corpus.Result.PostCount);
        Assert.Equal(corpus.Manifest.Posts, corpus.Result.Posts.Count());
        Assert.Equal(corpus.Result.Posts.Select(p => (p.Source, p.Post)), corpus.Result.Posts.Select(p => (p.Source, p.Post)).Distinct());
        Assert.Equal(4, corpus.Result.Formats.Values.Distinct().Count());
    }

    [Fact]
    public void The_evaluation_meets_every_target()
    {
        var report = IntelEvaluation.Score(corpus.Path, corpus.Truth, corpus.Result);
        Assert.Equal(report.Posts, report.Matched);
        Assert.All(report.Scores, s => Assert.True(s.Met, $"{s.Name}: {s.Value} (target {s.Target}); {string.Join("; ", report.Misses.Take(5))}"));
    }

    [Fact]
    public void Json_lines_have_the_documented_fields_and_mask_personal_handles()
    {
        using var writer = new StringWriter();
        Tracemark.Reports.IntelPostReport.WriteLines(writer, corpus.Result.Posts, reveal: false);
        var lines = writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(corpus.Result.PostCount, lines.Length);
        string[] fields = ["source", "post", "time", "author", "account", "channel", "chat_id", "message_id", "type", "goods", "categories", "freshness", "first_hand", "fields", "quantity", "unit_price_yuan", "test_policy", "handles", "sample_identifiers", "samples_known", "actor", "confidence", "reasons"];
        using (var first = JsonDocument.Parse(lines[0]))
        {
            Assert.Equal(fields, first.RootElement.EnumerateObject().Select(p => p.Name));
        }

        var mobile = corpus.Result.Posts.SelectMany(p => p.Handles).First(h => h.Kind == "mobile").Value;
        Assert.DoesNotContain(mobile, writer.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_stix_bundle_is_well_formed_and_stable()
    {
        var now = new DateTimeOffset(2026, 11, 22, 0, 0, 0, TimeSpan.Zero);
        var bundle = StixBundle.Build(corpus.Result, reveal: true, now);
        Assert.Equal("bundle", (string)bundle["type"]!);
        var objects = bundle["objects"]!.AsArray().Select(o => o!.AsObject()).ToList();
        var ids = objects.Select(o => (string)o["id"]!).ToHashSet();
        Assert.Equal(objects.Count, ids.Count);
        Assert.All(objects, o =>
        {
            Assert.Matches(StixId(), (string)o["id"]!);
            Assert.StartsWith((string)o["type"]! + "--", (string)o["id"]!, StringComparison.Ordinal);
            Assert.Equal("2.1", (string)o["spec_version"]!);
        });
        Assert.Contains(objects, o => (string)o["type"]! == "identity");
        var actors = objects.Where(o => (string)o["type"]! == "threat-actor").ToList();
        Assert.Equal(corpus.Result.Actors.Count(a => a.Offers + a.Requests + a.Services > 0), actors.Count);
        foreach (var r in objects.Where(o => (string)o["type"]! == "relationship"))
        {
            Assert.Contains((string)r["source_ref"]!, ids);
            Assert.Contains((string)r["target_ref"]!, ids);
        }

        Assert.All(objects.Where(o => (string)o["type"]! == "indicator"), i => Assert.Matches(@"^\[[a-z-]+:[a-z_]+ = '.+'( AND [a-z-]+:[a-z_]+ = '.+')?\]$", (string)i["pattern"]!));
        Assert.Equal(bundle.ToJsonString(), StixBundle.Build(corpus.Result, reveal: true, now).ToJsonString());
        var indicators = objects.Where(o => (string)o["type"]! == "indicator").Select(o => (string)o["id"]!).ToHashSet();
        Assert.Equal(indicators, objects.Where(o => (string)o["type"]! == "relationship" && (string)o["relationship_type"]! == "indicates").Select(o => (string)o["source_ref"]!).ToHashSet());
        var masked = StixBundle.Build(corpus.Result, reveal: false, now).ToJsonString();
        Assert.DoesNotContain("\"account_type\": \"phone\"", masked, StringComparison.Ordinal);
        Assert.DoesNotContain("\"email-addr\"", masked, StringComparison.Ordinal);
    }

    [Fact]
    public void The_graph_is_valid_graphml_and_json_with_escrows_marked()
    {
        using var dir = new TempDir("intel-graph");
        Directory.CreateDirectory(dir.Path);
        ActorGraph.WriteGraphMl(dir.File("g.graphml"), corpus.Result, reveal: false);
        File.WriteAllText(dir.File("g.json"), ReportJson.Serialize(ActorGraphReport.From(corpus.Result, reveal: false)));
        var xml = new XmlDocument();
        xml.Load(dir.File("g.graphml"));
        var ns = new XmlNamespaceManager(xml.NameTable);
        ns.AddNamespace("g", "http://graphml.graphdrawing.org/xmlns");
        var nodes = xml.SelectNodes("//g:node", ns)!.Cast<XmlElement>().Select(n => n.GetAttribute("id")).ToHashSet();
        Assert.All(xml.SelectNodes("//g:edge", ns)!.Cast<XmlElement>(), e =>
        {
            Assert.Contains(e.GetAttribute("source"), nodes);
            Assert.Contains(e.GetAttribute("target"), nodes);
        });
        using var json = JsonDocument.Parse(File.ReadAllText(dir.File("g.json")));
        Assert.Contains(json.RootElement.GetProperty("nodes").EnumerateArray(), n => n.GetProperty("kind").GetString() == "escrow");
        Assert.Equal(nodes.Count, json.RootElement.GetProperty("nodes").GetArrayLength());
    }

    [Fact]
    public void A_masked_graph_names_no_mobile_or_email_handle_in_clear_not_even_in_node_ids()
    {
        // The node id once carried the handle's value while its label was masked: a masked graph leaked the numbers.
        var personal = corpus.Result.Posts.SelectMany(p => p.Handles).Where(h => h.Kind is "mobile" or "email").Select(h => h.Value).Distinct().ToList();
        Assert.NotEmpty(personal);
        using var dir = new TempDir("intel-graph-masked");
        Directory.CreateDirectory(dir.Path);
        ActorGraph.WriteGraphMl(dir.File("g.graphml"), corpus.Result, reveal: false);
        var masked = ReportJson.Serialize(ActorGraphReport.From(corpus.Result, reveal: false)) + File.ReadAllText(dir.File("g.graphml"));
        Assert.All(personal, value => Assert.DoesNotContain(value, masked, StringComparison.Ordinal));
        var revealed = ReportJson.Serialize(ActorGraphReport.From(corpus.Result, reveal: true));
        Assert.All(personal, value => Assert.Contains(value, revealed, StringComparison.Ordinal));

        // Masking renames nodes, it does not merge or split them: the same number of nodes and edges either way.
        var a = ActorGraph.Build(corpus.Result, reveal: false);
        var b = ActorGraph.Build(corpus.Result, reveal: true);
        Assert.Equal(b.Nodes.Count, a.Nodes.Count);
        Assert.Equal(b.Edges.Count, a.Edges.Count);
        Assert.Equal(a.Nodes.Count, a.Nodes.Select(n => n.Id).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void The_report_is_one_offline_file_with_the_graph_prices_and_no_identifiers()
    {
        using var dir = new TempDir("intel-report");
        Directory.CreateDirectory(dir.Path);
        var path = dir.File("r.html");
        IntelReport.Write(path, corpus.Result, reveal: false);
        var html = File.ReadAllText(path);
        Assert.Contains("<svg", html, StringComparison.Ordinal);
        Assert.Contains("polyline", html, StringComparison.Ordinal);
        Assert.Contains("Top actors", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("http://", html.Replace("http://www.w3.org/2000/svg", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        // Example posts are shown, with their sample identifiers masked: no mobile or ID number appears whole.
        Assert.Contains("class=\"post\"", html, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"(?<!\d)1[3-9]\d{9}(?!\d)", html);
        Assert.DoesNotMatch(@"(?<!\d)\d{17}[\dX](?!\d)", html);
    }

    [Fact]
    public void The_market_view_has_freshness_grades_priced_in_their_ranges()
    {
        var rows = corpus.Result.Market.Where(r => r.Goods == "personal_data" && r.MedianPrice is not null).ToList();
        Assert.All(rows.Where(r => r.Freshness == "real-time"), r => Assert.InRange(r.MedianPrice!.Value, 0.5, 2));
        Assert.All(rows.Where(r => r.Freshness == "historical"), r => Assert.InRange(r.MedianPrice!.Value, 0.0005, 0.01));
        Assert.NotEmpty(corpus.Result.Samples);
        Assert.True(corpus.Result.Samples.Sum(s => s.Recycled) > 0);
    }

    [GeneratedRegex("^[a-z0-9-]+--[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")]
    private static partial Regex StixId();
}
