namespace Tracemark.Scanning.Tests.Detection.Recognizers;

public sealed class EmailRecognizerTests
{
    [Theory]
    [InlineData("邮箱 zhangsan@163.com", "zhangsan@163.com")]
    [InlineData("邮箱：ZhangSan＠QQ.com。", "zhangsan@qq.com")]
    [InlineData("(a.b+c@mail.example.cn)", "a.b+c@mail.example.cn")]
    public void Finds_addresses(string text, string value) =>
        Assert.Equal([value], Texts.Values(text, "email"));

    [Fact]
    public void Masked_addresses_are_partial()
    {
        Assert.Empty(Texts.Values("邮箱 zh***@163.com", "email"));
        Assert.Equal(["zh***@163.com"], Texts.Values("邮箱 zh***@163.com", "email_masked"));
    }

    [Theory]
    [InlineData("a@b")]
    [InlineData("@163.com")]
    [InlineData("微博@某人 你好")]
    public void Ignores_non_addresses(string text) => Assert.Empty(Texts.Values(text, "email"));

    [Fact]
    public void The_qq_number_inside_a_qq_mail_address_is_not_a_second_finding() =>
        Assert.Empty(Texts.Values("QQ邮箱 12345678@qq.com", "qq"));
}
