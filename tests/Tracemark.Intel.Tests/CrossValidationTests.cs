using Tracemark.Intel.Evaluation;

namespace Tracemark.Intel.Tests;

/// <summary>
/// The labelled-set evaluation (issue 15 item 1) on a ten-post set of our own (Data/labelled: real-phrased, synthetic
/// contacts): scores as the truth says, folds that keep an actor's posts together, and words withdrawn per fold.
/// </summary>
public sealed class CrossValidationTests
{
    private static string Set => Path.Combine(AppContext.BaseDirectory, "Data", "labelled");

    [Fact]
    public void The_whole_set_is_read_as_labelled()
    {
        using var result = IntelRun.Run(new IntelOptions { Paths = [Path.Combine(Set, "posts.jsonl")], Format = Posts.PostFormat.JsonLines });
        var report = LabelledEvaluation.Score(Path.Combine(Set, "truth.jsonl"), result.Posts);

        Assert.Empty(report.Misses);
        Assert.All(report.Scores, s => Assert.True(s.Met, s.Name));
    }

    [Fact]
    public void Folds_keep_an_actors_posts_together_and_are_balanced()
    {
        var truth = LabelledEvaluation.ReadTruth(Path.Combine(Set, "truth.jsonl"));
        foreach (var folds in new[] { 2, 3, 5 })
        {
            var foldOf = LabelledEvaluation.Split(truth, folds);
            Assert.Equal(truth.Count, foldOf.Count);
            Assert.Equal(foldOf[1], foldOf[2]); // both of actor A's reposts
            var sizes = foldOf.Values.GroupBy(k => k).Select(g => g.Count()).ToList();
            Assert.Equal(folds, sizes.Count);
            Assert.InRange(sizes.Max() - sizes.Min(), 0, 2); // the largest group has two posts
        }
    }

    [Fact]
    public void A_word_only_one_fold_uses_is_withdrawn_while_that_fold_is_read()
    {
        var cv = LabelledEvaluation.CrossValidate(Set, 2, byAuthor: false);

        var withAccounts = cv.PerFold.Single(f => f.Posts.Contains(3));
        var other = cv.PerFold.Single(f => !f.Posts.Contains(3));

        // 王者号 and 日结 appear in post 3 only: the rules would not know them without it. Post 3 ("收王者号 日结500 加V:…")
        // is still read as an account request, by its shape — a contact, a price, a verb, and a noun whose head is 号
        // (TradeShape) — which is the point of that evidence: it does not need the word.
        Assert.Contains("王者号", withAccounts.Withdrawn);
        Assert.Contains("日结", withAccounts.Withdrawn);
        Assert.DoesNotContain("王者号", other.Withdrawn);
        Assert.DoesNotContain(withAccounts.Report.Misses, m => m.StartsWith("#3: ", StringComparison.Ordinal) && m.Contains("truth", StringComparison.Ordinal));

        // 数据 is used on both sides, so neither fold loses it.
        Assert.DoesNotContain("数据", withAccounts.Withdrawn);
        Assert.DoesNotContain("数据", other.Withdrawn);

        // The whole set with the whole lexicon is read right; the cross-validated figure is lower, as it should be.
        Assert.Empty(cv.Resubstitution.Misses);
        Assert.Equal(10, cv.Pooled.Present);
        var goods = cv.Pooled.Scores.Single(s => s.Name == "goods accuracy").Value;
        Assert.True(goods < 1.0, $"pooled goods accuracy {goods}");
    }

    [Fact]
    public void Each_labelled_post_is_an_account_of_its_own_unless_authors_are_asked_for()
    {
        // One placeholder author name over two sellers (as a label tool's name pool gives), and one seller's two ads.
        using var dir = new Tracemark.Tests.TempDir("intel-labelled-authors");
        Directory.CreateDirectory(dir.Path);
        File.WriteAllLines(dir.File("posts.jsonl"),
        [
            """{"author":"阿强","channel":"资源群","text":"出 宝妈料 一手 V：mama_src01"}""",
            """{"author":"阿强","channel":"资源群","text":"出 对公户 全套 飞机 @dgh_seller"}""",
            """{"author":"小李","channel":"供需群","text":"宝妈料 新到 V：mama_src01"}""",
        ]);
        File.WriteAllLines(dir.File("truth.jsonl"),
        [
            """{"post":1,"type":"offer","goods":"personal_data","unit_price_yuan":null,"handles":[["wechat","mama_src01"]],"actor":"A"}""",
            """{"post":2,"type":"offer","goods":"bank_kit","unit_price_yuan":null,"handles":[["telegram","dgh_seller"]],"actor":"B"}""",
            """{"post":3,"type":"offer","goods":"personal_data","unit_price_yuan":null,"handles":[["wechat","mama_src01"]],"actor":"A"}""",
        ]);

        static double Actors(LabelledEvaluationReport r) => r.Scores.Single(s => s.Name == "actor pairwise F1").Value;
        var perPost = LabelledEvaluation.Evaluate(dir.Path, byAuthor: false);
        var byAuthor = LabelledEvaluation.Evaluate(dir.Path, byAuthor: true);

        Assert.Equal(1.0, Actors(perPost));
        Assert.True(Actors(byAuthor) < 1.0);
        Assert.Contains(byAuthor.Misses, m => m == "#1 and #2: linked, truth actors A and B");
    }
}
