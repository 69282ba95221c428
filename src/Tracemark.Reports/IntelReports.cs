using System.Text.Json.Serialization;
using Tracemark.Intel;
using Tracemark.Intel.Actors;
using Tracemark.Intel.Analysis;
using Tracemark.Intel.Evaluation;

namespace Tracemark.Reports;

/// <summary>
/// One post as `tracemark intel --json` prints it, one object a line (docs/intel.md has the schema). Mobile and
/// e-mail handles are masked unless revealed; sample identifiers are only ever counted.
/// </summary>
public sealed record IntelPostReport(
    string Source,
    long Post,
    DateTimeOffset? Time,
    string Author,
    string Account,
    string? Channel,
    string? ChatId,
    long? MessageId,
    PostType Type,
    GoodsKind Goods,
    IReadOnlyList<TradeCategory> Categories,
    OfferFreshness? Freshness,
    bool? FirstHand,
    IReadOnlyList<OfferedField> Fields,
    long? Quantity,
    double? UnitPriceYuan,
    TestPolicy? TestPolicy,
    IReadOnlyList<HandleReport> Handles,
    int SampleIdentifiers,
    int? SamplesKnown,
    string Actor,
    double Confidence,
    IReadOnlyList<string> Reasons,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<DumpMatchReport>? CredentialDumps)
{
    /// <summary>The contract of an analysed post.</summary>
    public static IntelPostReport From(IntelPost post, bool reveal)
    {
        ArgumentNullException.ThrowIfNull(post);
        return new(
            post.Source,
            post.Post,
            post.Time,
            post.Author,
            post.Account,
            post.Channel,
            post.ChatId,
            post.MessageId,
            IntelValues.Type(post.Type),
            IntelValues.Goods(post.Goods),
            Map(post.Categories, IntelValues.Category),
            post.Freshness is null ? null : IntelValues.Freshness(post.Freshness),
            post.FirstHand,
            Map(post.Fields, IntelValues.Field),
            post.Quantity,
            post.UnitPriceYuan,
            post.TestPolicy is null ? null : IntelValues.Test(post.TestPolicy),
            HandleReport.List(post.Handles, reveal),
            post.SampleIdentifiers,
            post.SamplesKnown,
            post.Actor,
            post.Confidence,
            post.Reasons,
            post.CredentialDumps is null ? null : [.. post.CredentialDumps.Select(d => new DumpMatchReport(d.Dataset, d.Pairs, d.Accounts))]);
    }

    /// <summary>
    /// Writes every post, one JSON object per line, in input order. Lines are gathered into 64 KiB chunks: the
    /// console's writer flushes on every call, a system call per post.
    /// </summary>
    public static void WriteLines(TextWriter output, IEnumerable<IntelPost> posts, bool reveal)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(posts);
        var chunk = new System.Text.StringBuilder(1 << 16);
        foreach (var post in posts)
        {
            chunk.Append(ReportJson.SerializeLine(From(post, reveal))).Append('\n');
            if (chunk.Length >= 1 << 16)
            {
                output.Write(chunk);
                chunk.Clear();
            }
        }

        output.Write(chunk);
        output.Flush();
    }

    // Most posts name no category or field: the empty list is shared rather than allocated per post.
    internal static IReadOnlyList<T> Map<T>(IReadOnlyList<string> values, Func<string, T> read)
    {
        if (values.Count == 0)
        {
            return [];
        }

        var mapped = new T[values.Count];
        for (var i = 0; i < mapped.Length; i++)
        {
            mapped[i] = read(values[i]);
        }

        return mapped;
    }
}

/// <summary>A contact or payment handle; <see cref="Escrow"/> when it stood behind 担保/中介 (never links actors).</summary>
public sealed record HandleReport(HandleKind Kind, string Value, bool Escrow)
{
    /// <summary>The handles as printed: mobile and e-mail masked unless revealed.</summary>
    public static IReadOnlyList<HandleReport> List(IReadOnlyList<PostHandle> handles, bool reveal)
    {
        ArgumentNullException.ThrowIfNull(handles);
        if (handles.Count == 0)
        {
            return [];
        }

        var list = new HandleReport[handles.Count];
        for (var i = 0; i < list.Length; i++)
        {
            var h = reveal ? handles[i] : handles[i].Masked();
            list[i] = new HandleReport(IntelValues.Handle(h.Kind), h.Value, h.Escrow);
        }

        return list;
    }
}

