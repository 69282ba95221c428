using System.Globalization;
using System.Text;

namespace Tracemark.Synthetic.Owners;

/// <summary>One scenario written to disk: its sample file and who leaked it.</summary>
/// <param name="File">Sample path relative to the output folder.</param>
/// <param name="Kind">Scenario kind.</param>
/// <param name="Truth">Names of the leaking channels; empty when no channel leaked.</param>
/// <param name="Records">Records in the sample.</param>
/// <param name="Form">How the sample is written: plain, reformatted or columns-dropped (see <see cref="OwnerFiles"/>).</param>
public sealed record ScenarioFile(string File, string Kind, IReadOnlyList<string> Truth, int Records, string Form);

/// <summary>
/// Writes a synthetic owner as the files `tracemark owner import` reads (docs/owner-data.md): customers.csv,
/// channels.csv, access.csv; plus scenarios/ with leak samples, scenarios.json with their truth, and
/// older-leak.csv, the customers already in earlier leaks (ingest it to make contamination visible).
/// Customers are people of a <see cref="Population"/>; outsiders in samples are people beyond the customer range.
/// </summary>
public static class OwnerFiles
{
    private static readonly DateTime Start = new(2025, 11, 1, 0, 0, 0, DateTimeKind.Unspecified);

    /// <summary>The date samples are "seen": the day after the access window.</summary>
    public static DateOnly SeenDate(OwnerOptions options) => DateOnly.FromDateTime(Start).AddDays(options?.Days ?? 30);

    /// <summary>The leak samples' truth, under the output folder.</summary>
    public const string ScenariosFile = "scenarios.json";

    /// <summary>
    /// Writes the owner's files and its leak samples under <paramref name="folder"/>, and scenarios.json through
    /// <paramref name="writeScenarios"/> (the CLI's Tracemark.Reports record, which this layer may not reference);
    /// without it no scenarios.json is written.
    /// </summary>
    public static IReadOnlyList<ScenarioFile> Write(OwnerWorld world, string folder, ulong seed, int samplesPerKind = 2, int sampleSize = 50, double contamination = 0.2, Action<IReadOnlyList<ScenarioFile>, Stream>? writeScenarios = null)
    {
        ArgumentNullException.ThrowIfNull(world);
        Directory.CreateDirectory(folder);
        var people = new Population((long)seed, world.Options.Customers * 2L);
        var scenarios = new List<(LeakScenario Scenario, string File)>();
        var n = 0;
        foreach (var kind in Enum.GetValues<ScenarioKind>())
        {
            for (var i = 0; i < samplesPerKind; i++)
            {
                var s = LeakScenario.Draw(world, kind, sampleSize, contamination, seed + (ulong)(n * 131) + 17);
                scenarios.Add((s, $"scenarios/{n + 1:D3}-{Kebab(kind)}.{(Forms[n % Forms.Length] == "reformatted" ? "txt" : "csv")}"));
                n++;
            }
        }

        WriteCustomers(world, people, Path.Combine(folder, "customers.csv"));
        WriteChannels(world, Path.Combine(folder, "channels.csv"));
        WriteContracts(world, Path.Combine(folder, "contracts.csv"));
        WriteAccess(world, scenarios.Select(s => s.Scenario).ToList(), Path.Combine(folder, "access.csv"), seed);
        WriteOlderLeak(world, people, Path.Combine(folder, "older-leak.csv"));

        Directory.CreateDirectory(Path.Combine(folder, "scenarios"));
        var files = new List<ScenarioFile>();
        var outsider = world.Options.Customers;
        for (var k = 0; k < scenarios.Count; k++)
        {
            var (s, file) = scenarios[k];
            var form = Forms[k % Forms.Length];
            var rows = s.Sample.Select(r => people.Get(r.Customer >= 0 ? r.Customer : outsider++)).ToList();
            WriteSample(Path.Combine(folder, file), form, rows);
            files.Add(new ScenarioFile(file, Kebab(s.Kind), [.. s.Truth.Select(t => world.Channels[t].Name)], s.Sample.Count, form));
        }

        if (writeScenarios is not null)
        {
            using var stream = File.Create(Path.Combine(folder, ScenariosFile));
            writeScenarios(files, stream);
        }

        return files;
    }

    // Brokers re-cut what they take: the same records reach the owner as the insider's plain export, re-typed by a
    // reseller (English headers, another column order, tabs, GB18030, "+86 138-0000-0000", a lower-case x), or
    // with columns dropped (name and mobile only). Samples cycle through the forms so a trace is tried on each.
    private static readonly string[] Forms = ["plain", "reformatted", "columns-dropped"];

    private static void WriteSample(string path, string form, List<SyntheticPerson> rows)
    {
        switch (form)
        {
            case "reformatted":
                Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
                using (var w = new StreamWriter(path, false, Encoding.GetEncoding("GB18030")))
                {
                    w.WriteLine("id_card\taddress\tphone\tname");
                    foreach (var p in rows)
                    {
                        var m = p.Mobile;
                        w.WriteLine($"{p.ResidentId.ToLowerInvariant()}\t{p.Address}\t+86 {m[..3]}-{m[3..7]}-{m[7..]}\t{p.Name}");
                    }
                }

                break;
            case "columns-dropped":
                using (var w = Writer(path))
                {
                    w.WriteLine("联系人,联系电话");
                    foreach (var p in rows)
                    {
                        w.WriteLine($"{p.Name},{p.Mobile}");
                    }
                }

                break;
            default:
                using (var w = Writer(path))
                {
                    w.WriteLine("姓名,手机号,身份证号,地址");
                    foreach (var p in rows)
                    {
                        w.WriteLine($"{p.Name},{p.Mobile},{p.ResidentId},{p.Address}");
                    }
                }

                break;
        }
    }

