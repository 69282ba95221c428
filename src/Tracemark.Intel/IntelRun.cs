using System.Collections.Concurrent;
using Tracemark.Identifiers;
using Tracemark.Intel.Actors;
using Tracemark.Intel.Analysis;
using Tracemark.Intel.Posts;
using Tracemark.Store;
using Tracemark.Store.Tags;

namespace Tracemark.Intel;

/// <summary>What to read and how.</summary>
public sealed record IntelOptions
{
    public required IReadOnlyList<string> Paths { get; init; }

    public PostFormat Format { get; init; } = PostFormat.Auto;

    /// <summary>When given, sample identifiers are looked up in its complete datasets (by keyed tag).</summary>
    public KnownLeakStore? Store { get; init; }

    /// <summary>Called as batches of posts are read (posts so far, bytes of the current file).</summary>
    public Action<long>? Progress { get; init; }
}

/// <summary>One post as <c>tracemark intel --json</c> writes it (docs/intel.md has the schema).</summary>
public sealed record IntelPost
{
    public required string Source { get; init; }

    public required long Post { get; init; }

    public DateTimeOffset? Time { get; init; }

    public required string Author { get; init; }

    public required string Account { get; init; }

    public string? Channel { get; init; }

    public required string Type { get; init; }

    public required string Goods { get; init; }

    public IReadOnlyList<string> Categories { get; init; } = [];

    public string? Freshness { get; init; }

    public bool? FirstHand { get; init; }

    public IReadOnlyList<string> Fields { get; init; } = [];

    public long? Quantity { get; init; }

    public double? UnitPriceYuan { get; init; }

    public string? TestPolicy { get; init; }

    public IReadOnlyList<PostHandle> Handles { get; init; } = [];

    public int SampleIdentifiers { get; init; }

    /// <summary>How many of the sample identifiers are in a known leak (null: no store to ask).</summary>
    public int? SamplesKnown { get; init; }

    public string Actor { get; internal set; } = string.Empty;

    public double Confidence { get; init; }

    public IReadOnlyList<string> Reasons { get; init; } = [];

    /// <summary>The text with identifiers masked: kept for the first posts of each account only (reports).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    internal string? Example { get; init; }

    [System.Text.Json.Serialization.JsonIgnore]
    internal List<(IdentifierKind Kind, string Value)> SampleValues { get; init; } = [];
}

/// <summary>An actor: the accounts linked into it and what they offered.</summary>
public sealed record ActorSummary
{
    public required string Id { get; init; }

    public required IReadOnlyList<string> Accounts { get; init; }

    public required IReadOnlyList<string> Names { get; init; }

    public required IReadOnlyList<PostHandle> Handles { get; init; }

    public DateTimeOffset? FirstSeen { get; init; }

    public DateTimeOffset? LastSeen { get; init; }

    public int Posts { get; init; }

    public int Offers { get; init; }

    public int Requests { get; init; }

    public int Services { get; init; }

    public required IReadOnlyDictionary<string, int> Goods { get; init; }

    public required IReadOnlyDictionary<string, int> Categories { get; init; }

    /// <summary>Records (or accounts, cards, kits) offered, summed over offers that name a quantity.</summary>
    public long Volume { get; init; }

    public double? PriceMin { get; init; }

    public double? PriceMax { get; init; }

    public required IReadOnlyList<ActorLink> Links { get; init; }

    public required IReadOnlyList<string> Examples { get; init; }
}

/// <summary>One cell of the market view: offers of one goods/category/freshness in one month.</summary>
public sealed record MarketRow(string Month, string Goods, string Category, string Freshness, int Offers, int Priced, double? MedianPrice, double? MinPrice, double? MaxPrice, long Volume);

/// <summary>Sample identifiers per month: seen for the first time, seen in an earlier post, or in a known leak.</summary>
public sealed record SampleRow(string Month, int New, int Recycled, int Known);

/// <summary>Everything one run found.</summary>
public sealed record IntelResult(
    IReadOnlyList<IntelPost> Posts,
    IReadOnlyList<ActorSummary> Actors,
    IReadOnlyList<ActorLink> Links,
    IReadOnlyList<string> Hubs,
    IReadOnlyList<MarketRow> Market,
    IReadOnlyList<SampleRow> Samples,
    IReadOnlyList<IntelProblem> Problems,
    IReadOnlyDictionary<string, PostFormat> Formats);

