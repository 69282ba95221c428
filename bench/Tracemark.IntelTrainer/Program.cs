using System.Globalization;
using System.Text.Json;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Tracemark.Intel.Analysis;
using Tracemark.Intel.Evaluation;
using Tracemark.Intel.Posts;
using Tracemark.Synthetic.Posts;

namespace Tracemark.IntelTrainer;

/// <summary>
/// Trains intel's goods model and writes the weights intel ships (src/Tracemark.Intel/Analysis/goods.model).
/// <code>
/// dotnet run -c Release --project bench/Tracemark.IntelTrainer -- --cv          # leave-one-set-out figures
/// dotnet run -c Release --project bench/Tracemark.IntelTrainer -- --write       # train on everything, write model + sample
/// dotnet run -c Release --project bench/Tracemark.IntelTrainer -- --reach       # how many posts reach the shipped model, and its cost
/// </code>
/// Run from the repository root. The training data: a synthetic corpus (<c>tracemark synth posts</c>, 4,000 posts,
/// seed 7 — not seed 1, which <c>tracemark eval intel</c> scores) and the four labelled real-phrasing sets (the dev
/// set in ../shared/data/intel-real-dev and the three held-out sets in tests/data), each labelled post weighted 3
/// so that 745 real posts are not drowned by the generator's. L-BFGS on one thread: the same data gives the same
/// weights on every run.
/// </summary>
internal static class Program
{
    private const float RealWeight = 3f;
    private const int SyntheticPosts = 4_000;
    private const int SyntheticSeed = 7;

    private static readonly (string Name, string Dir)[] Sets =
    [
        ("dev", "../shared/data/intel-real-dev"),
        ("a", "tests/data/intel-heldout-2026-12"),
        ("b", "tests/data/intel-heldout-2026-12b"),
        ("c", "tests/data/intel-heldout-2026-12c"),
    ];

    private static readonly double[] Trusts = [0.8, 1.0, 1.2, 1.5, 2.0];

