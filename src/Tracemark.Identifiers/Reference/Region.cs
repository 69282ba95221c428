namespace Tracemark.Identifiers.Reference;

/// <summary>One GB/T 2260 administrative division code, with names resolved once at load time.</summary>
public sealed class Region
{
    internal Region(int code, string name, int firstRevision, int lastRevision)
    {
        Code = code;
        Name = name;
        FirstRevision = firstRevision;
        LastRevision = lastRevision;
        FullName = name;
        Province = name;
    }

    /// <summary>Six-digit code, e.g. 110105.</summary>
    public int Code { get; }

    /// <summary>The division's own (latest) name, e.g. 朝阳区.</summary>
    public string Name { get; }

    /// <summary>Province + prefecture + county, e.g. 北京市朝阳区 (placeholders such as 市辖区 left out).</summary>
    public string FullName { get; internal set; }

    /// <summary>Province-level name, e.g. 北京市.</summary>
    public string Province { get; internal set; }

    /// <summary>Prefecture-level name when the code is below province level and the prefecture has a real name.</summary>
    public string? Prefecture { get; internal set; }

    /// <summary>First revision listing the code, yyyymm.</summary>
    public int FirstRevision { get; }

    /// <summary>Last revision listing the code, yyyymm.</summary>
    public int LastRevision { get; }

    /// <summary>Listed in the latest list of its source: the Ministry of Civil Affairs' 2024 list, or for codes only the
    /// statistics bureau lists (development zones, 市辖区 rows) its 2023-06 list.</summary>
    public bool IsCurrent => LastRevision >= Regions.LatestStatisticsRevision;

    /// <summary>Province (xx0000), prefecture (xxxx00) or county level.</summary>
    public RegionLevel Level => Code % 10000 == 0 ? RegionLevel.Province : Code % 100 == 0 ? RegionLevel.Prefecture : RegionLevel.County;

    /// <inheritdoc />
    public override string ToString() => $"{Code:D6} {FullName}";
}

/// <summary>Administrative level of a region code.</summary>
public enum RegionLevel
{
    /// <summary>Province, autonomous region, municipality, SAR.</summary>
    Province,
    /// <summary>Prefecture-level city, prefecture, league, autonomous prefecture.</summary>
    Prefecture,
    /// <summary>County, district, county-level city, banner.</summary>
    County,
}
