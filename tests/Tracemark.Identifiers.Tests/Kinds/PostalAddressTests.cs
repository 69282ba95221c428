using FsCheck.Fluent;
using Tracemark.Identifiers.Kinds;
using Tracemark.People;
using Tracemark.Tests;
using static Tracemark.Identifiers.Tests.Checks;

namespace Tracemark.Identifiers.Tests.Kinds;

public sealed class PostalAddressTests
{
    private const IdentifierKind Kind = IdentifierKind.Address;

    [Theory]
    [InlineData("广东省深圳市南山区科技园路1号", 440305)]
    // Short province and city names as people write them.
    [InlineData("广东深圳南山区科技园路1号", 440305)]
    [InlineData("北京朝阳区建国路88号3栋2单元501室", 110105)]
    // A municipality district without the city: 朝阳区 resolves under 北京市 when 北京 comes first.
    [InlineData("北京市朝阳区望京街道", 110105)]
    // Autonomous region short name.
    [InlineData("广西南宁市青秀区民族大道100号", 450103)]
    // Full-width digits fold.
    [InlineData("上海市浦东新区世纪大道１００号", 310115)]
    public void Valid_addresses_resolve_their_region(string raw, int region)
    {
        var canonical = Canonical(Kind, raw);
        Assert.Equal(region, PostalAddress.Describe(canonical).Region!.Code);
    }

    [Fact]
    public void Streets_without_a_region_need_two_parts_and_a_number() =>
        Assert.True(Run(Kind, "建设路12号锦绣小区3栋").Valid);

    [Theory]
    // Too short.
    [InlineData("北京", "has 2 characters; a postal address has 5 to 200")]
    // No region, no parts.
    [InlineData("今天天气很好我们出去玩", "no region name or street, number, building or room parts")]
    // A region name alone at province level with no street parts.
    [InlineData("广东省的朋友们大家好", "no region name or street, number, building or room parts")]
    public void Invalid_addresses_say_exactly_why(string raw, string reason) =>
        Assert.Equal(reason, Reason(Kind, raw));

    private static readonly Population People = new(seed: 19, size: 1_000_000);

    [Fact]
    public void Every_synthesized_address_validates_and_resolves_to_the_persons_region() =>
        Properties.Hold(Gen.Choose(0, 999_999), i =>
        {
            var p = People.Get(i);
            var canonical = Canonical(Kind, p.Address);
            var region = PostalAddress.Describe(canonical).Region;
            Assert.NotNull(region);

            // The address names the ID's region; a retired county may resolve to its current namesake or parent.
            Assert.Equal(p.Region.Code / 10000, region.Code / 10000);
        });
}