    public static int Main(string[] args)
    {
        var cv = args.Contains("--cv");
        var write = args.Contains("--write");
        if (args.Contains("--reach"))
        {
            return Reach();
        }

        if (!cv && !write)
        {
            Console.Error.WriteLine("usage: Tracemark.IntelTrainer --cv | --write | --reach   (from the repository root)");
            return 2;
        }

        var scratch = Path.Combine(Path.GetTempPath(), "tracemark-trainer-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        try
        {
            var synthetic = Synthetic(scratch);
            var real = Sets.ToDictionary(s => s.Name, s => Labelled(s.Name, s.Dir));
            Console.Error.WriteLine($"{synthetic.Count} synthetic posts, {real.Values.Sum(r => r.Count)} labelled real-phrased posts");
            if (cv)
            {
                CrossValidate(synthetic, real);
            }

            if (write)
            {
                Write(synthetic, real);
            }

            return 0;
        }
        finally
        {
            if (Directory.Exists(scratch))
            {
                Directory.Delete(scratch, recursive: true);
            }
        }
    }

    /// <summary>
    /// How many posts reach the shipped model and what the model costs: the bench's corpus (synth posts, seed 7) and the
    /// labelled sets, each post analysed on one thread with the rules alone and with the rules and the model; CPU time
    /// of the better of two passes each.
    /// </summary>
    private static int Reach()
    {
        var scratch = Path.Combine(Path.GetTempPath(), "tracemark-reach-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        try
        {
            PostFiles.Write(scratch, new PostOptions { Posts = 100_000, Seed = SyntheticSeed });
            var corpus = new List<Post>();
            PostSource.Read(Path.Combine(scratch, PostFiles.ForumFile), PostFormat.Auto, corpus.Add, problem => throw new InvalidDataException(problem.Message));
            Console.WriteLine("input\tposts\treach the model\tverdict changed\trules alone µs/post\trules + model µs/post");
            Measure("synthetic forum.jsonl (seed 7)", corpus);
            foreach (var (name, dir) in Sets)
            {
                var posts = new List<Post>();
                PostSource.Read(Path.Combine(dir, "posts.jsonl"), PostFormat.Auto, posts.Add, problem => throw new InvalidDataException(problem.Message));
                Measure(name, posts);
            }

            return 0;
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }

        static void Measure(string name, List<Post> posts)
        {
            var withModel = new PostAnalyzer(null, GoodsModel.Shipped, PostAnalyzer.DefaultRuleTrust);
            var rulesAlone = new PostAnalyzer(null, null, 0);
            var changed = 0;
            foreach (var post in posts)
            {
                var a = withModel.Analyze(post);
                if (a.Reasons[0].StartsWith("the trained model", StringComparison.Ordinal))
                {
                    changed++;
                    if (Environment.GetEnvironmentVariable("TRAINER_SHOW") is not null)
                    {
                        var r = rulesAlone.Analyze(post);
                        Console.Error.WriteLine($"{name} #{post.Number}: rules {r.Type}/{r.Goods} ({string.Join("; ", r.Reasons)}) → {a.Reasons[0]}");
                    }
                }
            }

            var calls = withModel.ModelCalls;
            var rules = Time(new PostAnalyzer(null, null, 0), posts);
            var both = Time(withModel, posts);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}\t{posts.Count}\t{calls} ({100.0 * calls / posts.Count:0.0} %)\t{changed}\t{rules:0.00}\t{both:0.00}"));
        }

        static double Time(PostAnalyzer analyzer, List<Post> posts)
        {
            var best = double.MaxValue;
            for (var pass = 0; pass < 3; pass++)
            {
                var before = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
                foreach (var post in posts)
                {
                    analyzer.Analyze(post);
                }

                var cpu = (System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - before).TotalMicroseconds / posts.Count;
                best = pass == 0 ? best : Math.Min(best, cpu); // the first pass warms the JIT
            }

            return best;
        }
    }

    private static void CrossValidate(List<Example> synthetic, Dictionary<string, List<Example>> real)
    {
        var lines = new List<string>();
        foreach (var (name, dir) in Sets)
        {
            var training = synthetic.Concat(real.Where(r => r.Key != name).SelectMany(r => r.Value)).ToList();
            var model = Train(training, out _);
            var modelRight = real[name].Count(e => Argmax(model, e.Text) == e.Class);
            Console.WriteLine($"== fold {name} ({real[name].Count} posts): model alone goods accuracy {modelRight / (double)real[name].Count:0.000}");
            Report(name, "rules alone", LabelledEvaluation.Evaluate(dir, null, 0), lines);
            var rulesMisses = LabelledEvaluation.Evaluate(dir, null, 0).Misses.ToHashSet();
            foreach (var trust in Trusts)
            {
                var report = LabelledEvaluation.Evaluate(dir, model.Scorer, trust);
                Report(name, $"rules + model, trust {trust.ToString(CultureInfo.InvariantCulture)}", report, lines);
                if (Environment.GetEnvironmentVariable("TRAINER_MISSES") == trust.ToString(CultureInfo.InvariantCulture))
                {
                    foreach (var miss in report.Misses.Where(m => !rulesMisses.Contains(m)))
                    {
                        Console.WriteLine($"  new miss: {miss}");
                    }

                    foreach (var miss in rulesMisses.Where(m => !report.Misses.Contains(m)))
                    {
                        Console.WriteLine($"  fixed: {miss}");
                    }
                }
            }
        }

        Console.WriteLine();
        Console.WriteLine("fold\tsetting\tgoods\ttype\tpd_on_negatives\tprice");
        foreach (var line in lines)
        {
            Console.WriteLine(line);
        }
    }

    private static void Report(string fold, string setting, LabelledEvaluationReport report, List<string> lines)
    {
        double Get(string prefix) => report.Scores.First(s => s.Name.StartsWith(prefix, StringComparison.Ordinal)).Value;
        lines.Add(string.Create(CultureInfo.InvariantCulture, $"{fold}\t{setting}\t{Get("goods"):0.000}\t{Get("type"):0.000}\t{Get("personal_data on negatives"):0.000}\t{Get("price within"):0.000}"));
        Console.WriteLine(lines[^1]);
    }

    private static void Write(List<Example> synthetic, Dictionary<string, List<Example>> real)
    {
        var all = synthetic.Concat(real.Values.SelectMany(r => r)).ToList();
        var model = Train(all, out var mlModel);
        const string path = "src/Tracemark.Intel/Analysis/goods.model";
        using (var file = File.Create(path))
        {
            model.Write(file);
        }

        Console.Error.WriteLine($"wrote {path}: {new FileInfo(path).Length:N0} bytes");

        // A sample of posts with ML.NET's own probabilities: the test checks that the shipped file, scored by intel's
        // dot product, gives the same (tests/Tracemark.Intel.Tests/Data/goods-model-sample.jsonl).
        var sample = new List<Example>();
        foreach (var set in real.Values)
        {
            sample.AddRange(set.Where((_, i) => i % 20 == 0));
        }

        sample.AddRange(synthetic.Where((_, i) => i % 200 == 0));
        var ml = new MLContext(seed: 1);
        var scored = mlModel.Transform(ml.Data.LoadFromEnumerable(sample.Select(Row)));
        // Copied row by row: the column's enumerator hands back one buffer, reused.
        var probabilities = scored.GetColumn<VBuffer<float>>("Score").Select(v => v.DenseValues().ToArray()).ToList();
        const string samplePath = "tests/Tracemark.Intel.Tests/Data/goods-model-sample.jsonl";
        using var writer = new StreamWriter(samplePath);
        for (var i = 0; i < sample.Count; i++)
        {
            writer.WriteLine(JsonSerializer.Serialize(new SampleLine(sample[i].Text, probabilities[i])));
        }

        Console.Error.WriteLine($"wrote {samplePath}: {sample.Count} posts");
    }

    private static TrainedModel Train(List<Example> examples, out ITransformer mlModel)
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(examples.Select(Row));
        var trainer = ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(new LbfgsMaximumEntropyMulticlassTrainer.Options
        {
            LabelColumnName = "Label",
            FeatureColumnName = "Features",
            ExampleWeightColumnName = "Weight",
            // L1 keeps the shipped file small (most grams get no weight); L2 keeps single posts' rare grams from
            // carrying a post alone.
            L1Regularization = 0.0005f,
            L2Regularization = 0.001f,
            NumberOfThreads = 1,
            MaximumNumberOfIterations = 200,
        });
        var fitted = trainer.Fit(data);
        mlModel = fitted;
        var parameters = fitted.Model;
        VBuffer<float>[] weights = [];
        parameters.GetWeights(ref weights, out var classes);
        if (classes != GoodsModel.ClassCount)
        {
            throw new InvalidOperationException($"the trainer made {classes} classes, the scorer knows {GoodsModel.ClassCount}");
        }

        var dense = new float[GoodsFeatures.Buckets * classes];
        for (var k = 0; k < classes; k++)
        {
            foreach (var (index, value) in weights[k].Items())
            {
                dense[(index * classes) + k] = value;
            }
        }

        var trained = new TrainedModel(dense, [.. parameters.GetBiases()]);
        if (Environment.GetEnvironmentVariable("TRAINER_DEBUG") is not null)
        {
            var check = examples.Where((_, i) => i % 10 == 0).ToList();
            var scores = fitted.Transform(ml.Data.LoadFromEnumerable(check.Select(Row))).GetColumn<VBuffer<float>>("Score").Select(v => v.DenseValues().ToArray()).ToList();
            var mlRight = 0;
            var agree = 0;
            for (var i = 0; i < check.Count; i++)
            {
                var v = scores[i];
                var mlBest = Array.IndexOf(v, v.Max());
                mlRight += mlBest == check[i].Class ? 1 : 0;
                agree += mlBest == Argmax(trained, check[i].Text) ? 1 : 0;
                if (i < 5)
                {
                    var p = new float[6];
                    trained.Scorer.Predict(check[i].Text, p);
                    Console.Error.WriteLine($"class {check[i].Class} ml [{string.Join(' ', v.Select(x => x.ToString("0.000", CultureInfo.InvariantCulture)))}] mine [{string.Join(" ", p.Select(x => x.ToString("0.000", CultureInfo.InvariantCulture)))}]");
                }
            }

            var row0 = Row(check[0]);
            var manual = new double[classes];
            var biases = parameters.GetBiases().ToArray();
            for (var k = 0; k < classes; k++)
            {
                manual[k] = biases[k];
                foreach (var (index, value) in row0.Features.Items())
                {
                    manual[k] += value * weights[k].GetItemOrDefault(index);
                }
            }

            Console.Error.WriteLine($"manual raw [{string.Join(' ', manual.Select(x => x.ToString("0.000", CultureInfo.InvariantCulture)))}] bias [{string.Join(' ', biases)}] nnz {row0.Features.GetValues().Length} weights nnz {string.Join(' ', weights.Select(w => w.GetValues().Length))} dense {weights[0].IsDense} len {weights[0].Length}");
            var labels = fitted.Transform(ml.Data.LoadFromEnumerable(check.Select(Row))).GetColumn<uint>("PredictedLabel").Take(5);
            Console.Error.WriteLine($"predicted labels {string.Join(' ', labels)}; label col of row0 {row0.Label}");
            Console.Error.WriteLine($"debug: ML.NET right {mlRight}/{check.Count}, agrees with scorer {agree}");
        }

        return trained;
    }

