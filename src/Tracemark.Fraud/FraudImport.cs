using System.Globalization;
using Tracemark.Identifiers;
using Tracemark.Scanning;
using Tracemark.Scanning.Input;
using Tracemark.Store;
using Tracemark.Store.Fraud;
using Tracemark.Store.Tags;

namespace Tracemark.Fraud;

/// <summary>What `fraud import` did with one file.</summary>
/// <param name="Rows">Data rows read.</param>
/// <param name="Added">Reports new to the store.</param>
/// <param name="Unchanged">Reports whose report id the store already held (an import run again).</param>
/// <param name="ByType">Reports read per fraud type (after mapping the free text).</param>
/// <param name="Problems">Each bad row or unreadable part, "file:line: what is wrong"; those rows are not imported.</param>
public sealed record ImportResult(long Rows, long Added, long Unchanged, IReadOnlyDictionary<FraudType, long> ByType, IReadOnlyList<string> Problems);

/// <summary>
/// Reads anti-fraud reports (CSV, TSV, XLSX, JSON Lines — whatever the scanner's input layer reads; CSV with RFC 4180
/// quoting) and stores each as keyed tags: `report_id, time, victim_mobile | victim_id | victim_qq, fraud_type,
/// loss_yuan, [fraud_contact]` (docs/fraud.md). Bad rows are named with their line and skipped; the rest is kept.
/// </summary>
public static class FraudImport
{
    /// <summary>Problems listed at most; beyond that they are counted.</summary>
    public const int MaxProblems = 1000;

    private const int Batch = 20_000;

    // Column names as reports write them: the issue's names first, then the Chinese headers of police and bank exports.
    private static readonly (string Field, string[] Names)[] Columns =
    [
        ("report_id", ["report_id", "报案编号", "案件编号", "警情编号", "编号"]),
        ("time", ["time", "report_time", "报案时间", "案发时间", "时间", "日期"]),
        ("victim_mobile", ["victim_mobile", "mobile", "受害人手机", "受害人手机号", "手机号", "手机"]),
        ("victim_id", ["victim_id", "受害人身份证", "受害人身份证号", "身份证号", "身份证"]),
        ("victim_qq", ["victim_qq", "qq", "受害人qq"]),
        ("fraud_type", ["fraud_type", "诈骗类型", "案件类型", "类型"]),
        ("loss_yuan", ["loss_yuan", "loss", "损失金额", "涉案金额", "损失"]),
        ("fraud_contact", ["fraud_contact", "诈骗号码", "嫌疑人联系方式", "作案号码", "诈骗账号"]),
    ];

    private static readonly (IdentifierKind Kind, string Field)[] VictimFields =
        [(IdentifierKind.Mobile, "victim_mobile"), (IdentifierKind.ResidentId, "victim_id"), (IdentifierKind.Qq, "victim_qq")];

    /// <summary>Imports one file into the store's reports; idempotent by report id.</summary>
    public static ImportResult Import(KnownLeakStore store, string path, ScanMonitor? monitor = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(path);
        var problems = new List<string>();
        long problemCount = 0;
        void Problem(string text)
        {
            problemCount++;
            if (problems.Count < MaxProblems)
            {
                problems.Add(text);
            }
        }

        var reports = store.FraudReports;
        using var tagger = store.CreateTagger();
        var byType = new Dictionary<FraudType, long>();
        var batch = new List<(FraudReportRow, IReadOnlyList<VictimTag>)>(Batch);
        long rows = 0, added = 0, unchanged = 0;
        Dictionary<string, int>? at = null;
        IReadOnlyList<string>? header = null;
        var canonical = new char[Identifier.MaxCanonicalLength];

        void Flush()
        {
            var n = reports.Add(batch);
            added += n;
            unchanged += batch.Count - n;
            batch.Clear();
        }

        foreach (var record in TableFile.Read(path, e => Problem($"{e.Source}{(e.Record is { } r ? $":{r}" : string.Empty)}: {e.Message}"), monitor, cancellation))
        {
            if (record.IsHeader || !ReferenceEquals(record.Header, header))
            {
                header = record.Header;
                at = Locate(record.Header, out var missing);
                if (missing is not null)
                {
                    throw new FraudInputException($"{record.Source}: {missing} (columns found: {string.Join(", ", record.Header.Take(12))}); see docs/fraud.md for the columns a report file needs");
                }

                if (record.IsHeader)
                {
                    continue;
                }
            }

            rows++;
            string Get(string field) => at!.TryGetValue(field, out var i) && i < record.Fields.Count ? record.Fields[i].Trim() : string.Empty;
            var where = $"{record.Source}:{record.Line}";
            var id = Get("report_id");
            if (id.Length == 0)
            {
                Problem($"{where}: no report_id");
                continue;
            }

            if (!TryDay(Get("time"), out var day))
            {
                Problem($"{where}: time '{Get("time")}' is not a date (write 2026-03-05 or 2026-03-05 14:20)");
                continue;
            }

            if (!TryLoss(Get("loss_yuan"), out var fen))
            {
                Problem($"{where}: loss_yuan '{Get("loss_yuan")}' is not an amount in yuan (write 12000 or 12,000.50)");
                continue;
            }

            var victims = new List<VictimTag>(3);
            string? bad = null;
            foreach (var (kind, field) in VictimFields)
            {
                var raw = Get(field);
                if (raw.Length == 0)
                {
                    continue;
                }

                var verdict = Identifier.Check(kind, raw, canonical);
                if (!verdict.IsValid)
                {
                    // The value itself is not repeated: it may be a real person's number.
                    bad = $"{where}: {field} is not a valid {kind.Label()} ({verdict.Explain()})";
                    break;
                }

                victims.Add(new VictimTag(tagger.Make(kind, canonical.AsSpan(0, verdict.Length)), (byte)kind));
            }

            if (bad is not null || victims.Count == 0)
            {
                Problem(bad ?? $"{where}: no victim_mobile, victim_id or victim_qq: a report needs one to be linked");
                continue;
            }

            var type = FraudTypes.Map(Get("fraud_type"));
            byType[type] = byType.GetValueOrDefault(type) + 1;
            var (contact, masked) = Contact(tagger, Get("fraud_contact"), canonical);
            batch.Add((new FraudReportRow(0, id, day, type.Code(), fen, victims[0].Tag, contact, masked), victims));
            if (batch.Count == Batch)
            {
                Flush();
            }
        }

        Flush();
        if (problemCount > problems.Count)
        {
            problems.Add($"… and {problemCount - problems.Count:N0} more problems");
        }

        return new ImportResult(rows, added, unchanged, byType, problems);
    }

