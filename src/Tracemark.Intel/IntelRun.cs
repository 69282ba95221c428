using System.Collections.Concurrent;
using Tracemark.Identifiers;
using Tracemark.Intel.Actors;
using Tracemark.Intel.Analysis;
using Tracemark.Intel.Posts;
using Tracemark.Scanning.Redaction;
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

    /// <summary>Standard input, read for the path "-" (default: the process's).</summary>
    public Func<Stream>? Stdin { get; init; }

    /// <summary>Told what was passed over and why (files in a folder that are not posts).</summary>
    public Action<string>? Note { get; init; }

    /// <summary>Lexicon words to withdraw (cross-validation on a labelled set: see LabelledEvaluation.CrossValidate).</summary>
    internal IReadOnlySet<string>? WithoutTerms { get; init; }

    /// <summary>
    /// Each post an account of its own, whatever its author: in a labelled set the authors and channels are synthetic
    /// placeholders (see LabelledEvaluation), so only what the posts say — contacts, reposted text, samples — may link them.
    /// </summary>
    internal bool AccountPerPost { get; init; }

    /// <summary>The trained goods model weighed with the rules (null: the rules alone; the trainer's cross-validation compares both).</summary>
    internal GoodsModel? Model { get; init; } = GoodsModel.Shipped;

    /// <summary>How much the rules' verdict counts against the model's (PostAnalyzer.DefaultRuleTrust).</summary>
    internal double RuleTrust { get; init; } = PostAnalyzer.DefaultRuleTrust;
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

    /// <summary>The chat's id in a Telegram export of several chats (with <see cref="MessageId"/> it names the message
    /// in Telegram's terms; <see cref="Post"/> stays unique within the file).</summary>
    public string? ChatId { get; init; }

    /// <summary>The message's id in a Telegram export.</summary>
    public long? MessageId { get; init; }

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

    /// <summary>For an account offer whose samples (account----password lines, sample accounts) match the store: the
    /// credential dumps and leaks they are in; absent otherwise (issue 22).</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<DumpMatch>? CredentialDumps { get; init; }

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

/// <summary>
/// One week of the market (weeks start on Monday, in the time zone the post was written in; <c>Week</c> is that
/// Monday, <c>IsoWeek</c> its ISO 8601 name): trade posts, distinct actors among their authors, and the offers'
/// shares that say "first hand" (一手/源头) and that allow a test (可测/先测后买).
/// </summary>
public sealed record MarketWeek(string Week, string IsoWeek, int Offers, int Requests, int Services, int Actors, int FirstHand, int Tested, double? FirstHandShare, double? TestedShare);

/// <summary>
/// One series point: offers (and lookup services) of one goods/category/freshness in one week with their unit-price
/// quartiles (linear interpolation between order statistics; null when no offer that week named a price — a gap,
/// not a zero).
/// </summary>
public sealed record MarketWeekRow(string Week, string Goods, string Category, string Freshness, int Offers, int Priced, double? LowerQuartile, double? MedianPrice, double? UpperQuartile, double? FirstHandShare, double? TestedShare, long Volume);

/// <summary>Sample identifiers per month: seen for the first time, seen in an earlier post, or in a known leak.</summary>
public sealed record SampleRow(string Month, int New, int Recycled, int Known);

/// <summary>
/// Everything one run found. <see cref="Posts"/> streams the analysed posts back from a temporary file (in input
/// order, each with its actor) as often as asked; dispose the result to delete that file.
/// </summary>
public sealed class IntelResult : IDisposable
{
    private readonly PostSpool _spool;
    private readonly Func<int, string> _accountName;
    private readonly Func<int, string> _actorOf;

    internal IntelResult(PostSpool spool, Func<int, string> accountName, Func<int, string> actorOf)
    {
        _spool = spool;
        _accountName = accountName;
        _actorOf = actorOf;
    }

    /// <summary>Every post, in input order.</summary>
    public IEnumerable<IntelPost> Posts => _spool.Read(_accountName, _actorOf);

    public long PostCount => _spool.Count;

    /// <summary>Posts about the trade (goods other than "other").</summary>
    public long TradePosts { get; internal init; }

    public required IReadOnlyList<ActorSummary> Actors { get; init; }

    public required IReadOnlyList<ActorLink> Links { get; init; }

