namespace Tracemark.Fraud;

/// <summary>
/// The closed list of fraud types reports are sorted into (docs/fraud.md): the ten high-incidence types of
/// telecom and online fraud the Ministry of Public Security and the 国家反诈中心 publish, and Other.
/// </summary>
public enum FraudType
{
    /// <summary>其他 — a type outside the list, or none given.</summary>
    Other = 0,
    /// <summary>刷单返利 — paid "tasks" (likes, fake orders) that end in deposits.</summary>
    RebateTask,
    /// <summary>虚假网络投资理财 — fake investment, stock tips, crypto platforms.</summary>
    Investment,
    /// <summary>网络婚恋交友 (杀猪盘) — a made-up romance that leads into "investing".</summary>
    Romance,
    /// <summary>虚假网络贷款 — a loan that needs "fees" or a "deposit" first.</summary>
    Loan,
    /// <summary>虚假征信 — "clear your credit record" / "close your student loan account".</summary>
    CreditRecord,
    /// <summary>冒充电商物流客服 — fake customer service offering a refund or compensation for an order or parcel.</summary>
    ImpersonateCustomerService,
    /// <summary>冒充公检法 — fake police, prosecutors or courts ("your account is involved in money laundering").</summary>
    ImpersonatePolice,
    /// <summary>冒充领导熟人 — a boss, teacher or relative in need of money.</summary>
    ImpersonateAcquaintance,
    /// <summary>网络游戏产品虚假交易 — game accounts, gear or currency never delivered.</summary>
    GameTrade,
    /// <summary>虚假购物服务 — goods or services paid for and never delivered.</summary>
    Shopping,
}

/// <summary>Codes, labels and the mapping of free text (as reports write the type) onto <see cref="FraudType"/>.</summary>
public static class FraudTypes
{
    private static readonly (FraudType Type, string Code, string Chinese, string English)[] Table =
    [
        (FraudType.RebateTask, "rebate_task", "刷单返利", "paid-task rebate scam"),
        (FraudType.Investment, "investment", "虚假投资理财", "fake investment"),
        (FraudType.Romance, "romance", "婚恋交友（杀猪盘）", "romance scam (pig butchering)"),
        (FraudType.Loan, "loan", "虚假贷款", "fake loan"),
        (FraudType.CreditRecord, "credit_record", "虚假征信", "fake credit-record repair"),
        (FraudType.ImpersonateCustomerService, "impersonate_customer_service", "冒充电商物流客服", "fake shop or courier customer service"),
        (FraudType.ImpersonatePolice, "impersonate_police", "冒充公检法", "fake police, prosecutor or court"),
        (FraudType.ImpersonateAcquaintance, "impersonate_acquaintance", "冒充领导熟人", "fake boss, teacher or relative"),
        (FraudType.GameTrade, "game_trade", "游戏虚假交易", "fake game trade"),
        (FraudType.Shopping, "shopping", "虚假购物服务", "fake shopping or service"),
        (FraudType.Other, "other", "其他", "other"),
    ];

    // Tried in this order: the specific scripts first, since a report's text often names several ("冒充客服称需注销校园贷
    // 否则影响征信" is credit-record fraud; "冒充客服退款" is customer-service fraud).
    private static readonly (FraudType Type, string[] Words)[] Keywords =
    [
        (FraudType.CreditRecord, ["征信", "校园贷", "注销账户", "注销账号", "不良记录", "credit record"]),
        (FraudType.ImpersonatePolice, ["公检法", "公安", "检察", "法院", "警察", "警官", "洗钱", "通缉", "police"]),
        (FraudType.ImpersonateCustomerService, ["客服", "退款", "理赔", "快递丢失", "退货", "customer service", "refund"]),
        (FraudType.ImpersonateAcquaintance, ["领导", "熟人", "亲友", "老师", "冒充好友", "冒充亲属", "acquaintance"]),
        (FraudType.RebateTask, ["刷单", "返利", "做任务", "点赞", "兼职", "rebate"]),
        (FraudType.Romance, ["杀猪盘", "婚恋", "交友", "网恋", "相亲", "romance", "pig butchering"]),
        (FraudType.Investment, ["投资", "理财", "炒股", "股票", "荐股", "虚拟货币", "数字货币", "期货", "外汇", "博彩", "investment"]),
        (FraudType.Loan, ["贷款", "网贷", "借款", "放款", "额度", "loan"]),
        (FraudType.GameTrade, ["游戏", "装备", "点卡", "game"]),
        (FraudType.Shopping, ["购物", "代购", "网购", "低价", "商品", "shopping"]),
    ];

    /// <summary>Every type, in display order (Other last).</summary>
    public static IReadOnlyList<FraudType> All { get; } = [.. Table.Select(t => t.Type)];

    /// <summary>The stable snake_case code ("rebate_task") used in the store and in JSON.</summary>
    public static string Code(this FraudType type) => Row(type).Code;

    /// <summary>The Chinese label ("刷单返利").</summary>
    public static string Chinese(this FraudType type) => Row(type).Chinese;

    /// <summary>The English label.</summary>
    public static string English(this FraudType type) => Row(type).English;

    /// <summary>The type of a code written by <see cref="Code"/>; Other for anything else.</summary>
    public static FraudType FromCode(string code) => Table.FirstOrDefault(t => t.Code == code) is { Code: not null } row ? row.Type : FraudType.Other;

    /// <summary>
    /// The type free text names: a code or label of the list exactly, else the first family of keywords it contains
    /// (see docs/fraud.md for the words); Other when none.
    /// </summary>
    public static FraudType Map(string? text)
    {
        var t = (text ?? string.Empty).Trim();
        if (t.Length == 0)
        {
            return FraudType.Other;
        }

        foreach (var row in Table)
        {
            if (t.Equals(row.Code, StringComparison.OrdinalIgnoreCase) || t == row.Chinese || t.Equals(row.English, StringComparison.OrdinalIgnoreCase))
            {
                return row.Type;
            }
        }

        foreach (var (type, words) in Keywords)
        {
            if (words.Any(w => t.Contains(w, StringComparison.OrdinalIgnoreCase)))
            {
                return type;
            }
        }

        return FraudType.Other;
    }

    private static (FraudType Type, string Code, string Chinese, string English) Row(FraudType type) =>
        Array.Find(Table, t => t.Type == type) is { Code: not null } row ? row : throw new ArgumentOutOfRangeException(nameof(type), type, "not a fraud type");
}