    /// <summary>The column of each field; the reason the header cannot be read when a required one is missing.</summary>
    private static Dictionary<string, int> Locate(IReadOnlyList<string> header, out string? missing)
    {
        var at = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < header.Count; i++)
        {
            var name = header[i].Trim().Trim('\uFEFF').ToLowerInvariant();
            foreach (var (field, names) in Columns)
            {
                if (!at.ContainsKey(field) && names.Contains(name))
                {
                    at[field] = i;
                    break;
                }
            }
        }

        missing = !at.ContainsKey("report_id") ? "no report_id column"
            : !at.ContainsKey("time") ? "no time column"
            : !VictimFields.Any(v => at.ContainsKey(v.Field)) ? "no victim_mobile, victim_id or victim_qq column"
            : null;
        return at;
    }

    private static readonly string[] DayFormats =
    [
        "yyyy-M-d", "yyyy-M-d H:m", "yyyy-M-d H:m:s", "yyyy-M-dTH:m:s", "yyyy-M-dTH:m", "yyyy/M/d", "yyyy/M/d H:m", "yyyy/M/d H:m:s", "yyyyMMdd", "yyyy.M.d",
    ];

    /// <summary>The report's date in Beijing time as days since 1970-01-01; times with an offset are converted first.</summary>
    internal static bool TryDay(string text, out int day)
    {
        day = 0;
        var t = text.Trim().Replace('年', '-').Replace('月', '-').Replace("日", string.Empty, StringComparison.Ordinal);
        if (t.Length == 0)
        {
            return false;
        }

        DateOnly date;
        if ((t.Contains('+', StringComparison.Ordinal) || t.EndsWith('Z')) && DateTimeOffset.TryParse(t, CultureInfo.InvariantCulture, DateTimeStyles.None, out var offset))
        {
            date = DateOnly.FromDateTime(offset.ToOffset(TimeSpan.FromHours(8)).DateTime);
        }
        else if (DateTime.TryParseExact(t, DayFormats, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var local))
        {
            date = DateOnly.FromDateTime(local);
        }
        else
        {
            return false;
        }

        day = date.DayNumber - DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber;
        return true;
    }

    /// <summary>A loss in yuan ("12000", "¥12,000.50", "3000元", empty = 0) as fen; negative or unreadable amounts are refused.</summary>
    internal static bool TryLoss(string text, out long fen)
    {
        fen = 0;
        var t = text.Trim().TrimStart('¥', '￥').Replace("元", string.Empty, StringComparison.Ordinal).Replace(",", string.Empty, StringComparison.Ordinal).Trim();
        if (t.Length == 0)
        {
            return true;
        }

        if (!decimal.TryParse(t, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var yuan) || yuan > 1_000_000_000_000m)
        {
            return false;
        }

        fen = (long)decimal.Round(yuan * 100, MidpointRounding.AwayFromZero);
        return true;
    }

    // The fraudster's number or account: tagged as the identifier it is when it is one, else as a labelled value; shown masked.
    private static (Tag?, string?) Contact(Tagger tagger, string raw, char[] canonical)
    {
        if (raw.Length == 0)
        {
            return (null, null);
        }

        foreach (var kind in (ReadOnlySpan<IdentifierKind>)[IdentifierKind.Mobile, IdentifierKind.Landline, IdentifierKind.Qq, IdentifierKind.Email])
        {
            var verdict = Identifier.Check(kind, raw, canonical);
            if (verdict.IsValid)
            {
                var value = new string(canonical, 0, verdict.Length);
                return (tagger.Make(kind, value), Masking.Mask(kind, value));
            }
        }

        return (tagger.MakeLabeled("fraud_contact", raw), Masking.MaskUnknown(raw));
    }
}

/// <summary>A report file that cannot be read as reports at all (no report_id column …): nothing is imported.</summary>
public sealed class FraudInputException(string message) : Exception(message);
