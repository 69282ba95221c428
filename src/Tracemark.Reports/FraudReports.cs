using System.Text.Json.Serialization;
using Tracemark.Fraud;
using Tracemark.Identifiers;

namespace Tracemark.Reports;

/// <summary>
/// What `tracemark fraud link --json` prints (docs/fraud.md): every complete leak, most harmful first, then per fraud
/// contact (masked) the leaks its victims share. Printed on one line, as it was before it moved here.
/// </summary>
public sealed record FraudLinkReport(IReadOnlyList<FraudLeakReport> Leaks, IReadOnlyList<FraudContactReport> Contacts)
{
    /// <summary>The contract of a link; ratios rounded to four decimals.</summary>
    public static FraudLinkReport From(LinkReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new(
            [.. report.Leaks.Select(l => new FraudLeakReport(
                l.Dataset.Name, l.Victims, R(l.Expected), R(l.Lift), R(l.LiftLow), R(l.LiftHigh),
                [.. l.FraudTypes.Select(t => new FraudTypeReport(FraudValues.Type(t.Type), t.Victims, R(t.Expected), R(t.Lift), R(t.LiftLow), R(t.LiftHigh)))],
                l.DaysToReport, l.LossYuan))],
            [.. report.Contacts.Select(c => new FraudContactReport(c.Contact, c.Victims, [.. c.Leaks.Select(s => new FraudSharedLeakReport(s.Dataset, s.Victims))]))]);
    }

    internal static double R(double x) => Math.Round(x, 4);
}

/// <summary>One leak in `fraud link --json`: its victims against chance, the over-represented types, days to report, loss.</summary>
public sealed record FraudLeakReport(string Dataset, long Victims, double Expected, double Lift, double LiftLow, double LiftHigh, IReadOnlyList<FraudTypeReport> FraudTypes, int? DaysToReport, decimal LossYuan);

/// <summary>One over-represented fraud type of a leak (the type's code).</summary>
public sealed record FraudTypeReport(FraudTypeCode Type, long Victims, double Expected, double Lift, double LiftLow, double LiftHigh);

/// <summary>One fraudster's number or account (masked), its distinct victims, and each leak holding at least two of them.</summary>
public sealed record FraudContactReport(string Contact, long Victims, IReadOnlyList<FraudSharedLeakReport> Leaks);

/// <summary>A leak and how many of one contact's victims it holds.</summary>
public sealed record FraudSharedLeakReport(string Dataset, long Victims);

/// <summary>One leak a person is in (`fraud who --json` prints a list of these, newest sighting first).</summary>
public sealed record FraudWhoReport(string Dataset, string Category, DateOnly Seen, DateOnly FirstSeen, IReadOnlyList<string> Kinds, FreshnessGrade Freshness)
{
    /// <summary>The contract of a `fraud who`.</summary>
    public static IReadOnlyList<FraudWhoReport> From(IReadOnlyList<PersonLeak> leaks)
    {
        ArgumentNullException.ThrowIfNull(leaks);
        return [.. leaks.Select(p => new FraudWhoReport(p.Dataset.Name, p.Dataset.Category, p.Dataset.Seen, p.FirstSeen, p.Kinds, ReportValues.Freshness(p.Freshness.Grade)))];
    }
}

/// <summary>What `fraud sample --json` prints: the sample drawn, how many were reported, the share and its Wilson 95 % interval.</summary>
public sealed record FraudSampleReport(string Dataset, string Kind, long Drawn, long Reported, double Share, double Low, double High, string Interval, int Seed)
{
    /// <summary>The contract of a sample.</summary>
    public static FraudSampleReport From(SampleResult s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return new(s.Dataset.Name, IdentifierKinds.Code(s.Kind), s.Drawn, s.Reported, FraudLinkReport.R(s.Share), FraudLinkReport.R(s.Low), FraudLinkReport.R(s.High), "wilson-95", s.Seed);
    }
}

/// <summary>What `fraud import --json` prints per file: rows read, reports added, already held, per fraud type, bad rows.</summary>
public sealed record FraudImportReport(string File, long Rows, long Added, long Unchanged, IReadOnlyDictionary<string, long> FraudTypes, IReadOnlyList<string> Problems)
{
    /// <summary>The contract of one file's import.</summary>
    public static FraudImportReport From(string file, ImportResult r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return new(file, r.Rows, r.Added, r.Unchanged, r.ByType.ToDictionary(kv => kv.Key.Code(), kv => kv.Value), r.Problems);
    }
}

/// <summary>A fraud type as reports are sorted into it (Tracemark.Fraud's FraudType, by its code).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<FraudTypeCode>))]
public enum FraudTypeCode
{
    /// <summary>其他: a type outside the list, or none given.</summary>
    [JsonStringEnumMemberName("other")]
    Other,

    /// <summary>刷单返利.</summary>
    [JsonStringEnumMemberName("rebate_task")]
    RebateTask,

    /// <summary>虚假网络投资理财.</summary>
    [JsonStringEnumMemberName("investment")]
    Investment,

    /// <summary>网络婚恋交友 (杀猪盘).</summary>
    [JsonStringEnumMemberName("romance")]
    Romance,

    /// <summary>虚假网络贷款.</summary>
    [JsonStringEnumMemberName("loan")]
    Loan,

    /// <summary>虚假征信.</summary>
    [JsonStringEnumMemberName("credit_record")]
    CreditRecord,

    /// <summary>冒充电商物流客服.</summary>
    [JsonStringEnumMemberName("impersonate_customer_service")]
    ImpersonateCustomerService,

    /// <summary>冒充公检法.</summary>
    [JsonStringEnumMemberName("impersonate_police")]
    ImpersonatePolice,

    /// <summary>冒充领导熟人.</summary>
    [JsonStringEnumMemberName("impersonate_acquaintance")]
    ImpersonateAcquaintance,

    /// <summary>网络游戏产品虚假交易.</summary>
    [JsonStringEnumMemberName("game_trade")]
    GameTrade,

    /// <summary>虚假购物服务.</summary>
    [JsonStringEnumMemberName("shopping")]
    Shopping,
}

/// <summary>Maps Tracemark.Fraud's values onto the contract enums.</summary>
public static class FraudValues
{
    /// <summary>A fraud type as `fraud link --json` prints it.</summary>
    public static FraudTypeCode Type(FraudType type) => type switch
    {
        FraudType.Other => FraudTypeCode.Other,
        FraudType.RebateTask => FraudTypeCode.RebateTask,
        FraudType.Investment => FraudTypeCode.Investment,
        FraudType.Romance => FraudTypeCode.Romance,
        FraudType.Loan => FraudTypeCode.Loan,
        FraudType.CreditRecord => FraudTypeCode.CreditRecord,
        FraudType.ImpersonateCustomerService => FraudTypeCode.ImpersonateCustomerService,
        FraudType.ImpersonatePolice => FraudTypeCode.ImpersonatePolice,
        FraudType.ImpersonateAcquaintance => FraudTypeCode.ImpersonateAcquaintance,
        FraudType.GameTrade => FraudTypeCode.GameTrade,
        FraudType.Shopping => FraudTypeCode.Shopping,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "not a fraud type"),
    };
}
