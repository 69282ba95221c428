using Tracemark.Synthetic.Output;
using Tracemark.Synthetic.Shapes;
using Tracemark.Synthetic.Truth;

namespace Tracemark.Synthetic;

/// <summary>What to generate.</summary>
/// <param name="OutputDirectory">Folder for the output: leak files in leaks/, truth in truth/, manifest.json beside them.</param>
/// <param name="Seed">Same seed, same bytes.</param>
/// <param name="People">Size of the shared population the records draw from (with replacement).</param>
/// <param name="Records">Records per dataset.</param>
/// <param name="Noise">Share of identifiers disfigured (reformatted, masked, mistyped or missing).</param>
/// <param name="Shapes">Shape names to generate; empty for all.</param>
/// <param name="WriteTruth">Write the per-record ground truth files (through the truth writer <see cref="LeakCorpus.Generate"/> is given).</param>
public sealed record SynthOptions(
    string OutputDirectory,
    long Seed = 1,
    long People = 5_000,
    long Records = 1_000,
    double Noise = 0.12,
    IReadOnlyList<string>? Shapes = null,
    bool WriteTruth = true);

/// <summary>One generated file and the counts a correct scanner must reproduce.</summary>
public sealed record DatasetManifest(
    string File,
    string Shape,
    string Format,
    string Encoding,
    long Records,
    long Persons,
    IReadOnlyDictionary<string, long> Valid,
    IReadOnlyDictionary<string, long> Distinct,
    IReadOnlyDictionary<string, long> Masked,
    IReadOnlyDictionary<string, long> Invalid,
    long Decoys,
    string? Truth);

/// <summary>Everything generated: per dataset and across all of them (people repeat across files).</summary>
public sealed record CorpusManifest(
    long Seed,
    long People,
    double Noise,
    IReadOnlyList<DatasetManifest> Datasets,
    long Records,
    long Persons,
    IReadOnlyDictionary<string, long> Distinct);

/// <summary>Generates a folder of synthetic leak files with ground truth (docs/synth.md).</summary>
public static class LeakCorpus
{
    private static readonly LeakShape[] AllShapes =
        [new CourierExport(), new LoanApplications(), new HotelCheckins(), new MaterialsDump(), new ChatLog(), new AppBackend(), new DecoyOrders()];

    /// <summary>Subfolder holding the leak files (scan this one: truth/ holds the answers).</summary>
    public const string LeaksFolder = "leaks";

    /// <summary>Shape names in generation order.</summary>
    public static IReadOnlyList<string> ShapeNames { get; } = [.. AllShapes.Select(s => s.Name)];

    /// <summary>Describes a shape in one line (for --help).</summary>
    public static string Describe(string shape) => shape switch
    {
        "courier" => "courier-waybills.csv: GBK CSV, sender and recipient, waybill and order numbers",
        "loan" => "loan-applications.xlsx: two sheets, ID/mobile/card, 有资金需求 remarks, Luhn serials",
        "hotel" => "hotel-checkins.txt: UTF-16 tab-separated, IDs/passports/permits, ID-shaped order numbers",
        "dump" => "materials-dump.txt: GB18030 name----phone----ID lines",
        "chat" => "chat-log.txt: chat lines with identifiers inside sentences",
        "app" => "app-users.jsonl: app back-end JSON Lines with +86 phones and missing fields",
        "decoys" => "orders-decoys.csv: only identifier-shaped non-personal numbers (must yield zero findings)",
        _ => throw new ArgumentOutOfRangeException(nameof(shape), shape, "unknown shape"),
    };

    /// <summary>Records that <paramref name="options"/> will produce in all (for progress bars).</summary>
    public static long TotalRecords(SynthOptions options) =>
        Selected(options).Sum(s => s is LoanApplications ? options.Records + (options.Records / 3) : options.Records);

