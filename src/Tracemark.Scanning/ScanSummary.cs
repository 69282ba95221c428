using Tracemark.Scanning.Analysis;
using Tracemark.Scanning.Input;

namespace Tracemark.Scanning;

/// <summary>How one column was read and what it held.</summary>
/// <param name="Column">Header text, or the 1-based column number.</param>
/// <param name="Reading">How it was read, and why ("cn_id (ID header '身份证号')").</param>
/// <param name="Values">Non-empty values.</param>
/// <param name="Found">Identifiers found.</param>
/// <param name="Masked">Masked (partial) values.</param>
/// <param name="Invalid">Values that were not a valid identifier of the column's kind.</param>
public sealed record ColumnProfile(string Column, string Reading, long Values, long Found, long Masked, long Invalid);

/// <summary>One table (a file, a sheet, an archive member) and what it held.</summary>
public sealed record TableSummary(
    string Source,
    string Format,
    string Encoding,
    long Records,
    IReadOnlyDictionary<string, long> Findings,
    IReadOnlyList<ColumnProfile> Columns);

/// <summary>Everything a scan found (docs/scan.md, "Summary JSON").</summary>
/// <param name="Files">Inputs read or attempted (archive members count one each).</param>
/// <param name="Records">Data records read.</param>
/// <param name="Persons">Distinct persons (linked by resident ID and mobile across all inputs).</param>
/// <param name="Bytes">Bytes read.</param>
/// <param name="Elapsed">Wall time.</param>
/// <param name="Kinds">Distinct valid identifiers per kind code.</param>
/// <param name="Occurrences">Findings per kind code, masked forms included.</param>
/// <param name="Tiers">The legal view.</param>
/// <param name="Encodings">Inputs per detected encoding or container.</param>
/// <param name="Errors">Every problem, with where it happened.</param>
/// <param name="Tables">Per table details.</param>
/// <param name="Demographics">Victims by province, age band and sex.</param>
/// <param name="Examples">Up to three canonical values per kind code, for people to judge findings (mask before showing).</param>
/// <param name="Notes">Things worth knowing that lost nothing (a very long line read in pieces).</param>
public sealed record ScanSummary(
    int Files,
    long Records,
    long Persons,
    long Bytes,
    TimeSpan Elapsed,
    IReadOnlyDictionary<string, long> Kinds,
    IReadOnlyDictionary<string, long> Occurrences,
    LegalAssessment Tiers,
    IReadOnlyDictionary<string, long> Encodings,
    IReadOnlyList<ScanError> Errors,
    IReadOnlyList<TableSummary> Tables,
    Demographics Demographics,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Examples,
    IReadOnlyList<ScanError> Notes)
{
    /// <summary>
    /// The newest date and time in a record-time column (下单时间, 入住时间, created_at …), when the data carries
    /// any: how fresh the records are, for grading a leak (docs/domain.md §4). Birth dates do not count.
    /// </summary>
    public DateTime? NewestRecord { get; init; }

    /// <summary>Credentials (accounts with passwords) per password shape: plain, md5, sha1, bcrypt, hash. Never a password.</summary>
    public IReadOnlyDictionary<string, long> Passwords { get; init; } = new Dictionary<string, long>();

    /// <summary>True when every input was read without a problem.</summary>
    public bool Complete => Errors.Count == 0;
}
