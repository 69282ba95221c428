using Tracemark.Identifiers.Reference;

namespace Tracemark.Identifiers.Tests;

public sealed class ReferenceTablesTests
{
    [Fact]
    public void Regions_hold_every_gb2260_revision_plus_the_permit_codes()
    {
        // Every code of 1980–2024 (shared/data/gb2260-history.tsv) plus 830000 for Taiwan residents' permits.
        Assert.Equal(7_197, Regions.All.Count);
        Assert.Equal(202412, Regions.LatestRevision);
        Assert.True(Regions.TryGet(653228, out var hekang));
        Assert.Equal("新疆维吾尔自治区和田地区和康县", hekang.FullName);
        Assert.True(hekang.IsCurrent);
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

    // npm bankcardinfo 2.0.6 lists these prefixes (at these card lengths) under two banks; its generator used to keep
    // the last. Each is resolved from the China UnionPay BIN list in hexindai/bcbc (data/bin.csv, MIT), checked
    // against the CUP issuer table in dengjiaping/ZSS (CardIssuersCode.java); scripts/refdata/generate.mjs fails on
    // any duplicate not resolved there.
    public static TheoryData<string, int, string, string> DuplicatedPrefixes => new()
    {
        { "622516", 16, "SPDB", "GDB" }, { "622517", 16, "SPDB", "GDB" }, { "622518", 16, "SPDB", "GDB" },
        { "622521", 16, "SPDB", "GDB" }, { "622522", 16, "SPDB", "GDB" }, { "622523", 16, "SPDB", "GDB" },
        { "984301", 16, "SPDB", "GDB" }, { "984303", 16, "SPDB", "GDB" }, { "621352", 16, "SPDB", "GDB" },
        { "621793", 16, "SPDB", "GDB" }, { "621795", 16, "SPDB", "GDB" }, { "621796", 16, "SPDB", "GDB" },
        { "621351", 16, "SPDB", "GDB" }, { "621390", 16, "SPDB", "GDB" }, { "621792", 16, "SPDB", "GDB" },
        { "621791", 16, "SPDB", "GDB" },
        { "620010", 16, "SPABANK", "CIB" },
        { "622717", 16, "ZJTLCB", "ZJQL" }, { "622287", 16, "ZJTLCB", "ZJQL" },
        { "622829", 16, "TRCB", "CDRCB" }, { "628301", 16, "TRCB", "CDRCB" },
        { "628217", 16, "DYCCB", "SRBANK" },
        { "622397", 17, "HBC", "HZCB" },
    };

    [Theory]
    [MemberData(nameof(DuplicatedPrefixes))]
    public void Prefixes_listed_under_two_banks_name_the_one_a_second_source_confirms(string prefix, int length, string bank, string not)
    {
        var rows = BankBins.All.Where(b => b.Prefix == prefix && b.CardLength == length).ToList();
        var row = Assert.Single(rows);
        Assert.Equal(bank, row.BankCode);
        Assert.NotEqual(not, row.BankCode);
    }

    [Fact]
    public void Spdb_cards_are_spdb_cards()
    {
        foreach (var card in new[] { "6225161234567895", "6217911234567893" })
        {
            Assert.True(BankBins.TryFind(card, out var bin));
            Assert.Equal("SPDB", bin.BankCode);
        }
    }

    [Fact]
    public void Nationalities_hold_the_gb_t_2659_numeric_codes()
    {
        Assert.Equal("United States of America", Nationalities.Name(840));
        Assert.True(Nationalities.IsForeign(392));
        Assert.False(Nationalities.IsForeign(156));
        Assert.False(Nationalities.IsForeign(999));
    }
}