/// <summary>
/// Reads every input on one thread and analyses posts on all cores (batches, results kept in input order), then
/// links accounts into actors and builds the market view. Post texts are dropped once analysed; a masked example
/// is kept for the first three posts of each account.
/// </summary>
public static class IntelRun
{
    /// <summary>A handle or sample identifier seen with more accounts than this links nobody (escrows, admins, famous leaks).</summary>
    public const int HubLimit = ActorLinker.HubLimit;

    private const int Batch = 1024;
    private const int ExamplesPerAccount = 3;

    public static IntelResult Run(IntelOptions options, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new ConcurrentQueue<IntelProblem>();
        var formats = new ConcurrentDictionary<string, PostFormat>();
        using var queue = new BlockingCollection<Post[]>(4);
        var reader = Task.Run(
            () =>
            {
                var batch = new List<Post>(Batch);
                try
                {
                    foreach (var path in options.Paths)
                    {
                        try
                        {
                            formats[path] = PostSource.Read(path, options.Format, post =>
                            {
                                batch.Add(post);
                                if (batch.Count == Batch)
                                {
                                    queue.Add([.. batch], cancellation);
                                    batch.Clear();
                                }
                            }, problems.Enqueue);
                        }
                        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Text.DecoderFallbackException)
                        {
                            problems.Enqueue(new IntelProblem(path, "file", e.Message));
                        }
                    }

                    if (batch.Count > 0)
                    {
                        queue.Add([.. batch], cancellation);
                    }
                }
                finally
                {
                    queue.CompleteAdding();
                }
            },
            cancellation);

