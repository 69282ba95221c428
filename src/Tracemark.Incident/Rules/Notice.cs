using System.Text;

namespace Tracemark.Incident.Rules;

/// <summary>A kind of personal information as the notices name it, with the harm it opens and what a person can do.</summary>
internal sealed record InfoCategory(string Code, string Chinese, string English, string Harm, string Advice);

/// <summary>The PIPL Art. 57 notice: the same three items to the authority and to the individuals.</summary>
/// <param name="Categories">发生或者可能发生泄露的信息种类.</param>
/// <param name="Cause">原因 (what is known of it).</param>
/// <param name="Harms">可能造成的危害.</param>
/// <param name="Measures">个人信息处理者采取的补救措施.</param>
/// <param name="IndividualActions">个人可以采取的减轻危害的措施.</param>
/// <param name="Contact">个人信息处理者的联系方式 (empty when not given: then the notice is not ready).</param>
/// <param name="Exemption">Whether the ¶2 exemption for individuals may apply, and why.</param>
internal sealed record PiplNotice(
    IReadOnlyList<InfoCategory> Categories,
    string Cause,
    IReadOnlyList<string> Harms,
    IReadOnlyList<string> Measures,
    IReadOnlyList<string> IndividualActions,
    string Contact,
    string Exemption);

/// <summary>
/// PIPL Art. 57 (docs/incident-law.md §2): "通知应当包括下列事项：（一）发生或者可能发生个人信息泄露、篡改、丢失的信息种类、原因和可能
/// 造成的危害；（二）个人信息处理者采取的补救措施和个人可以采取的减轻危害的措施；（三）个人信息处理者的联系方式。" The harms and
/// advice per kind are this project's plain reading of how each kind is abused (docs/domain.md §1, §6), not words of the law.
/// </summary>
internal static class Notices
{
    private static readonly Dictionary<string, InfoCategory> Known = new(StringComparer.Ordinal)
    {
        ["name"] = new("name", "姓名", "name", "冒充熟人或客服实施精准诈骗", "对自称客服、快递、公检法并能说出您姓名的来电保持警惕"),
        ["mobile"] = new("mobile", "手机号码", "mobile number", "骚扰电话、诈骗短信和冒充客服的来电", "不点击短信中的链接，不向任何人透露验证码"),
        ["landline"] = new("landline", "固定电话", "landline", "骚扰和诈骗电话", "对陌生来电核实身份后再办理任何事项"),
        ["cn_id"] = new("cn_id", "身份证号码", "resident ID number", "被冒名办理贷款、电话卡或注册账户", "通过征信中心查询个人信用报告，发现异常及时报警"),
        ["address"] = new("address", "地址", "address", "上门诈骗、邮寄诈骗或人身安全风险", "对以包裹、理赔为由的上门或来电提高警惕"),
        ["bank_card"] = new("bank_card", "银行卡号", "bank card number", "盗刷或以“银行卡异常”为由的诈骗", "开启交易提醒，发现异常交易立即联系发卡行挂失"),
        ["email"] = new("email", "电子邮箱", "e-mail address", "钓鱼邮件和撞库登录", "不打开可疑邮件附件，更换重复使用的密码"),
        ["qq"] = new("qq", "QQ号", "QQ number", "冒充好友借钱或钓鱼链接", "对借钱、转账请求先电话核实"),
        ["plate"] = new("plate", "车牌号", "plate number", "冒充交管或保险理赔的诈骗", "通过官方渠道核实违章和理赔信息"),
        ["waybill"] = new("waybill", "运单号", "waybill number", "冒充快递客服以“理赔”“丢件”为由诈骗", "快递理赔只通过快递公司官方渠道办理"),
        ["cn_passport"] = new("cn_passport", "护照号码", "passport number", "被冒名办理业务", "发现被冒用时及时向出入境管理部门报告"),
    };

    /// <summary>The notice category of a scanner kind code (partial forms map to their kind; unknown kinds keep their code).</summary>
    public static InfoCategory Category(string kind)
    {
        var code = kind.EndsWith("_masked", StringComparison.Ordinal) ? kind[..^"_masked".Length] : kind;
        if (Known.TryGetValue(code, out var c))
        {
            return c;
        }

        return code is "hk_id" or "tw_id" or "hk_passport" or "mo_passport" or "hk_macau_permit" or "hk_macau_travel_permit" or "tw_resident_cert"
            ? new InfoCategory(code, "证件号码", "identity document number", "被冒名办理业务", "发现被冒用时及时向签发机关报告")
            : new InfoCategory(code, code, code, "被用于诈骗或冒名", "对陌生来电和链接保持警惕");
    }

    /// <summary>Categories of the given kind codes, one per notice category, in a fixed order.</summary>
    public static IReadOnlyList<InfoCategory> Categories(IEnumerable<string> kinds)
    {
        var order = Known.Keys.ToList();
        return [.. kinds.Select(Category).DistinctBy(c => c.Chinese).OrderBy(c => order.IndexOf(c.Code) is var i && i < 0 ? int.MaxValue : i).ThenBy(c => c.Code, StringComparer.Ordinal)];
    }

