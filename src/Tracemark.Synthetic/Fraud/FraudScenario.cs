using System.Globalization;
using System.Text;
using Tracemark.Synthetic.Output;

namespace Tracemark.Synthetic.Fraud;

/// <summary>The sizes of a synthetic fraud scenario (`tracemark synth fraud`).</summary>
/// <param name="People">The population every leak and victim is drawn from.</param>
/// <param name="Reports">Fraud reports to write.</param>
/// <param name="Planted">Share of the reports whose victims come from the linked leak on purpose (the rest are drawn from everyone).</param>
public sealed record FraudOptions(long People = 5_000, int Reports = 600, double Planted = 1.0 / 3);

/// <summary>What `synth fraud` wrote, and the truth a `fraud link` must find.</summary>
/// <param name="Population">Persons in the population (pass as --population, or ingest the dump: it holds everyone).</param>
/// <param name="Seen">The date the leaks were seen: ingest them with it.</param>
/// <param name="Linked">The leak planted victims come from (a courier leak feeding customer-service refund scams).</param>
/// <param name="Unlinked">A leak drawn from everyone independently of the victims: no more victims than chance.</param>
/// <param name="Everyone">A broker dump of the whole population: every victim is in it, as chance says.</param>
/// <param name="Reports">The reports file.</param>
/// <param name="ReportCount">Reports written.</param>
/// <param name="PlantedVictims">Victims drawn from the linked leak on purpose.</param>
public sealed record FraudManifest(long Population, DateOnly Seen, string Linked, string Unlinked, string Everyone, string Reports, int ReportCount, int PlantedVictims);

/// <summary>
/// Writes a synthetic world of fraud reports with a known answer: a courier leak that fed a wave of 冒充客服 refund
/// scams (its people are over-represented among the victims), a hotel leak whose people were drawn independently of
/// the victims (it is not), and a broker dump of everyone. The reports use the free-text fraud types real exports
/// carry, some with the fraudster's number, some naming the victim twice.
/// </summary>
public static class FraudScenario
{
    /// <summary>The manifest, under the output folder.</summary>
    public const string ManifestFile = "fraud-manifest.json";

    /// <summary>The leaks' seen date.</summary>
    public static readonly DateOnly Seen = new(2026, 1, 10);

    // Free text as report exports write it; several map to one type (docs/fraud.md lists the mapping).
    private static readonly string[] ChanceTypes =
    [
        "刷单返利", "兼职刷单", "虚假投资理财", "炒股荐股", "杀猪盘", "网络交友诱导投资", "网贷", "虚假贷款", "注销校园贷影响征信",
        "冒充公检法", "冒充领导", "网络游戏装备交易", "低价代购", "其他",
    ];

    private static readonly string[] RefundScam = ["冒充快递客服理赔", "冒充电商客服退款", "快递丢失理赔", "冒充客服"];

