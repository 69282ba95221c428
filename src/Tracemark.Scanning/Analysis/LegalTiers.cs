using Tracemark.Scanning.Detection;

namespace Tracemark.Scanning.Analysis;

/// <summary>One category's count against its thresholds.</summary>
/// <param name="Category">Stable code, e.g. "property".</param>
/// <param name="Label">Plain words with the legal term.</param>
/// <param name="Persons">Distinct persons whose most sensitive category this is.</param>
/// <param name="Serious">Persons that make the case "serious" (halved for insiders).</param>
/// <param name="EspeciallySerious">Persons that make it "especially serious" (×10).</param>
public sealed record TierCount(string Category, string Label, long Persons, double Serious, double EspeciallySerious)
{
    public double RatioSerious => Persons / Serious;

    public double RatioEspeciallySerious => Persons / EspeciallySerious;
}

/// <summary>The legal view of a scan: counts per category and the proportional sums.</summary>
/// <param name="Insider">Thresholds halved (data obtained in the course of duties or services).</param>
/// <param name="Categories">Per category, most sensitive first.</param>
/// <param name="RatioSerious">Σ persons / "serious" threshold over categories; ≥ 1 reaches "serious".</param>
/// <param name="RatioEspeciallySerious">The same against "especially serious".</param>
public sealed record LegalAssessment(bool Insider, IReadOnlyList<TierCount> Categories, double RatioSerious, double RatioEspeciallySerious)
{
    /// <summary>"especially serious", "serious" or "below the serious threshold".</summary>
    public string Verdict => RatioEspeciallySerious >= 1 ? "especially serious" : RatioSerious >= 1 ? "serious" : "below the serious threshold";
}

/// <summary>
/// Criminal Law Art. 253-1 and 法释〔2017〕10号 Art. 5 (docs/domain.md §3): each person counts once, in the most sensitive
/// category of the records they appear in; categories are summed in proportion to their thresholds (Σ nᵢ/Tᵢ ≥ 1);
/// insiders' thresholds are halved. This is an estimate from the fields a file holds, for sizing a case, not a
/// legal finding.
/// </summary>
internal static class LegalTiers
{
    private static readonly (Category Category, string Code, string Label, double Serious)[] Order =
    [
        (Category.Whereabouts, "whereabouts", "whereabouts (行踪轨迹)", 50),
        (Category.CommunicationContent, "communication_content", "communication content (通信内容)", 50),
        (Category.Credit, "credit", "credit (征信信息)", 50),
        (Category.Property, "property", "property (财产信息)", 50),
        (Category.Accommodation, "accommodation", "accommodation (住宿信息)", 500),
        (Category.CommunicationRecords, "communication_records", "communication records (通信记录)", 500),
        (Category.Health, "health", "health (健康生理信息)", 500),
        (Category.Transaction, "transaction", "transaction (交易信息)", 500),
        (Category.Other, "other", "other personal information (其他)", 5000),
    ];

    /// <summary>The most sensitive category in a set (Other when the set is empty).</summary>
    public static Category MostSensitive(Category set)
    {
        foreach (var (category, _, _, _) in Order)
        {
            if ((set & category) != 0)
            {
                return category;
            }
        }

        return Category.Other;
    }

    /// <summary>The stable code of one category ("other" for a set or none).</summary>
    public static string Code(Category category)
    {
        foreach (var (c, code, _, _) in Order)
        {
            if (c == category)
            {
                return code;
            }
        }

        return "other";
    }

    public static LegalAssessment Assess(Dictionary<Category, long> personsBySet, bool insider)
    {
        var perCategory = new Dictionary<Category, long>();
        foreach (var (set, persons) in personsBySet)
        {
            var c = MostSensitive(set);
            perCategory[c] = perCategory.GetValueOrDefault(c) + persons;
        }

        var factor = insider ? 0.5 : 1.0;
        var rows = new List<TierCount>();
        double serious = 0, especially = 0;
        foreach (var (category, code, label, threshold) in Order)
        {
            var n = perCategory.GetValueOrDefault(category);
            var row = new TierCount(code, label, n, threshold * factor, threshold * 10 * factor);
            rows.Add(row);
            serious += row.RatioSerious;
            especially += row.RatioEspeciallySerious;
        }

        return new LegalAssessment(insider, rows, serious, especially);
    }
}
