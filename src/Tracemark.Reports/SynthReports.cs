namespace Tracemark.Reports;

/// <summary>
/// manifest.json of <c>tracemark synth</c> (also what <c>synth --json</c> prints): the run's settings, totals and one
/// entry per leak file. Count maps are sorted by kind code (ordinal) so that the same seed gives the same bytes.
/// </summary>
public sealed record SynthManifestReport(
    string Generator,
    long Seed,
    long People,
    double Noise,
    long Records,
    long Persons,
    IReadOnlyDictionary<string, long> Distinct,
    IReadOnlyList<SynthDatasetReport> Datasets);

/// <summary>One leak file of the synthetic corpus: its format, record counts per kind, decoys and its truth file.</summary>
public sealed record SynthDatasetReport(
    string File,
    SynthShape Shape,
    TableFormatName Format,
    EncodingName Encoding,
    long Records,
    long Persons,
    IReadOnlyDictionary<string, long> Valid,
    IReadOnlyDictionary<string, long> Distinct,
    IReadOnlyDictionary<string, long> Masked,
    IReadOnlyDictionary<string, long> Invalid,
    long Decoys,
    string? Truth);