    private static int Argmax(TrainedModel model, string text)
    {
        Span<float> p = stackalloc float[GoodsModel.ClassCount];
        model.Scorer.Predict(text, p);
        var best = 0;
        for (var k = 1; k < p.Length; k++)
        {
            best = p[k] > p[best] ? k : best;
        }

        return best;
    }

    private static MlRow Row(Example e)
    {
        var collect = new Collect { Buckets = [] };
        var n = GoodsFeatures.Grams(e.Text, ref collect);
        var counts = new SortedDictionary<int, float>();
        foreach (var b in collect.Buckets)
        {
            counts[b] = counts.GetValueOrDefault(b) + 1;
        }

        var scale = n == 0 ? 0f : 1f / MathF.Sqrt(n);
        var indices = counts.Keys.ToArray();
        var values = counts.Values.Select(v => v * scale).ToArray();
        return new MlRow
        {
            // The class index itself: LoadFromEnumerable takes a key field's value as the 0-based index
            // (checked: with index + 1 every class came out shifted by one).
            Label = (uint)e.Class,
            Features = new VBuffer<float>(GoodsFeatures.Buckets, indices.Length, values, indices),
            Weight = e.Weight,
        };
    }

    private static List<Example> Synthetic(string scratch)
    {
        var labels = new List<PostTruth>();
        var manifest = PostFiles.Write(scratch, new PostOptions { Posts = SyntheticPosts, Seed = SyntheticSeed }, (post, _) => labels.Add(post));
        var truth = labels.ToDictionary(t => (t.Source, t.Post));
        var full = Path.GetFullPath(scratch);
        var examples = new List<Example>();
        foreach (var file in manifest.Files)
        {
            var path = Path.Combine(scratch, file);
            PostSource.Read(
                path,
                PostFormat.Auto,
                post =>
                {
                    var relative = Path.GetRelativePath(full, Path.GetFullPath(post.Source)).Replace('\\', '/');
                    if (truth.TryGetValue((relative, post.Number), out var t))
                    {
                        examples.Add(new Example(post.Text, ClassOf(t.Goods, path), 1f));
                    }
                },
                problem => throw new InvalidDataException($"{problem.Source}, {problem.Where}: {problem.Message}"));
        }

        return examples;
    }