    private static string Kebab(ScenarioKind kind) => kind.Code();

    private static StreamWriter Writer(string path) => new(path, false, new UTF8Encoding(false), 1 << 16);

    private static void WriteCustomers(OwnerWorld world, Population people, string path)
    {
        using var w = Writer(path);
        w.WriteLine("customer_id,name,mobile,cn_id,email,address");
        for (var i = 0; i < world.Options.Customers; i++)
        {
            var p = people.Get(i);
            w.WriteLine($"C{i:D7},{p.Name},{p.Mobile},{p.ResidentId},{p.Email},{p.Address}");
        }
    }

    private static void WriteOlderLeak(OwnerWorld world, Population people, string path)
    {
        using var w = Writer(path);
        w.WriteLine("姓名,手机号,身份证号");
        for (var i = 0; i < world.Options.Customers; i++)
        {
            if (world.InKnownLeak[i])
            {
                var p = people.Get(i);
                w.WriteLine($"{p.Name},{p.Mobile},{p.ResidentId}");
            }
        }
    }

    private static void WriteChannels(OwnerWorld world, string path)
    {
        using var w = Writer(path);
        w.WriteLine("channel_id,kind,unit,active_from,active_to");
        foreach (var c in world.Channels)
        {
            var unit = c.Unit >= 0 ? $"outlet{c.Unit:D2}" : string.Empty;
            w.WriteLine($"{c.Name},{c.Kind.ToString().ToLowerInvariant()},{unit},{Start:yyyy-MM-dd},");
        }
    }

    // What each partner's contract allows (`tracemark audit --contracts`): a masked mobile is enough to deliver.
    private static void WriteContracts(OwnerWorld world, string path)
    {
        using var w = Writer(path);
        w.WriteLine("channel_id,fields");
        foreach (var c in world.Channels.Where(c => c.Kind == ChannelKind.Partner))
        {
            w.WriteLine($"{c.Name},name;mobile_masked;address");
        }
    }

    // Employees and admins view customers in working hours on their own device; partners and the nightly export get
    // batch exports; API clients query around the clock; a rented account's bulk look-ups come at night from a device
    // never seen before.
    private static void WriteAccess(OwnerWorld world, List<LeakScenario> scenarios, string path, ulong seed)
    {
        var rng = new SynthRandom(seed, 0xacce55, 0);
        var days = world.Options.Days;
        using var w = Writer(path);
        w.WriteLine("time,channel_id,customer_id,action,device,ip,fields");
        foreach (var c in world.Channels)
        {
            var device = $"dev-{c.Id:D5}";
            var ip = $"10.{c.Id / 250 % 250}.{c.Id % 250}.{(c.Kind == ChannelKind.Employee ? 10 : 20)}";
            var exportTime = Start.AddDays(rng.Next(days)).AddHours(2);
            foreach (var customer in world.Accessed[c.Id])
            {
                switch (c.Kind)
                {
                    case ChannelKind.Partner:
                    case ChannelKind.Export:
                        Row(w, exportTime, c.Name, customer, "export", device, ip, c.Kind == ChannelKind.Partner ? PartnerFields : "name;mobile;cn_id;address");
                        break;
                    case ChannelKind.Api:
                        Row(w, Start.AddSeconds(rng.NextLong(days * 86_400L)), c.Name, customer, "api", device, ip, "name;mobile_masked");
                        break;
                    default:
                        var views = 1 + (rng.Chance(0.3) ? 1 : 0);
                        for (var v = 0; v < views; v++)
                        {
                            var when = Start.AddDays(rng.Next(days)).AddHours(8 + rng.Next(11)).AddSeconds(rng.Next(3600));
                            Row(w, when, c.Name, customer, rng.Chance(0.8) ? "view" : "search", device, ip, c.Kind == ChannelKind.Employee ? "name;mobile_masked;address" : "name;mobile;cn_id;address");
                        }

                        break;
                }
            }
        }

        foreach (var s in scenarios.Where(s => s.ExtraAccess.Count > 0))
        {
            var c = world.Channels[s.Truth[0]];
            var night = Start.AddDays(days - 3).AddHours(1);
            var i = 0;
            foreach (var customer in s.ExtraAccess)
            {
                Row(w, night.AddSeconds(i++ * 2), c.Name, customer, "search", $"dev-unknown-{c.Id:D5}", "203.0.113.7", "name;mobile;address");
            }
        }
    }

    // The fields each access returned (access.csv's optional fields column, docs/owner-data.md): employees see masked
    // mobiles; admins and the nightly export fetch everything; partners receive full mobiles, one field more than the
    // contract `synth owner` writes for them (contracts.csv) — what `tracemark audit` finds.
    private const string PartnerFields = "name;mobile;address";

    private static void Row(StreamWriter w, DateTime time, string channel, int customer, string action, string device, string ip, string fields) =>
        w.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{time:yyyy-MM-ddTHH:mm:ss},{channel},C{customer:D7},{action},{device},{ip},{fields}"));
}
