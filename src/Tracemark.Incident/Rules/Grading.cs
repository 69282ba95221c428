namespace Tracemark.Incident.Rules;

/// <summary>The four levels of the CAC 《网络安全事件分级指南》, most severe first.</summary>
internal enum Grade
{
    ParticularlyMajor = 1,
    Major = 2,
    Larger = 3,
    General = 4,
}

/// <summary>One quantitative indicator of the grading guide and the level it reaches.</summary>
/// <param name="Indicator">"people" or "direct_loss".</param>
/// <param name="Value">The figure (distinct persons; yuan), or null when not given.</param>
/// <param name="Reached">The highest level whose threshold the figure meets (General when none).</param>
/// <param name="Threshold">That level's threshold (null for General: the guide gives no number).</param>
/// <param name="Quote">The guide's words for the level reached.</param>
internal sealed record IndicatorResult(string Indicator, decimal? Value, Grade Reached, decimal? Threshold, string Quote);

/// <summary>The grade and why.</summary>
/// <param name="Level">The highest level any indicator reaches.</param>
/// <param name="Indicators">Each indicator with its figure and level.</param>
/// <param name="Mandatory">较大 or above: the CAC report of the Measures Art. 4 is required.</param>
internal sealed record GradeResult(Grade Level, IReadOnlyList<IndicatorResult> Indicators, bool Mandatory)
{
    public string Name => Grading.Chinese(Level);
}

/// <summary>
/// The quantitative part of the CAC grading guide (attachment to 《国家网络安全事件报告管理办法》, in force
/// 2025-11-01; docs/incident.md and docs/incident-law.md §1.1): people whose personal information leaked
/// ≥ 100,000,000 / 10,000,000 / 1,000,000 and direct economic loss ≥ ¥100,000,000 / ¥20,000,000 / ¥5,000,000 make
/// 特别重大 / 重大 / 较大. "本指南中的“以上”均包括本数" — every threshold is inclusive; "满足下列条件之一" — the highest
/// level any indicator reaches decides. The qualitative clauses (core or important data, CII outages, "较大量"
/// personal information) need a person's judgement and are listed as such, never guessed.
/// </summary>
internal static class Grading
{
    public const string Source = "《国家网络安全事件报告管理办法》附件《网络安全事件分级指南》(国家互联网信息办公室, 2025-09-11; 自2025年11月1日起施行), https://www.cac.gov.cn/2025-09/15/c_1759583017717009.htm";

    // (level, threshold, the guide's words), most severe first.
    private static readonly (Grade Level, decimal Threshold, string Quote)[] People =
    [
        (Rules.Grade.ParticularlyMajor, 100_000_000, "泄露1亿人以上公民个人信息"),
        (Rules.Grade.Major, 10_000_000, "泄露1000万人以上公民个人信息"),
        (Rules.Grade.Larger, 1_000_000, "泄露100万人以上公民个人信息"),
    ];

    private static readonly (Grade Level, decimal Threshold, string Quote)[] Loss =
    [
        (Rules.Grade.ParticularlyMajor, 100_000_000, "造成1亿元以上的直接经济损失"),
        (Rules.Grade.Major, 20_000_000, "造成2000万元以上的直接经济损失"),
        (Rules.Grade.Larger, 5_000_000, "造成500万元以上的直接经济损失"),
    ];

    /// <summary>Grades a leak of <paramref name="people"/> distinct persons with a direct loss in yuan when known.</summary>
    public static GradeResult Grade(long people, decimal? loss)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(people);
        if (loss is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(loss), loss, "a loss cannot be negative");
        }

        var indicators = new List<IndicatorResult> { Reach("people", people, People) };
        if (loss is { } yuan)
        {
            indicators.Add(Reach("direct_loss", yuan, Loss));
        }

        var level = indicators.Min(i => i.Reached);
        return new GradeResult(level, indicators, level <= Rules.Grade.Larger);
    }

    private static IndicatorResult Reach(string name, decimal value, (Grade Level, decimal Threshold, string Quote)[] table)
    {
        foreach (var (level, threshold, quote) in table)
        {
            if (value >= threshold)
            {
                return new IndicatorResult(name, value, level, threshold, quote);
            }
        }

        return new IndicatorResult(name, value, Rules.Grade.General, null, name == "people"
            ? "未达到“泄露100万人以上公民个人信息”"
            : "未达到“造成500万元以上的直接经济损失”");
    }

    public static string Chinese(Grade grade) => grade switch
    {
        Rules.Grade.ParticularlyMajor => "特别重大",
        Rules.Grade.Major => "重大",
        Rules.Grade.Larger => "较大",
        _ => "一般",
    };

    public static string English(Grade grade) => grade switch
    {
        Rules.Grade.ParticularlyMajor => "particularly major (I)",
        Rules.Grade.Major => "major (II)",
        Rules.Grade.Larger => "relatively major (III)",
        _ => "general (IV)",
    };

    /// <summary>What the figures cannot decide: the guide's qualitative clauses, for a person to check.</summary>
    public static readonly IReadOnlyList<string> NeedsJudgement =
    [
        "“重要数据、较大量公民个人信息丢失或被窃取、篡改、假冒…较严重威胁” (较大; the words between were not read verbatim) — 较大量, 大量 and 海量 are not defined by a number",
        "核心数据或重要数据泄露 (较大 to 特别重大 by the threat to national security and social stability)",
        "关键信息基础设施 outage (较大: “整体中断运行10分钟以上或主要功能中断运行30分钟以上”) and services to the population",
    ];
}