    private static List<Example> Labelled(string set, string dir)
    {
        var texts = File.ReadLines(Path.Combine(dir, "posts.jsonl")).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("text").GetString() ?? "").ToList();
        var examples = new List<Example>();
        foreach (var line in File.ReadLines(Path.Combine(dir, "truth.jsonl")))
        {
            var r = JsonDocument.Parse(line).RootElement;
            var post = r.GetProperty("post").GetInt32();
            examples.Add(new Example(texts[post - 1], ClassOf(r.GetProperty("goods").GetString()!, set), RealWeight));
        }

        return examples;
    }

    private static int ClassOf(string goods, string where)
    {
        var k = Array.IndexOf(GoodsModel.Classes, goods);
        return k >= 0 ? k : throw new InvalidDataException($"{where}: goods '{goods}' is not a class of the model");
    }

    private sealed record Example(string Text, int Class, float Weight);

    private sealed record SampleLine(string Text, float[] Probabilities);

    private struct Collect : IGramSink
    {
        public List<int> Buckets;

        public readonly void Add(int bucket) => Buckets.Add(bucket);
    }
}

/// <summary>One training row as ML.NET reads it: the class as a key (1-based), the hashed grams, the example's weight.</summary>
internal sealed class MlRow
{
    [KeyType(6)]
    public uint Label { get; set; }

    [VectorType(GoodsFeatures.Buckets)]
    public VBuffer<float> Features { get; set; }

    public float Weight { get; set; }
}

/// <summary>Weights in the scorer's layout, and the scorer built from them through the file format intel reads.</summary>
internal sealed class TrainedModel(float[] weights, float[] bias)
{
    public GoodsModel Scorer { get; } = RoundTrip(weights, bias);

    public void Write(Stream stream) => GoodsModel.Write(stream, weights, bias);

    private static GoodsModel RoundTrip(float[] weights, float[] bias)
    {
        using var memory = new MemoryStream();
        GoodsModel.Write(memory, weights, bias);
        memory.Position = 0;
        return GoodsModel.Read(memory);
    }
}
