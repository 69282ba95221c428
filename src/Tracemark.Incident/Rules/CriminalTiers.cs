namespace Tracemark.Incident.Rules;

/// <summary>The three count bands of the 2017 SPC/SPP interpretation (commonly cited as 法释〔2017〕10号; docs/incident-law.md §5) Art. 5 ¶1 (三)–(五).</summary>
internal enum CriminalBand
{
    /// <summary>(三) 行踪轨迹信息、通信内容、征信信息、财产信息: 50.</summary>
    Sensitive = 50,

    /// <summary>(四) 住宿信息、通信记录、健康生理信息、交易信息等: 500.</summary>
    Personal = 500,

    /// <summary>(五) other personal information: 5,000.</summary>
    Other = 5000,
}

/// <summary>One record of a seizure or sale: who it went to (null when unknown), the person, and its band.</summary>
internal readonly record struct CriminalRecord(string? Buyer, string Person, CriminalBand Band);

/// <summary>One band's count against its thresholds.</summary>
internal sealed record BandCount(string Band, string Label, long Count, decimal Serious, decimal EspeciallySerious)
{
    public decimal RatioSerious => Count / Serious;

    public decimal RatioEspeciallySerious => Count / EspeciallySerious;
}

/// <summary>The criminal view for police: counts per band, the proportional sums and the level.</summary>
internal sealed record CriminalAssessment(bool Insider, IReadOnlyList<BandCount> Bands, decimal? Income, decimal RatioSerious, decimal RatioEspeciallySerious)
{
    /// <summary>情节特别严重, 情节严重 or below (未达到情节严重的数量标准).</summary>
    public string Level => RatioEspeciallySerious >= 1 || Income >= IncomeThreshold * 10 ? "情节特别严重" : RatioSerious >= 1 || Income >= IncomeThreshold ? "情节严重" : "未达到数量标准";

    public decimal IncomeThreshold => Insider ? 2_500 : 5_000;
}

/// <summary>
/// 最高人民法院、最高人民检察院《关于办理侵犯公民个人信息刑事案件适用法律若干问题的解释》(2017-06-01) — docs/incident-law.md §5:
/// Art. 5 ¶1 (三)–(五) 50 / 500 / 5,000 records make 情节严重, (六) mixed bands add up in proportion, (七) income ≥ ¥5,000,
/// (八) insiders (obtained in the course of duties or services) at half; Art. 5 ¶2 ×10 makes 情节特别严重 (⚠️ read in a
/// summary only, not verbatim). Art. 11: a record obtained and then sold is counted once; the same record sold to
/// different buyers is counted once per buyer; bulk data is counted as seized, less proven duplicates.
/// </summary>
internal static class CriminalTiers
{
    public const string Source = "最高人民法院、最高人民检察院《关于办理侵犯公民个人信息刑事案件适用法律若干问题的解释》(自2017年6月1日起施行) 第五条、第十一条";

    public static string Label(CriminalBand band) => band switch
    {
        CriminalBand.Sensitive => "行踪轨迹、通信内容、征信、财产信息 (whereabouts, communication content, credit, property)",
        CriminalBand.Personal => "住宿、通信记录、健康生理、交易信息 (accommodation, call records, health, transactions)",
        _ => "其他公民个人信息 (other personal information)",
    };

    public static string Code(CriminalBand band) => band switch
    {
        CriminalBand.Sensitive => "sensitive_50",
        CriminalBand.Personal => "personal_500",
        _ => "other_5000",
    };

    /// <summary>
    /// Art. 11 counting: one count per (buyer, person), in the most sensitive band that person's records for that buyer
    /// hold. A record with no buyer (seized, not shown to have been sold) is its own "sale" to nobody, so duplicates in
    /// seized data count once.
    /// </summary>
    public static Dictionary<CriminalBand, long> Count(IEnumerable<CriminalRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        var band = new Dictionary<(string Buyer, string Person), CriminalBand>();
        foreach (var r in records)
        {
            var key = (r.Buyer ?? string.Empty, r.Person);
            band[key] = band.TryGetValue(key, out var b) ? (CriminalBand)Math.Min((int)b, (int)r.Band) : r.Band;
        }

        var counts = new Dictionary<CriminalBand, long>();
        foreach (var b in band.Values)
        {
            counts[b] = counts.GetValueOrDefault(b) + 1;
        }

        return counts;
    }

    /// <summary>Weighs counts per band (already counted by Art. 11) and illegal income against Art. 5.</summary>
    public static CriminalAssessment Assess(IReadOnlyDictionary<CriminalBand, long> counts, bool insider, decimal? income = null)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var factor = insider ? 0.5m : 1m;
        var bands = new List<BandCount>();
        decimal serious = 0, especially = 0;
        foreach (var b in new[] { CriminalBand.Sensitive, CriminalBand.Personal, CriminalBand.Other })
        {
            var n = counts.GetValueOrDefault(b);
            ArgumentOutOfRangeException.ThrowIfNegative(n);
            var row = new BandCount(Code(b), Label(b), n, (int)b * factor, (int)b * 10 * factor);
            bands.Add(row);
            serious += row.RatioSerious;
            especially += row.RatioEspeciallySerious;
        }

        return new CriminalAssessment(insider, bands, income, serious, especially);
    }

    /// <summary>The band of a scanner category code (docs/scan.md, "The legal view").</summary>
    public static CriminalBand BandOf(string category) => category switch
    {
        "whereabouts" or "communication_content" or "credit" or "property" => CriminalBand.Sensitive,
        "accommodation" or "communication_records" or "health" or "transaction" => CriminalBand.Personal,
        _ => CriminalBand.Other,
    };

    /// <summary>What the counts cannot decide, for the investigator.</summary>
    public static readonly IReadOnlyList<string> Caveats =
    [
        "Art. 5 ¶1 (一)(二)(九): selling whereabouts later used in a crime, selling to someone known to use it for crime, or a prior conviction or administrative penalty within two years make the case serious at any count",
        "Art. 5 ¶2 (×10 for 情节特别严重) was read in a summary only, not in the verbatim text; ¶2 (一) also counts death, serious injury, mental disorder or kidnapping of a victim",
        "Art. 11: counts are as seized, less what is proven untrue or duplicated; the same data sold to different buyers counts once per buyer",
        "This is an estimate from the fields a file holds, to size a case — not a legal finding",
    ];
}