/// <summary>A credential dump or leak an account offer's samples are in (issue 22): pairs and bare accounts matched.</summary>
public sealed record DumpMatchReport(string Dataset, int Pairs, int Accounts);

/// <summary>
/// One actor in `tracemark intel --actors FILE` (an indented JSON list): the accounts linked into it, what they
/// posted and offered, and the links that joined them.
/// </summary>
public sealed record ActorReport(
    string Id,
    IReadOnlyList<string> Accounts,
    IReadOnlyList<string> Names,
    IReadOnlyList<HandleReport> Handles,
    DateTimeOffset? FirstSeen,
    DateTimeOffset? LastSeen,
    int Posts,
    int Offers,
    int Requests,
    int Services,
    IReadOnlyDictionary<GoodsKind, int> Goods,
    IReadOnlyDictionary<TradeCategory, int> Categories,
    long Volume,
    double? PriceMin,
    double? PriceMax,
    IReadOnlyList<ActorLinkReport> Links,
    IReadOnlyList<string> Examples)
{
    /// <summary>Every actor of a run, in the run's order; handles masked unless revealed.</summary>
    public static IReadOnlyList<ActorReport> List(IEnumerable<ActorSummary> actors, bool reveal)
    {
        ArgumentNullException.ThrowIfNull(actors);
        return [.. actors.Select(a => From(a, reveal))];
    }

    /// <summary>The contract of an actor.</summary>
    public static ActorReport From(ActorSummary actor, bool reveal)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return new(
            actor.Id,
            actor.Accounts,
            actor.Names,
            HandleReport.List(actor.Handles, reveal),
            actor.FirstSeen,
            actor.LastSeen,
            actor.Posts,
            actor.Offers,
            actor.Requests,
            actor.Services,
            Keyed(actor.Goods, IntelValues.Goods),
            Keyed(actor.Categories, IntelValues.Category),
            actor.Volume,
            actor.PriceMin,
            actor.PriceMax,
            [.. actor.Links.Select(ActorLinkReport.Of)],
            actor.Examples);
    }

    // The library's order is kept (a Dictionary enumerates in insertion order while nothing is removed).
    internal static Dictionary<TKey, TValue> Keyed<TKey, TValue>(IReadOnlyDictionary<string, TValue> counts, Func<string, TKey> read)
        where TKey : struct, Enum
    {
        var keyed = new Dictionary<TKey, TValue>(counts.Count);
        foreach (var (key, value) in counts)
        {
            keyed.Add(read(key), value);
        }

        return keyed;
    }
}

/// <summary>Why two accounts are one actor: the evidence, what it was (masked), and how much it weighs.</summary>
public sealed record ActorLinkReport(string From, string To, LinkEvidence Evidence, string Detail, double Weight)
{
    internal static ActorLinkReport Of(ActorLink link) => new(link.From, link.To, IntelValues.Evidence(link.Evidence), link.Detail, link.Weight);
}

/// <summary>
/// What `tracemark intel --market FILE` writes: offers by month; the weeks (trade posts, actors, first-hand and
/// tested shares); the weekly price series by goods, category and freshness; sample identifiers by month.
/// </summary>
public sealed record IntelMarketReport(
    IReadOnlyList<MarketRowReport> Market,
    IReadOnlyList<MarketWeekReport> Weeks,
    IReadOnlyList<MarketWeekRowReport> Weekly,
    IReadOnlyList<SampleMonthReport> Samples)
{
    /// <summary>The market view of a run.</summary>
    public static IntelMarketReport From(IntelResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new(
            [.. result.Market.Select(r => new MarketRowReport(r.Month, IntelValues.Goods(r.Goods), IntelValues.Category(r.Category), IntelValues.Freshness(r.Freshness), r.Offers, r.Priced, r.MedianPrice, r.MinPrice, r.MaxPrice, r.Volume))],
            [.. result.Weeks.Select(w => new MarketWeekReport(w.Week, w.IsoWeek, w.Offers, w.Requests, w.Services, w.Actors, w.FirstHand, w.Tested, w.FirstHandShare, w.TestedShare))],
            [.. result.Weekly.Select(r => new MarketWeekRowReport(r.Week, IntelValues.Goods(r.Goods), IntelValues.Category(r.Category), IntelValues.Freshness(r.Freshness), r.Offers, r.Priced, r.LowerQuartile, r.MedianPrice, r.UpperQuartile, r.FirstHandShare, r.TestedShare, r.Volume))],
            [.. result.Samples.Select(s => new SampleMonthReport(s.Month, s.New, s.Recycled, s.Known))]);
    }
}

