namespace Tracemark.Scanning.Tests.Detection.Recognizers;

public sealed class AddressRecognizerTests
{
    [Theory]
    [InlineData("地址:广东省深圳市南山区科技园路1号 电话", "广东省深圳市南山区科技园路1号")]
    [InlineData("收货地址：北京朝阳区建国路88号3栋2单元501室", "北京朝阳区建国路88号3栋2单元501室")]
    // Starting with a region name at a token boundary.
    [InlineData("张三|13800138000|广西南宁市青秀区民族大道100号", "广西南宁市青秀区民族大道100号")]
    public void Finds_addresses(string text, string value) =>
        Assert.Equal([value], Texts.Values(text, "address"));

    [Theory]
    // A region name alone is not an address.
    [InlineData("北京的快递料出")]
    [InlineData("广东省的朋友们大家好")]
    public void Needs_parts(string text) => Assert.Empty(Texts.Values(text, "address"));
}