    public static PiplNotice Build(IEnumerable<string> kinds, string? cause, IReadOnlyList<string> measures, string? contact, bool offeredForSale)
    {
        var categories = Categories(kinds);
        var exemption = offeredForSale
            ? "不适用 (does not apply): the data is already in others' hands (offered or found outside the owner), so no measure of the owner “能够有效避免信息泄露、篡改、丢失造成危害”; notify the individuals. The authority must be notified in any case: Art. 57 ¶2 exempts notices to individuals only."
            : "可能适用 (may apply) only if the measures taken can effectively avoid harm (e.g. the copy was recovered and destroyed before anyone used it); record the reasoning. The authority may still order a notice, and the authority itself must be notified in any case.";
        return new PiplNotice(
            categories,
            string.IsNullOrWhiteSpace(cause) ? "原因调查中 (cause under investigation)；已向公安机关报案并配合调查" : cause.Trim(),
            [.. categories.Select(c => $"{c.Chinese}: {c.Harm}").Distinct(StringComparer.Ordinal)],
            measures.Count > 0 ? measures : ["已启动个人信息安全事件应急预案 (PIPL Art. 51(5))", "已收集泄露样本并固定证据", "正在排查泄露渠道并收紧相关账号权限"],
            [.. categories.Select(c => c.Advice).Distinct(StringComparer.Ordinal).Append("如遇可疑情况请拨打110或96110反诈专线")],
            contact?.Trim() ?? string.Empty,
            exemption);
    }

    /// <summary>Most characters one SMS carries in Chinese (UCS-2: 70; longer messages are split and cost more).</summary>
    public const int SmsLimit = 70;

    /// <summary>
    /// The SMS to one person, at most <see cref="SmsLimit"/> characters (counted as UTF-16 units, as an SMS gateway
    /// counts UCS-2): which of their data leaked, the one thing to do, and where to ask. Parts are shortened, the
    /// categories first, until it fits.
    /// </summary>
    public static string Sms(string sender, IReadOnlyList<InfoCategory> categories, string? contact)
    {
        ArgumentNullException.ThrowIfNull(categories);
        var who = Clip(string.IsNullOrWhiteSpace(sender) ? string.Empty : sender.Trim(), 10);
        var tel = Clip(contact?.Trim() ?? string.Empty, 20);
        var names = categories.Select(c => c.Chinese).ToList();
        for (var keep = names.Count; keep >= 0; keep--)
        {
            var what = keep == 0 ? "个人信息" : string.Join('、', names.Take(keep)) + (keep < names.Count ? "等信息" : string.Empty);
            var text = new StringBuilder();
            if (who.Length > 0)
            {
                text.Append('【').Append(who).Append('】');
            }

            text.Append("您的").Append(what).Append("可能已泄露。谨防冒充客服来电，勿透露验证码。");
            if (tel.Length > 0)
            {
                text.Append("咨询").Append(tel);
            }

            if (text.Length <= SmsLimit)
            {
                return text.ToString();
            }
        }

        // Only an extreme sender and contact together could get here; the message itself must still go out.
        var core = "您的个人信息可能已泄露。谨防冒充客服来电，勿透露验证码。";
        return (who.Length > 0 ? $"【{Clip(who, SmsLimit - core.Length - 2)}】" : string.Empty) + core;
    }

    // Cut at a character boundary: never half of a surrogate pair.
    private static string Clip(string text, int max)
    {
        if (max <= 0)
        {
            return string.Empty;
        }

        if (text.Length <= max)
        {
            return text;
        }

        var cut = char.IsHighSurrogate(text[max - 1]) ? max - 1 : max;
        return text[..cut];
    }
}

/// <summary>One item of a report: its number, the law's heading, what is filled in, and whether it is complete.</summary>
/// <param name="Item">1-based as in the article.</param>
/// <param name="Heading">The article's words.</param>
/// <param name="Content">What is known now (placeholders in 【】 where the owner must write).</param>
/// <param name="Status">complete, partial or to_follow.</param>
internal sealed record ReportItem(int Item, string Heading, string Content, string Status);

/// <summary>The Measures Art. 7 initial report and Art. 8 closing report (docs/incident-law.md §1).</summary>
internal static class Reports
{
    public static readonly IReadOnlyList<string> InitialHeadings =
    [
        "涉事单位名称及涉事系统或设施基本情况",
        "网络安全事件发现或发生的时间、地点、类型、级别，以及已造成的影响和危害，已采取的措施及效果",
        "事态发展趋势及可能造成的进一步影响和危害",
        "网络安全事件原因初步分析意见",
        "溯源调查工作线索，包括但不限于可能的攻击者信息、攻击路径、存在的漏洞等",
        "拟进一步采取的应对措施以及请求支援事项",
        "网络安全事件现场保护情况",
        "其他应当报告的情况",
    ];

    public static readonly IReadOnlyList<string> ClosingHeadings = ["事件发生原因", "应急处置措施", "造成的危害", "责任追究", "完善整改情况", "教训"];

    public const string ToFollow = "to_follow";
}