    /// <summary>Handles seen with more accounts than <see cref="IntelRun.HubLimit"/>: not used to link.</summary>
    public required IReadOnlyList<string> Hubs { get; init; }

    public required IReadOnlyList<MarketRow> Market { get; init; }

    /// <summary>Every week from the first dated trade post to the last, empty weeks included (with zero posts and null shares).</summary>
    public IReadOnlyList<MarketWeek> Weeks { get; init; } = [];

    /// <summary>The weekly series by goods, category and freshness; only weeks with offers of that kind.</summary>
    public IReadOnlyList<MarketWeekRow> Weekly { get; init; } = [];

    public required IReadOnlyList<SampleRow> Samples { get; init; }

    public required IReadOnlyList<IntelProblem> Problems { get; init; }

    public required IReadOnlyDictionary<string, PostFormat> Formats { get; init; }

    public void Dispose() => _spool.Dispose();
}

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
    private const int MaxExamples = 50_000;

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
                    foreach (var input in PostSource.Expand(options.Paths, options.Stdin ?? Console.OpenStandardInput, problems.Enqueue))
                    {
                        var path = input.Name;
                        long read = 0;
                        try
                        {
                            if (input.Walked && PostSource.NotPosts(input) is { } why)
                            {
                                options.Note?.Invoke($"{path}: skipped, {why}");
                                continue;
                            }

                            formats[path] = PostSource.Read(input, options.Format, post =>
                            {
                                read++;
                                batch.Add(options.AccountPerPost ? post with { Account = $"post:{post.Source}#{post.Number}" } : post);
                                if (batch.Count == Batch)
                                {
                                    queue.Add([.. batch], cancellation);
                                    batch.Clear();
                                }
                            }, problems.Enqueue);
                        }
                        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException or System.Text.DecoderFallbackException)
                        {
                            problems.Enqueue(new IntelProblem(path, "file", e.Message));
                            continue;
                        }

                        // An input that yields nothing is an error, never a silent zero (a friend export without numbers,
                        // an empty file, the wrong --format).
                        if (read == 0)
                        {
                            problems.Enqueue(new IntelProblem(path, "file", $"no posts read (as {formats.GetValueOrDefault(path)}): is it a chat export, JSON Lines or text with one post per line?"));
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

        using var analyzers = new ThreadLocal<PostAnalyzer>(() => new PostAnalyzer(options.WithoutTerms, options.Model, options.RuleTrust));
        var spool = new PostSpool();
        try
        {
            var collector = new Collector(options.Store, spool);
            var parallel = new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellation };
            foreach (var batch in queue.GetConsumingEnumerable(cancellation))
            {
                var analysed = new PostAnalysis[batch.Length];
                Parallel.For(0, batch.Length, parallel, i => analysed[i] = analyzers.Value!.Analyze(batch[i]));
                collector.Add(analysed);
                options.Progress?.Invoke(spool.Count);
            }

            reader.GetAwaiter().GetResult();
            return collector.Finish([.. problems], formats);
        }
        catch
        {
            spool.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Takes analysed batches in input order: checks their samples against the store, feeds the linker, the
    /// per-account tallies and the market view, and spools the posts. Holds state per account, handle and sample
    /// identifier — not per post.
    /// </summary>
    private sealed class Collector(KnownLeakStore? store, PostSpool spool)
    {
        private readonly ActorLinker _linker = new();
        private readonly List<AccountTally> _accounts = [];
        private readonly Market.Builder _market = new();
        private readonly Tagger? _tagger = store is null ? null : store.CreateTagger();
        private AccountOfferLinks? _offers;
        private readonly TextMasker _masker = new();
        private long _trade;
        private long _examples;

        public void Add(PostAnalysis[] batch)
        {
            var known = Known(batch);
            foreach (var a in batch)
            {
                var account = _linker.Account(a.Post.Account);
                if (account == _accounts.Count)
                {
                    _accounts.Add(new AccountTally());
                }

                var knownCount = known is null ? (int?)null : a.Samples.Count(known.Contains);

                // Identifiers from a known leak link nobody: every reseller of that leak can show them. Near-duplicate
                // text links traders only (chat and spam templates are alike across strangers), other posts only beside a
                // renumbered contact (the analyzer marks their signature short).
                var linking = a.Samples.Where(v => known?.Contains(v) != true).Select(v => $"{v.Kind}:{v.Value}");
                _linker.Add(account, a.Handles, linking, a.Signature, a.ShortSignature);
                var post = ToPost(a, knownCount);
                if (a.Goods == "accounts" && store is not null && _tagger is not null)
                {
                    post = post with { CredentialDumps = (_offers ??= new AccountOfferLinks(store, _tagger)).Match(a.Post.Text) };
                }

                _accounts[account].Add(post, a, ref _examples, _masker);
                _market.Add(post, account, a.Samples, known);
                _trade += a.Goods == "other" ? 0 : 1;
                spool.Add(post, account);
            }
        }

        private HashSet<(IdentifierKind, string)>? Known(PostAnalysis[] batch)
        {
            if (store is null || _tagger is null)
            {
                return null;
            }

            var byTag = new Dictionary<Tag, (IdentifierKind, string)>();
            foreach (var a in batch)
            {
                foreach (var value in a.Samples)
                {
                    byTag[_tagger.Make(value.Kind, value.Value)] = value;
                }
            }

            return byTag.Count == 0 ? [] : [.. store.KnownTags(byTag.Keys).Select(t => byTag[t])];
        }

        public IntelResult Finish(IReadOnlyList<IntelProblem> problems, IReadOnlyDictionary<string, PostFormat> formats)
        {
            _tagger?.Dispose();
            var (root, links, hubs) = _linker.Link();

            // Actor ids in order of first appearance (accounts are numbered so), so reruns name actors the same.
            var ids = new Dictionary<int, string>();
            var actorOf = new string[root.Length];
            for (var account = 0; account < root.Length; account++)
            {
                if (!ids.TryGetValue(root[account], out var id))
                {
                    id = $"A{ids.Count + 1}";
                    ids[root[account]] = id;
                }

                actorOf[account] = id;
            }

            var accountActor = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var account = 0; account < root.Length; account++)
            {
                accountActor[_linker.AccountName(account)] = actorOf[account];
            }

            var linksByActor = links.GroupBy(l => accountActor.GetValueOrDefault(l.From, string.Empty)).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
            var summaries = new List<ActorSummary>(ids.Count);
            foreach (var members in Enumerable.Range(0, root.Length).GroupBy(a => actorOf[a]))
            {
                var id = members.Key;
                var tallies = members.Select(a => (Account: _linker.AccountName(a), Tally: _accounts[a])).ToList();
                var all = tallies.Select(t => t.Tally).ToList();
                var first = all.Where(t => t.First is not null).Select(t => t.First!.Value).DefaultIfEmpty().Min();
                var last = all.Where(t => t.Last is not null).Select(t => t.Last!.Value).DefaultIfEmpty().Max();
                var prices = all.Where(t => t.PriceMin is not null).ToList();
                summaries.Add(new ActorSummary
                {
                    Id = id,
                    Accounts = [.. tallies.Select(t => t.Account)],
                    Names = [.. all.SelectMany(t => t.Names).Distinct(StringComparer.Ordinal)],
                    Handles = [.. all.SelectMany(t => t.Handles).Distinct()],
                    FirstSeen = all.Any(t => t.First is not null) ? first : null,
                    LastSeen = all.Any(t => t.Last is not null) ? last : null,
                    Posts = all.Sum(t => t.Posts),
                    Offers = all.Sum(t => t.Offers),
                    Requests = all.Sum(t => t.Requests),
                    Services = all.Sum(t => t.Services),
                    Goods = all.SelectMany(t => t.Goods).GroupBy(g => g.Key).ToDictionary(g => g.Key, g => g.Sum(x => x.Value)),
                    Categories = all.SelectMany(t => t.Categories).GroupBy(g => g.Key).ToDictionary(g => g.Key, g => g.Sum(x => x.Value)),
                    Volume = all.Sum(t => t.Volume),
                    PriceMin = prices.Count > 0 ? prices.Min(t => t.PriceMin!.Value) : null,
                    PriceMax = prices.Count > 0 ? prices.Max(t => t.PriceMax!.Value) : null,
                    Links = linksByActor.GetValueOrDefault(id) ?? [],
                    Examples = [.. all.SelectMany(t => t.Examples).Take(ExamplesPerAccount)],
                });
            }

            return new IntelResult(spool, _linker.AccountName, account => actorOf[account])
            {
                TradePosts = _trade,
                Actors = summaries,
                Links = links,
                Hubs = hubs,
                Market = _market.Rows(),
                Weeks = _market.Weeks(account => actorOf[account]),
                Weekly = _market.WeekRows(),
                Samples = _market.SampleRows(),
                Problems = problems,
                Formats = formats,
            };
        }
    }

    /// <summary>What one account posted, summed as it goes. Collections are made on first use: with plain text,
    /// every post is an account.</summary>
    private sealed class AccountTally
    {
        private static readonly HashSet<string> NoNames = [];
        private static readonly HashSet<PostHandle> NoHandles = [];
        private static readonly Dictionary<string, int> NoCounts = [];
        private static readonly List<string> NoExamples = [];
        private HashSet<string>? _names;
        private HashSet<PostHandle>? _handles;
        private Dictionary<string, int>? _goods;
        private Dictionary<string, int>? _categories;
        private List<string>? _kept;

        public int Posts { get; private set; }

        public int Offers { get; private set; }

        public int Requests { get; private set; }

        public int Services { get; private set; }

        public long Volume { get; private set; }

        public double? PriceMin { get; private set; }

        public double? PriceMax { get; private set; }

        public DateTimeOffset? First { get; private set; }

        public DateTimeOffset? Last { get; private set; }

        public IReadOnlySet<string> Names => _names ?? NoNames;

        public IReadOnlySet<PostHandle> Handles => _handles ?? NoHandles;

        public IReadOnlyDictionary<string, int> Goods => _goods ?? NoCounts;

        public IReadOnlyDictionary<string, int> Categories => _categories ?? NoCounts;

        public IReadOnlyList<string> Examples => _kept ?? NoExamples;

        /// <summary>Adds a post; <paramref name="examples"/> counts the examples kept so far in this run.</summary>
        public void Add(IntelPost post, PostAnalysis analysis, ref long examples, TextMasker masker)
        {
            Posts++;
            Offers += post.Type == "offer" ? 1 : 0;
            Requests += post.Type == "request" ? 1 : 0;
            Services += post.Type == "service" ? 1 : 0;
            if (post.Type == "offer")
            {
                Volume += post.Quantity ?? 0;
            }

            if (post.Goods == "personal_data" && post.UnitPriceYuan is { } price)
            {
                PriceMin = Math.Min(PriceMin ?? price, price);
                PriceMax = Math.Max(PriceMax ?? price, price);
            }

            if (post.Time is { } time)
            {
                First = First is null || time < First ? time : First;
                Last = Last is null || time > Last ? time : Last;
            }

            if (post.Author.Length > 0)
            {
                (_names ??= new(StringComparer.Ordinal)).Add(post.Author);
            }

            foreach (var h in post.Handles)
            {
                if (!h.Escrow)
                {
                    (_handles ??= []).Add(h);
                }
            }

            if (post.Goods == "other")
            {
                return;
            }

            _goods ??= new(StringComparer.Ordinal);
            _goods[post.Goods] = _goods.GetValueOrDefault(post.Goods) + 1;
            foreach (var c in post.Categories)
            {
                _categories ??= new(StringComparer.Ordinal);
                _categories[c] = _categories.GetValueOrDefault(c) + 1;
            }

            // Examples for the report: a few per account, and a bounded number in all.
            if ((_kept?.Count ?? 0) < ExamplesPerAccount && examples < MaxExamples)
            {
                examples++;
                // Sample identifiers and handles are replaced where written as found; the scanner's recognizers then mask
                // whatever else is an identifier in any width or disguise (full-width or circled digits, spaced numbers).
                (_kept ??= []).Add(masker.Mask(PostAnalyzer.Mask(analysis.Post.Text, analysis.Samples, analysis.Handles)));
            }
        }
    }

    private static IntelPost ToPost(PostAnalysis a, int? known) => new()
    {
        Source = a.Post.Source,
        Post = a.Post.Number,
        Time = a.Post.Time,
        Author = a.Post.Author,
        Account = a.Post.Account,
        Channel = a.Post.Channel,
        ChatId = a.Post.ChatId,
        MessageId = a.Post.MessageId,
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
        SamplesKnown = known,
        Confidence = a.Confidence,
        Reasons = a.Reasons,
    };
}
