using System.Globalization;

namespace Tracemark.Incident.Rules;

/// <summary>Who the operator is, for the Measures Art. 4.</summary>
internal enum OperatorType
{
    /// <summary>The incident concerns critical information infrastructure (涉及关键信息基础设施).</summary>
    Cii,

    /// <summary>中央和国家机关各部门及其直属单位.</summary>
    Central,

    /// <summary>其他网络运营者.</summary>
    Other,
}

/// <summary>One report the law asks for, to whom and by when.</summary>
/// <param name="Report">Stable code: cac_initial, pipl_authority, pipl_individuals, police, cac_supplement, cac_closing, sector.</param>
/// <param name="Title">The report in Chinese and English.</param>
/// <param name="To">To whom, in the law's words.</param>
/// <param name="Due">When it is due; null when the law gives no figure ("及时") or the start is not known yet.</param>
/// <param name="Rule">The rule in plain words, with the hours or days.</param>
/// <param name="Quote">The law's words.</param>
/// <param name="Source">Where they are.</param>
/// <param name="Mandatory">False for the CAC reports of a 一般 incident.</param>
internal sealed record Deadline(string Report, string Title, string To, DateTimeOffset? Due, string Rule, string Quote, string Source, bool Mandatory);

/// <summary>
/// The reporting clock (Measures Art. 4, 7, 8; PIPL Art. 57): the initial report within 1 hour (CII), 2 hours
/// (central state organs) or 4 hours (other operators) for 较大 and above, counted from discovery — the text is
/// silent on the start, and 发现或获知 is the safe reading (docs/incident-law.md §1); the closing report within 30 days
/// after handling ends, by the same channel. Due times keep the offset of the discovery time.
/// </summary>
internal static class Deadlines
{
    public const string MeasuresSource = "《国家网络安全事件报告管理办法》(国家互联网信息办公室, 自2025年11月1日起施行)";
    public const string PiplSource = "《中华人民共和国个人信息保护法》第五十七条 (自2021年11月1日起施行)";

    public static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    public static TimeSpan InitialWithin(OperatorType type) => type switch
    {
        OperatorType.Cii => TimeSpan.FromHours(1),
        OperatorType.Central => TimeSpan.FromHours(2),
        _ => TimeSpan.FromHours(4),
    };

    /// <summary>Where the initial report goes, in the words of Art. 4.</summary>
    public static string InitialTo(OperatorType type) => type switch
    {
        OperatorType.Cii => "保护工作部门、公安机关 (the CII protection department and the police)",
        OperatorType.Central => "本部门网信工作机构 (the department's own cyberspace office)",
        _ => "属地省级网信部门 (the provincial cyberspace administration where the operator is; 12387)",
    };

    private static string InitialQuote(OperatorType type) => type switch
    {
        OperatorType.Cii => "涉及关键信息基础设施的，网络运营者应当第一时间向保护工作部门、公安机关报告，最迟不得超过1小时。",
        OperatorType.Central => "网络运营者属于中央和国家机关各部门及其直属单位的，应当及时向本部门网信工作机构报告，最迟不得超过2小时。",
        _ => "其他网络运营者应当及时向属地省级网信部门报告，最迟不得超过4小时。",
    };

    public static bool TryParseOperator(string text, out OperatorType type)
    {
        switch (text)
        {
            case "cii":
                type = OperatorType.Cii;
                return true;
            case "central":
                type = OperatorType.Central;
                return true;
            case "other":
                type = OperatorType.Other;
                return true;
            default:
                type = OperatorType.Other;
                return false;
        }
    }

    public static string Code(OperatorType type) => type switch
    {
        OperatorType.Cii => "cii",
        OperatorType.Central => "central",
        _ => "other",
    };