    /// <summary>
    /// Writes leaks/ and reports.csv under <paramref name="folder"/>, and fraud-manifest.json through
    /// <paramref name="writeManifest"/> (the CLI's Tracemark.Reports record, which this layer may not reference);
    /// without it no manifest file is written.
    /// </summary>
    public static FraudManifest Write(string folder, ulong seed, FraudOptions options, Action<FraudManifest, Stream>? writeManifest = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var leaks = Path.Combine(folder, "leaks");
        Directory.CreateDirectory(leaks);
        var people = new Population((long)seed, options.People);
        var n = options.People;
        var leakSize = Math.Max(1, n / 5);
        var rng = new SynthRandom(seed, 0xF4A0D, 1);

        // The courier leak: the first fifth of the population. The hotel leak: a fifth drawn from everyone, so whether a
        // person is in it says nothing about whether they are a victim.
        var courier = Enumerable.Range(0, (int)leakSize).Select(i => (long)i).ToList();
        var hotel = Draw(ref rng, n, (int)leakSize, _ => true);
        WriteLeak(Path.Combine(leaks, "courier-linked.csv"), people, courier, ref rng);
        WriteLeak(Path.Combine(leaks, "hotel-unlinked.csv"), people, hotel, ref rng);
        WriteLeak(Path.Combine(leaks, "broker-dump.csv"), people, Enumerable.Range(0, (int)n).Select(i => (long)i).ToList(), ref rng);

        var planted = (int)Math.Round(options.Reports * options.Planted);
        var plantedVictims = Draw(ref rng, leakSize, Math.Min(planted, (int)leakSize), _ => true);
        var chosen = plantedVictims.ToHashSet();
        var chance = Draw(ref rng, n, Math.Min(options.Reports - plantedVictims.Count, (int)(n - chosen.Count)), p => !chosen.Contains(p));
        var contacts = Enumerable.Range(0, 6).Select(_ => Mobile(ref rng)).ToArray();

        var path = Path.Combine(folder, "reports.csv");
        using (var stream = File.Create(path))
        using (var w = new DelimitedWriter(stream, new UTF8Encoding(false), ','))
        {
            w.WriteRow(["report_id", "time", "victim_mobile", "victim_id", "victim_qq", "fraud_type", "loss_yuan", "fraud_contact"]);
            var id = 0;
            void Report(long index, bool plantedVictim, ref SynthRandom r)
            {
                var p = people.Get(index);
                var day = Seen.AddDays(plantedVictim ? r.Next(5, 60) : r.Next(-200, 200));
                var type = plantedVictim && r.Chance(0.8) ? r.Pick(RefundScam) : r.Pick(ChanceTypes);
                var loss = (r.Next(1, 400) * 100).ToString(CultureInfo.InvariantCulture);
                var contact = plantedVictim && r.Chance(0.5) ? r.Pick(contacts) : r.Chance(0.2) ? Mobile(ref r) : string.Empty;
                w.WriteRow([
                    $"FZ{day:yyyyMMdd}{++id:D6}", $"{day:yyyy-MM-dd} {r.Next(8, 22):D2}:{r.Next(0, 60):D2}",
                    p.Mobile, r.Chance(0.5) ? p.ResidentId : string.Empty, r.Chance(0.1) ? p.Qq : string.Empty, type, loss, contact,
                ]);
            }

            var all = plantedVictims.Select(v => (v, true)).Concat(chance.Select(v => (v, false))).ToList();
            foreach (var (victim, isPlanted) in all)
            {
                Report(victim, isPlanted, ref rng);
                if (rng.Chance(0.03))
                {
                    Report(victim, isPlanted, ref rng); // the same person reporting twice counts as one victim
                }
            }
        }

        var manifest = new FraudManifest(n, Seen, "leaks/courier-linked.csv", "leaks/hotel-unlinked.csv", "leaks/broker-dump.csv", "reports.csv", options.Reports, plantedVictims.Count);
        if (writeManifest is not null)
        {
            using var stream = File.Create(Path.Combine(folder, ManifestFile));
            writeManifest(manifest, stream);
        }

        return manifest;
    }

    private static List<long> Draw(ref SynthRandom rng, long range, int count, Func<long, bool> allowed)
    {
        var picked = new HashSet<long>();
        var order = new List<long>(count);
        while (order.Count < count)
        {
            var p = rng.NextLong(range);
            if (allowed(p) && picked.Add(p))
            {
                order.Add(p);
            }
        }

        return order;
    }

    private static void WriteLeak(string path, Population people, List<long> members, ref SynthRandom rng)
    {
        using var stream = File.Create(path);
        using var w = new DelimitedWriter(stream, new UTF8Encoding(false), ',');
        w.WriteRow(["姓名", "手机号", "身份证号", "地址", "下单时间"]);
        foreach (var m in members)
        {
            var p = people.Get(m);
            var time = Seen.AddDays(-rng.Next(1, 90));
            w.WriteRow([p.Name, p.Mobile, p.ResidentId, p.Address, $"{time:yyyy-MM-dd} {rng.Next(0, 24):D2}:{rng.Next(0, 60):D2}"]);
        }
    }

    // A fraudster's number in a 170/171 virtual-operator segment, as such numbers often are.
    private static string Mobile(ref SynthRandom rng) => $"17{rng.Next(0, 2)}{rng.Next(0, 100_000_000):D8}";
}