        using var analyzers = new ThreadLocal<PostAnalyzer>(() => new PostAnalyzer());
        var posts = new List<IntelPost>();
        var signatures = new List<uint[]?>();
        var examples = new Dictionary<string, int>(StringComparer.Ordinal);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellation };
        foreach (var batch in queue.GetConsumingEnumerable(cancellation))
        {
            var analysed = new (PostAnalysis Analysis, uint[]? Signature)[batch.Length];
            Parallel.For(0, batch.Length, parallel, i =>
            {
                var analysis = analyzers.Value!.Analyze(batch[i]);
                analysed[i] = (analysis, analysis.Signature);
            });
            foreach (var (a, signature) in analysed)
            {
                var shown = examples.GetValueOrDefault(a.Post.Account);
                examples[a.Post.Account] = shown + 1;
                posts.Add(ToPost(a, shown < ExamplesPerAccount ? a.Masked : null));
                signatures.Add(signature);
            }

            options.Progress?.Invoke(posts.Count);
        }

        reader.GetAwaiter().GetResult();
        var known = KnownSamples(options.Store, posts);
        if (known is not null)
        {
            for (var i = 0; i < posts.Count; i++)
            {
                var p = posts[i];
                posts[i] = p with { SamplesKnown = p.SampleValues.Count(v => known.Contains(v)) };
            }
        }

        var (actors, links, hubs) = LinkActors(posts, signatures, known);
        return new IntelResult(posts, actors, links, hubs, Market.Build(posts), Market.SampleRows(posts, known), [.. problems], formats);
    }

    private static IntelPost ToPost(PostAnalysis a, string? example) => new()
    {
        Source = a.Post.Source,
        Post = a.Post.Number,
        Time = a.Post.Time,
        Author = a.Post.Author,
        Account = a.Post.Account,
        Channel = a.Post.Channel,
        Type = a.Type,
        Goods = a.Goods,
        Categories = a.Categories,
        Freshness = a.Freshness,
        FirstHand = a.FirstHand,
        Fields = a.Fields,
        Quantity = a.Quantity,
        UnitPriceYuan = a.UnitPrice,
        TestPolicy = a.TestPolicy,
        Handles = a.Handles,
        SampleIdentifiers = a.Samples.Count,
        Confidence = a.Confidence,
        Reasons = a.Reasons,
        Example = example,
        SampleValues = a.Samples,
    };

    private static HashSet<(IdentifierKind, string)>? KnownSamples(KnownLeakStore? store, List<IntelPost> posts)
    {
        if (store is null)
        {
            return null;
        }

        using var tagger = new Tagger(store.Key);
        var byTag = new Dictionary<Tag, (IdentifierKind, string)>();
        foreach (var value in posts.SelectMany(p => p.SampleValues).Distinct())
        {
            byTag[tagger.Make(value.Kind, value.Value)] = value;
        }

        var hits = store.KnownTags(byTag.Keys);
        return [.. hits.Select(t => byTag[t])];
    }

    private static (List<ActorSummary>, List<ActorLink>, List<string>) LinkActors(List<IntelPost> posts, List<uint[]?> signatures, HashSet<(IdentifierKind, string)>? known)
    {
        var linker = new ActorLinker();
        var accountOf = new int[posts.Count];
        for (var i = 0; i < posts.Count; i++)
        {
            var p = posts[i];
            accountOf[i] = linker.Account(p.Account);
            // Near-duplicate text links traders only: chat and spam templates are alike across strangers.
            // Identifiers from a known leak link nobody: every reseller of that leak can show them.
            var samples = p.SampleValues.Where(v => known?.Contains(v) != true).Select(v => $"{v.Kind}:{v.Value}");
            linker.Add(accountOf[i], p.Handles, samples, p.Goods == "other" ? null : signatures[i]);
        }

        var (root, links, hubs) = linker.Link();

        // Actor ids in order of first appearance, so reruns on the same input name actors the same.
        var ids = new Dictionary<int, string>();
        for (var i = 0; i < posts.Count; i++)
        {
            var r = root[accountOf[i]];
            if (!ids.TryGetValue(r, out var id))
            {
                id = $"A{ids.Count + 1}";
                ids[r] = id;
            }

            posts[i].Actor = id;
        }

        var byActor = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < posts.Count; i++)
        {
            if (!byActor.TryGetValue(posts[i].Actor, out var list))
            {
                byActor[posts[i].Actor] = list = [];
            }

            list.Add(i);
        }

        var accountActor = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < posts.Count; i++)
        {
            accountActor[posts[i].Account] = posts[i].Actor;
        }

        var linksByActor = links.GroupBy(l => accountActor.GetValueOrDefault(l.From, string.Empty)).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var summaries = new List<ActorSummary>(byActor.Count);
        foreach (var (id, members) in byActor)
        {
            var mine = members.Select(i => posts[i]).ToList();
            var offers = mine.Where(p => p.Type == "offer").ToList();
            var prices = mine.Where(p => p.Goods == "personal_data" && p.UnitPriceYuan is not null).Select(p => p.UnitPriceYuan!.Value).ToList();
            var times = mine.Where(p => p.Time is not null).Select(p => p.Time!.Value).ToList();
            summaries.Add(new ActorSummary
            {
                Id = id,
                Accounts = [.. mine.Select(p => p.Account).Distinct(StringComparer.Ordinal)],
                Names = [.. mine.Select(p => p.Author).Where(a => a.Length > 0).Distinct(StringComparer.Ordinal)],
                Handles = [.. mine.SelectMany(p => p.Handles).Where(h => !h.Escrow).Distinct()],
                FirstSeen = times.Count > 0 ? times.Min() : null,
                LastSeen = times.Count > 0 ? times.Max() : null,
                Posts = mine.Count,
                Offers = offers.Count,
                Requests = mine.Count(p => p.Type == "request"),
                Services = mine.Count(p => p.Type == "service"),
                Goods = mine.Where(p => p.Goods != "other").GroupBy(p => p.Goods).ToDictionary(g => g.Key, g => g.Count()),
                Categories = mine.SelectMany(p => p.Categories).GroupBy(c => c).ToDictionary(g => g.Key, g => g.Count()),
                Volume = offers.Sum(p => p.Quantity ?? 0),
                PriceMin = prices.Count > 0 ? prices.Min() : null,
                PriceMax = prices.Count > 0 ? prices.Max() : null,
                Links = linksByActor.GetValueOrDefault(id) ?? [],
                Examples = [.. mine.Where(p => p.Example is not null).Select(p => p.Example!).Take(3)],
            });
        }

        return (summaries, links, hubs);
    }
}