    /// <summary>Every report due for an incident of <paramref name="grade"/> discovered at <paramref name="discovered"/>.</summary>
    public static IReadOnlyList<Deadline> For(OperatorType type, DateTimeOffset discovered, Grade grade, DateTimeOffset? handlingEnded)
    {
        var mandatory = grade <= Grade.Larger;
        var hours = InitialWithin(type).TotalHours.ToString(CultureInfo.InvariantCulture);
        var list = new List<Deadline>
        {
            new(
                "cac_initial",
                "网络安全事件初次报告 · initial incident report (Measures Art. 4, 7)",
                InitialTo(type),
                mandatory ? discovered + InitialWithin(type) : null,
                mandatory
                    ? $"within {hours} h of discovery (发现或获知; the Measures do not say when the hour starts — discovery is the safe reading); items 1–2 of Art. 7 at least"
                    : "not mandatory: the Measures require a report only for 较大 and above (Art. 4); a 一般 incident is handled under the owner's own plan, and PIPL Art. 57 still applies",
                "网络运营者在发现或获知涉及本单位的网络安全事件时，应当按照《网络安全事件分级指南》（见附件）进行研判，属于较大以上网络安全事件的，按以下程序报告：" + InitialQuote(type),
                MeasuresSource + " 第四条",
                mandatory),
            new(
                "pipl_authority",
                "个人信息泄露通知（主管部门）· notice to the PI protection authority (PIPL Art. 57)",
                "履行个人信息保护职责的部门 (the authority protecting personal information: the cyberspace administration and the sector regulator)",
                discovered,
                "immediately (立即: no hour figure, no size threshold, and the text gives no exemption for the authority)",
                "发生或者可能发生个人信息泄露、篡改、丢失的，个人信息处理者应当立即采取补救措施，并通知履行个人信息保护职责的部门和个人。",
                PiplSource,
                true),
            new(
                "pipl_individuals",
                "个人信息泄露通知（个人）· notice to the individuals (PIPL Art. 57)",
                "受影响的个人 (each affected person)",
                discovered,
                "immediately (立即), unless measures can effectively avoid harm (Art. 57 ¶2) — the authority may still order it",
                "个人信息处理者采取措施能够有效避免信息泄露、篡改、丢失造成危害的，个人信息处理者可以不通知个人；履行个人信息保护职责的部门认为可能造成危害的，有权要求个人信息处理者通知个人。",
                PiplSource,
                true),
            new(
                "police",
                "报案 · report to the police (Measures Art. 4)",
                "公安机关 (the police)",
                null,
                "promptly (及时; no hour figure) where a crime is suspected — selling personal information is one (Criminal Law Art. 253-1)",
                "涉嫌违法犯罪的，网络运营者应当及时向公安机关报案。",
                MeasuresSource + " 第四条",
                true),
            new(
                "cac_supplement",
                "补报 · items 3–8 of the initial report (Measures Art. 7)",
                InitialTo(type),
                null,
                mandatory ? "promptly (及时补报; no hour figure) once known; new important facts are reported as they arise" : "not mandatory (一般)",
                "对于规定时间内不能判定事发原因、影响或发展趋势等网络安全事件情况的，可先报告第一项、第二项内容，其他情况及时补报。",
                MeasuresSource + " 第七条",
                mandatory),
            new(
                "cac_closing",
                "事件处置总结报告 · closing report (Measures Art. 8)",
                "按照原渠道 (by the channel of the initial report: " + InitialTo(type) + ")",
                mandatory && handlingEnded is { } ended ? ended.AddDays(30) : null,
                mandatory
                    ? handlingEnded is null ? "within 30 days after handling ends (not ended yet: `tracemark incident close NAME --ended TIME`)" : "within 30 days after handling ended (calendar days)"
                    : "not mandatory (一般)",
                "网络安全事件处置工作结束后，网络运营者应当于30日内对相关事件发生原因、应急处置措施、造成的危害、责任追究、完善整改情况、教训等进行全面分析总结，形成事件处置总结报告按照原渠道上报。",
                MeasuresSource + " 第八条",
                mandatory),
            new(
                "sector",
                "行业报告 · sector regulator",
                "行业主管监管部门 (the sector regulator)",
                null,
                "as that sector's rules require (e.g. MIIT's plan for industry and telecom data; its final deadlines are not confirmed here)",
                "本行业领域有专门规定的，网络运营者还应当按照行业主管监管部门要求报告。",
                MeasuresSource + " 第四条",
                false),
        };
        return list;
    }
}

/// <summary>Times as people write them on an incident: ISO 8601, with an offset or read as Beijing time.</summary>
internal static class IncidentTime
{
    private static readonly string[] Formats =
    [
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", "yyyy-MM-dd'T'HH:mmzzz", "yyyy-MM-dd HH:mm:ss.FFFFFFFzzz", "yyyy-MM-dd HH:mmzzz",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", "yyyy-MM-dd'T'HH:mm'Z'", "yyyy-MM-dd HH:mm:ss.FFFFFFF'Z'", "yyyy-MM-dd HH:mm'Z'",
    ];

    private static readonly string[] LocalFormats = ["yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd HH:mm:ss.FFFFFFF", "yyyy-MM-dd HH:mm"];

    /// <summary>
    /// Reads 2026-12-06T23:10:00+08:00, …Z, or without an offset (then Beijing time, +08:00, which the reports say).
    /// Returns false, with why, for anything else.
    /// </summary>
    public static bool TryParse(string? text, out DateTimeOffset time, out string problem)
    {
        time = default;
        problem = string.Empty;
        var t = text?.Trim() ?? string.Empty;
        if (t.Length == 0)
        {
            problem = "no time given";
            return false;
        }

        if (DateTimeOffset.TryParseExact(t, Formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out time))
        {
            return true;
        }

        if (DateTime.TryParseExact(t, LocalFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            time = new DateTimeOffset(local, Deadlines.Beijing);
            return true;
        }

        problem = $"'{t}' is not an ISO 8601 date and time (2026-12-06T23:10:00+08:00, or without an offset for Beijing time)";
        return false;
    }

    /// <summary>ISO 8601 with the offset, to the second: 2026-12-07T03:10:00+08:00.</summary>
    public static string Format(DateTimeOffset time) => time.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    /// <summary>"3 h 05 min left", "overdue by 1 h 10 min".</summary>
    public static string Remaining(DateTimeOffset due, DateTimeOffset now)
    {
        var left = due - now;
        var abs = left.Duration();
        var text = abs.TotalDays >= 1
            ? $"{(int)abs.TotalDays} d {abs.Hours} h"
            : $"{(int)abs.TotalHours} h {abs.Minutes:00} min";
        return left >= TimeSpan.Zero ? text + " left" : "overdue by " + text;
    }
}
