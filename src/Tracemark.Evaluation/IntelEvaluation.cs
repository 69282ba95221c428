using Tracemark.Intel;
using Tracemark.Intel.Evaluation;
using Tracemark.Synthetic.Posts;

namespace Tracemark.Evaluation;

/// <summary>How <c>tracemark intel</c> did on labelled synthetic posts.</summary>
public sealed record IntelEvaluationReport(
    int Posts,
    int Matched,
    int Accounts,
    int Actors,
    IReadOnlyDictionary<string, double> TypeF1,
    IReadOnlyDictionary<string, double> GoodsF1,
    IReadOnlyList<Score> Scores,
    IReadOnlyList<string> Misses);

/// <summary>
/// Scores a run against truth.jsonl from <c>tracemark synth posts</c>: post type and goods F1 (macro over classes),
/// unit price within 1 % of the truth on priced posts, handle precision and recall (kind and canonical value, per
/// post), pairwise F1 of actor linking over author accounts, and the share of hard negatives called personal_data.
/// </summary>
public static class IntelEvaluation
{
    /// <summary>Scores a run over the corpus in <paramref name="folder"/> against its truth.jsonl.</summary>
    public static IntelEvaluationReport Score(string folder, IntelResult result) => Score(folder, PostFiles.ReadTruth(folder), result);

    /// <summary>Scores a run over the corpus in <paramref name="folder"/> against labels already in hand (those
    /// <see cref="PostFiles.Write"/> gave as it wrote the corpus).</summary>
    public static IntelEvaluationReport Score(string folder, IEnumerable<PostTruth> labels, IntelResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var truth = labels.ToDictionary(t => (t.Source, t.Post));
        var full = Path.GetFullPath(folder);
        var pairs = new List<(IntelPost Got, PostTruth Want)>();
        foreach (var post in result.Posts)
        {
            var relative = Path.GetRelativePath(full, Path.GetFullPath(post.Source)).Replace('\\', '/');
            if (truth.TryGetValue((relative, post.Post), out var want))
            {
                pairs.Add((post, want));
            }
        }

        var misses = new List<string>();
        var typeF1 = PerClassF1(pairs.Select(p => (p.Got.Type, p.Want.Type)));
        var goodsF1 = PerClassF1(pairs.Select(p => (p.Got.Goods, p.Want.Goods)));
        foreach (var (got, want) in pairs.Where(p => p.Got.Type != p.Want.Type || p.Got.Goods != p.Want.Goods).Take(20))
        {
            misses.Add($"{want.Source}#{want.Post}: {got.Type}/{got.Goods}, truth {want.Type}/{want.Goods}");
        }

        static bool PriceRight((IntelPost Got, PostTruth Want) p) => p.Got.UnitPriceYuan is { } g && Math.Abs(g - p.Want.UnitPriceYuan!.Value) <= 0.01 * p.Want.UnitPriceYuan.Value;
        var priced = pairs.Where(p => p.Want.UnitPriceYuan is not null).ToList();
        var priceRight = priced.Count(PriceRight);
        foreach (var (got, want) in priced.Where(p => !PriceRight(p)).Take(10))
        {
            misses.Add($"{want.Source}#{want.Post}: price {got.UnitPriceYuan?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}, truth {want.UnitPriceYuan!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
        }

        long handleTp = 0, handleGot = 0, handleWant = 0;
        foreach (var (got, want) in pairs)
        {
            var g = got.Handles.Select(h => (h.Kind, h.Value)).ToHashSet();
            var w = want.Handles.Select(h => (h.Kind, h.Kind == "usdt" && h.Value.StartsWith('T') ? h.Value : h.Value.ToLowerInvariant())).ToHashSet();
            handleGot += g.Count;
            handleWant += w.Count;
            var tp = g.Count(w.Contains);
            handleTp += tp;
            if ((tp != g.Count || tp != w.Count) && misses.Count < 60)
            {
                misses.Add($"{want.Source}#{want.Post}: handles {string.Join(' ', g.Select(h => $"{h.Kind}:{h.Value}"))} vs truth {string.Join(' ', w.Select(h => $"{h.Item1}:{h.Item2}"))}");
            }
        }

        // Pairwise linking over accounts: each account's truth actor is that of its posts.
        var accounts = pairs.GroupBy(p => p.Got.Account).Select(g => (Predicted: g.First().Got.Actor, Truth: g.First().Want.Actor)).ToList();
        static long Pairs(long n) => n * (n - 1) / 2;
        var both = accounts.GroupBy(a => a).Sum(g => Pairs(g.Count()));
        var predicted = accounts.GroupBy(a => a.Predicted).Sum(g => Pairs(g.Count()));
        var actual = accounts.GroupBy(a => a.Truth).Sum(g => Pairs(g.Count()));
        var linkP = predicted == 0 ? 1 : both / (double)predicted;
        var linkR = actual == 0 ? 1 : both / (double)actual;

        var negatives = pairs.Where(p => p.Want.Negative is not null).ToList();
        var falseData = negatives.Count == 0 ? 0 : negatives.Count(p => p.Got.Goods == "personal_data") / (double)negatives.Count;
        foreach (var (got, want) in negatives.Where(p => p.Got.Goods != "other").Take(10))
        {
            misses.Add($"{want.Source}#{want.Post}: hard negative ({want.Negative}) called {got.Type}/{got.Goods}");
        }

        var scores = new List<Score>
        {
            new("post type F1 (macro)", typeF1.Values.Average(), 0.95),
            new("goods F1 (macro)", goodsF1.Values.Average(), 0.95),
            new("price within 1 % of truth", priced.Count == 0 ? 1 : priceRight / (double)priced.Count, 0.95),
            new("handle precision", handleGot == 0 ? 1 : handleTp / (double)handleGot, 0.98),
            new("handle recall", handleWant == 0 ? 1 : handleTp / (double)handleWant, 0.98),
            new("actor linking pairwise precision", linkP, 0.95),
            new("actor linking pairwise recall", linkR, 0.95),
            new("actor linking pairwise F1", linkP + linkR == 0 ? 0 : 2 * linkP * linkR / (linkP + linkR), 0.95),
            new("false personal_data on hard negatives", falseData, 0.01, AtLeast: false),
        };
        return new IntelEvaluationReport(
            truth.Count,
            pairs.Count,
            accounts.Count,
            accounts.Select(a => a.Truth).Distinct().Count(),
            typeF1,
            goodsF1,
            scores,
            misses);
    }

    private static Dictionary<string, double> PerClassF1(IEnumerable<(string Got, string Want)> labels)
    {
        var list = labels.ToList();
        var classes = list.Select(l => l.Want).Concat(list.Select(l => l.Got)).Distinct().Order(StringComparer.Ordinal);
        var f1 = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var c in classes)
        {
            var tp = list.Count(l => l.Got == c && l.Want == c);
            var fp = list.Count(l => l.Got == c && l.Want != c);
            var fn = list.Count(l => l.Got != c && l.Want == c);
            f1[c] = tp == 0 ? 0 : 2.0 * tp / ((2.0 * tp) + fp + fn);
        }

        return f1;
    }
}
