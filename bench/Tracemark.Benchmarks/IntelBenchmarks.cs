using BenchmarkDotNet.Attributes;
using Tracemark.Intel.Actors;
using Tracemark.Intel.Analysis;
using Tracemark.Intel.Posts;

namespace Tracemark.Benchmarks;

/// <summary>Per-post costs of `tracemark intel`: the whole analysis of a typical offer (with a test sample) and of
/// a hard negative, and its parts — handles, prices, the MinHash signature.</summary>
[MemoryDiagnoser]
public class IntelBenchmarks
{
    private const string OfferText = "长期出实时快递料，字段：姓名+手机+身份证+地址，库存50W条，1.2一条，可测，诚信经营，老商家 V:shuiguo88 | QQ：12345678\n测试样例：\n张伟 13800138000 11010519491231002X 北京市朝阳区建国路88号";
    private const string NegativeText = "台子稳定出款，百家乐，上下分秒到，首充100送10，飞机:@lucky_table";
    private readonly PostAnalyzer _analyzer = new();
    private readonly Post _offer = new("bench", 1, null, "SS52098", "forum:c/SS52098", "c", OfferText);
    private readonly Post _negative = new("bench", 2, null, "x", "forum:c/x", "c", NegativeText);
    private readonly List<FoundHandle> _handles = [];

    [Benchmark(Baseline = true)]
    public object AnalyzeOffer() => _analyzer.Analyze(_offer);

    [Benchmark]
    public object AnalyzeNegative() => _analyzer.Analyze(_negative);

    [Benchmark]
    public int Handles()
    {
        _handles.Clear();
        var lower = OfferText.ToLowerInvariant();
        HandleExtractor.Extract(OfferText, lower, _handles);
        return _handles.Count;
    }

    [Benchmark]
    public double? Prices()
    {
        PriceParser.Parse("长期出实时快递料，字段：姓名+手机+身份证+地址，库存50w条，1.2一条，可测", out _, out var price);
        return price;
    }

    [Benchmark]
    public uint[]? Signature() => MinHash.Signature(OfferText);
}

/// <summary>The whole run on JSON Lines (read, analyse on both cores, link, market) in steady state: posts per second.</summary>
[MemoryDiagnoser]
public class IntelRunBenchmarks
{
    private string _folder = string.Empty;
    private string _path = string.Empty;

    /// <summary>Posts in forum.jsonl (a quarter of the corpus).</summary>
    public const int Posts = 80_000;

    [GlobalSetup]
    public void Setup()
    {
        _folder = Path.Combine(Path.GetTempPath(), "tracemark-bench-intel");
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, true);
        }

        Tracemark.Synthetic.Posts.PostFiles.Write(_folder, new Tracemark.Synthetic.Posts.PostOptions { Posts = Posts, Seed = 1 });
        _path = Path.Combine(_folder, Tracemark.Synthetic.Posts.PostFiles.ForumFile);
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_folder, true);

    [Benchmark]
    public long RunJsonLines()
    {
        using var result = Tracemark.Intel.IntelRun.Run(new Tracemark.Intel.IntelOptions { Paths = [_path] });
        return result.PostCount;
    }
}
