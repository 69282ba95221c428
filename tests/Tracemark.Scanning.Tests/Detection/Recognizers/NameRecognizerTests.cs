namespace Tracemark.Scanning.Tests.Detection.Recognizers;

public sealed class NameRecognizerTests
{
    [Theory]
    // After a name word, cut where the next known word begins.
    [InlineData("客户张三手机13800138000", "张三")]
    [InlineData("户名：欧阳娜娜，电话", "欧阳娜娜")]
    [InlineData("联系人李娜女士 电话13800138000", "李娜")]
    [InlineData("收件人 王小明", "王小明")]
    // Before an honorific.
    [InlineData("请王建国先生回电", "王建国")]
    // Right next to an identifier.
    [InlineData("张三 13800138000 有资金需求", "张三")]
    [InlineData("张三----13800138000----11010519491231002X", "张三")]
    [InlineData("13800138000|张三", "张三")]
    // Before a victim remark.
    [InlineData("高德鑫  有资金需求 急用", "高德鑫")]
    // Written with a space.
    [InlineData("客户王 军 手机13800138000", "王军")]
    [InlineData("联系人刘 长先生", "刘长")]
    // After a name word, no boundary, but a common surname: the 3-character guess stands.
    [InlineData("客户张小明说明天到", "张小明")]
    public void Finds_names_with_evidence(string text, string name) =>
        Assert.Equal([name], Texts.Values(text, "name"));

    [Theory]
    // A surname + characters without any evidence is an ordinary word (王者, 高兴).
    [InlineData("今天王者荣耀很高兴")]
    // A chat nickname before ':' is not next to the number.
    [InlineData("水果批发: 19145345285 有资金需求")]
    // Two names side by side are not joined into one.
    [InlineData("张三 李四")]
    // After a name word but running on into ordinary words, with a rare surname (要): 客户要求 is not 客户 + 要求加.
    [InlineData("客户要求加急配送联系手机13800138000谢谢")]
    public void Needs_evidence(string text) => Assert.Empty(Texts.Values(text, "name"));

    [Theory]
    [InlineData("客户张* 手机13800138000", "张*")]
    [InlineData("谭* 008619532446096 有资金需求", "谭*")]
    [InlineData("欧阳** 13800138000", "欧阳**")]
    public void Masked_names_are_partial(string text, string masked) =>
        Assert.Equal([masked], Texts.Values(text, "name_masked"));
}
