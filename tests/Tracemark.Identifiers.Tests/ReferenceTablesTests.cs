using Tracemark.Identifiers.Reference;

namespace Tracemark.Identifiers.Tests;

public sealed class ReferenceTablesTests
{
    [Fact]
    public void Regions_hold_every_gb2260_revision_plus_the_permit_codes()
    {
        // 7,111 codes of 1980–2023 (shared/data/README.md) plus 830000 for Taiwan residents' permits.
        Assert.Equal(7_112, Regions.All.Count);
        Assert.True(Regions.TryGet(110103, out var chongwen));
        Assert.Equal("北京市崇文区", chongwen.FullName);
        Assert.Equal(200912, chongwen.LastRevision);
        Assert.True(Regions.Contains(830000));
    }

    [Theory]
    [InlineData(110105, "北京市朝阳区")]
    [InlineData(440305, "广东省深圳市南山区")]
    // County under a 省直辖县级行政区划 placeholder: the placeholder is not part of the name.
    [InlineData(419001, "河南省济源市")]
    // Prefecture-level code of a municipality's 市辖区 grouping.
    [InlineData(110100, "北京市")]
    public void Full_names_skip_grouping_placeholders(int code, string name)
    {
        Assert.True(Regions.TryGet(code, out var region));
        Assert.Equal(name, region.FullName);
    }

    [Fact]
    public void Surname_weights_put_about_85_percent_in_the_top_100()
    {
        var top100 = Surnames.All.Take(100).Sum(s => s.PerMillion);
        var all = Surnames.All.Sum(s => s.PerMillion);
        Assert.InRange(top100 / (double)all, 0.83, 0.87);
        Assert.Equal("王", Surnames.All[0].Text);
        Assert.Contains(Surnames.All, s => s.Text == "欧阳" && s.IsCompound);
        Assert.True(Surnames.All.Count >= 492);
    }

    [Fact]
    public void Region_names_resolve_short_forms()
    {
        Assert.Equal(450000, RegionNames.Resolve("广西", out _)!.Code);
        Assert.Equal(150000, RegionNames.Resolve("内蒙古呼和浩特", out _)!.Code / 10000 * 10000);
        Assert.Null(RegionNames.Resolve("今天", out var consumed));
        Assert.Equal(0, consumed);
    }
}