/// <summary>Offers of one goods, category and freshness in one month ("undated" without a date), with their unit prices.</summary>
public sealed record MarketRowReport(string Month, GoodsKind Goods, TradeCategory Category, OfferFreshness Freshness, int Offers, int Priced, double? MedianPrice, double? MinPrice, double? MaxPrice, long Volume);

/// <summary>One week (its Monday and ISO name): trade posts, distinct actors, and the offers' first-hand and tested shares.</summary>
public sealed record MarketWeekReport(string Week, string IsoWeek, int Offers, int Requests, int Services, int Actors, int FirstHand, int Tested, double? FirstHandShare, double? TestedShare);

/// <summary>One point of a weekly series: offers of one goods, category and freshness, with unit-price quartiles (null: none priced).</summary>
public sealed record MarketWeekRowReport(string Week, GoodsKind Goods, TradeCategory Category, OfferFreshness Freshness, int Offers, int Priced, double? LowerQuartile, double? MedianPrice, double? UpperQuartile, double? FirstHandShare, double? TestedShare, long Volume);

/// <summary>Sample identifiers of one month: seen first, seen in an earlier post, in a known leak.</summary>
public sealed record SampleMonthReport(string Month, int New, int Recycled, int Known);

/// <summary>One measure of `tracemark eval intel` against its target (at least or at most).</summary>
public sealed record IntelScoreReport(string Name, double Value, double Target, bool AtLeast, bool Met)
{
    /// <summary>The scores in order.</summary>
    public static IReadOnlyList<IntelScoreReport> List(IEnumerable<Score> scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        return [.. scores.Select(s => new IntelScoreReport(s.Name, s.Value, s.Target, s.AtLeast, s.Met))];
    }
}

/// <summary>
/// What `tracemark eval intel --json` prints on labelled synthetic posts: posts read, accounts and true actors, F1 by
/// post type and by goods, the scores, and the misses. Built by the command line (the evaluation lives above Reports).
/// </summary>
public sealed record IntelEvalReport(
    int Posts,
    int Matched,
    int Accounts,
    int Actors,
    IReadOnlyDictionary<PostType, double> TypeF1,
    IReadOnlyDictionary<GoodsKind, double> GoodsF1,
    IReadOnlyList<IntelScoreReport> Scores,
    IReadOnlyList<string> Misses)
{
    /// <summary>F1 by class, the class names read into their enum (in the order given).</summary>
    public static IReadOnlyDictionary<PostType, double> ByType(IReadOnlyDictionary<string, double> f1) => ActorReport.Keyed(f1, IntelValues.Type);

    /// <summary>F1 by goods, the names read into their enum (in the order given).</summary>
    public static IReadOnlyDictionary<GoodsKind, double> ByGoods(IReadOnlyDictionary<string, double> f1) => ActorReport.Keyed(f1, IntelValues.Goods);
}

/// <summary>What `tracemark eval intel --labelled DIR --json` prints: posts labelled and read, the scores, the misses.</summary>
public sealed record LabelledEvalReport(int Posts, int Present, IReadOnlyList<IntelScoreReport> Scores, IReadOnlyList<string> Misses)
{
    /// <summary>The contract of a labelled evaluation.</summary>
    public static LabelledEvalReport From(LabelledEvaluationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new(report.Posts, report.Present, IntelScoreReport.List(report.Scores), report.Misses);
    }
}

/// <summary>One fold of `eval intel --labelled DIR --folds K`: its posts, the lexicon words withdrawn, its scores.</summary>
public sealed record FoldEvalReport(int Fold, IReadOnlyList<long> Posts, IReadOnlyList<string> Withdrawn, LabelledEvalReport Report);

/// <summary>What `tracemark eval intel --labelled DIR --folds K --json` prints: per fold, pooled, and the whole set read with every word.</summary>
public sealed record CrossValidationEvalReport(int Folds, IReadOnlyList<FoldEvalReport> PerFold, LabelledEvalReport Pooled, LabelledEvalReport Resubstitution)
{
    /// <summary>The contract of a cross-validation.</summary>
    public static CrossValidationEvalReport From(CrossValidationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new(
            report.Folds,
            [.. report.PerFold.Select(f => new FoldEvalReport(f.Fold, f.Posts, f.Withdrawn, LabelledEvalReport.From(f.Report)))],
            LabelledEvalReport.From(report.Pooled),
            LabelledEvalReport.From(report.Resubstitution));
    }
}