    /// <summary>
    /// Writes the selected shapes, their truth files and manifest.json. Streams: memory is a few bytes per member
    /// of the population plus buffers, whatever the number of records. <paramref name="progress"/> receives record counts.
    /// manifest.json is written by <paramref name="writeManifest"/> (the CLI's Tracemark.Reports record, which this
    /// layer may not reference); without it no manifest file is written. Likewise each record's truth goes, in order,
    /// to <paramref name="writeTruth"/> with the stream of its dataset's truth/NAME.truth.jsonl; datasets are written in
    /// parallel, so it is called from several threads at once, each with its own stream. Truth files are written only
    /// when <see cref="SynthOptions.WriteTruth"/> is set and a truth writer is given (else the manifests' truth is null).
    /// </summary>
    public static CorpusManifest Generate(SynthOptions options, Action<CorpusManifest, Stream>? writeManifest = null, Action<long>? progress = null, Action<RecordTruth, Stream>? writeTruth = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Records, 0);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Noise, 0.0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.Noise, 1.0);
        var shapes = Selected(options);
        Directory.CreateDirectory(Path.Combine(options.OutputDirectory, LeaksFolder));
        var truthDir = Path.Combine(options.OutputDirectory, "truth");
        if (options.WriteTruth && writeTruth is not null)
        {
            Directory.CreateDirectory(truthDir);
        }

        var population = new Population(options.Seed, options.People);
        var results = new (DatasetManifest Manifest, PersonTally Tally)[shapes.Length];

        // Shapes are independent (each record depends only on seed, dataset and index), so they run in parallel;
        // the output is the same bytes whatever the scheduling.
        Parallel.For(0, shapes.Length, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
            results[i] = WriteDataset(shapes[i], population, options, progress, writeTruth));

        var total = new PersonTally(options.People);
        foreach (var (_, tally) in results)
        {
            total.Merge(tally);
        }

        var datasets = results.Select(r => r.Manifest).ToList();
        var manifest = new CorpusManifest(options.Seed, options.People, options.Noise, datasets, datasets.Sum(d => d.Records), total.Persons(), total.Distinct());
        if (writeManifest is not null)
        {
            using var stream = OpenWrite(Path.Combine(options.OutputDirectory, "manifest.json"));
            writeManifest(manifest, stream);
        }

        return manifest;
    }

    private static (DatasetManifest, PersonTally) WriteDataset(LeakShape shape, Population population, SynthOptions options, Action<long>? progress, Action<RecordTruth, Stream>? writeTruth)
    {
        var tally = new PersonTally(options.People);
        var truthName = options.WriteTruth && writeTruth is not null ? Path.Combine("truth", Path.GetFileNameWithoutExtension(shape.FileName) + ".truth.jsonl") : null;
        ShapeRun run;
        using (var truth = truthName is null ? null : OpenWrite(Path.Combine(options.OutputDirectory, truthName)))
        using (var output = OpenWrite(Path.Combine(options.OutputDirectory, LeaksFolder, shape.FileName)))
        {
            run = new ShapeRun(population, (ulong)options.Seed, Array.IndexOf(AllShapes, shape), options.Records, options.Noise, truth is null ? null : t => writeTruth!(t, truth), tally, progress);
            shape.Write(output, run);
            run.Finish();
        }

        var manifest = new DatasetManifest(
            shape.FileName,
            shape.Name,
            shape.Format,
            TextEncodings.Label(shape.Encoding),
            run.Written,
            tally.Persons(),
            Count(run, "valid"),
            tally.Distinct(),
            Count(run, "masked"),
            Count(run, "invalid"),
            run.Counts.Where(c => c.Key.Status == "decoy").Sum(c => c.Value),
            truthName?.Replace('\\', '/'));
        return (manifest, tally);
    }

    private static LeakShape[] Selected(SynthOptions options)
    {
        if (options.Shapes is null || options.Shapes.Count == 0)
        {
            return AllShapes;
        }

        foreach (var name in options.Shapes)
        {
            if (!ShapeNames.Contains(name))
            {
                throw new ArgumentException($"unknown shape '{name}'; known: {string.Join(", ", ShapeNames)}", nameof(options));
            }
        }

        return [.. AllShapes.Where(s => options.Shapes.Contains(s.Name))];
    }

    private static FileStream OpenWrite(string path) =>
        new(path, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 16);

    private static SortedDictionary<string, long> Count(ShapeRun run, string status) =>
        new(run.Counts.Where(c => c.Key.Status == status).ToDictionary(c => c.Key.Kind, c => c.Value), StringComparer.Ordinal);
}
