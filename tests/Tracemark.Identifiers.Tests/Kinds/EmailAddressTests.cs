using Tracemark.Identifiers.Kinds;
using static Tracemark.Identifiers.Tests.Checks;

namespace Tracemark.Identifiers.Tests.Kinds;

public sealed class EmailAddressTests
{
    private const IdentifierKind Kind = IdentifierKind.Email;

    [Theory]
    [InlineData("zhangwei@163.com", "zhangwei@163.com")]
    // Canonical form is lower case.
    [InlineData("ZhangWei@QQ.com", "zhangwei@qq.com")]
    // Full-width @ and letters fold.
    [InlineData("zhangwei＠163.com", "zhangwei@163.com")]
    [InlineData("ｚｈａｎｇ＠ｓｉｎａ．ｃｏｍ", "zhang@sina.com")]
    // Dot-atom local parts: dots, plus, hyphen, underscore.
    [InlineData("zhang.wei+leak@mail.example.cn", "zhang.wei+leak@mail.example.cn")]
    [InlineData("a_b-c@sub.domain.com.cn", "a_b-c@sub.domain.com.cn")]
    // Punycode top-level domain.
    [InlineData("user@example.xn--fiqs8s", "user@example.xn--fiqs8s")]
    public void Valid_addresses_normalize(string raw, string canonical) =>
        Assert.Equal(canonical, Canonical(Kind, raw));

    [Theory]
    // No @, or two.
    [InlineData("zhangwei163.com", "an e-mail address has exactly one @")]
    [InlineData("a@b@163.com", "an e-mail address has exactly one @")]
    // Local part: leading dot, double dot, empty, space inside.
    [InlineData(".zhang@163.com", "the part before @ is empty, too long or has characters or dots that are not allowed")]
    [InlineData("zhang..wei@163.com", "the part before @ is empty, too long or has characters or dots that are not allowed")]
    [InlineData("@163.com", "the part before @ is empty, too long or has characters or dots that are not allowed")]
    [InlineData("zhang wei@163.com", "the part before @ is empty, too long or has characters or dots that are not allowed")]
    // '*' marks masked values in leaks: zh***@163.com is partial, not an address.
    [InlineData("zh***@163.com", "the part before @ is empty, too long or has characters or dots that are not allowed")]
    // Domain: one label, numeric TLD, hyphen at a label edge, one-letter TLD.
    [InlineData("zhang@localhost", "the domain after @ is not a valid host name with a top-level domain")]
    [InlineData("zhang@163.123", "the domain after @ is not a valid host name with a top-level domain")]
    [InlineData("zhang@-163.com", "the domain after @ is not a valid host name with a top-level domain")]
    [InlineData("zhang@163.c", "the domain after @ is not a valid host name with a top-level domain")]
    public void Invalid_addresses_say_exactly_why(string raw, string reason) =>
        Assert.Equal(reason, Reason(Kind, raw));

    [Fact]
    public void Local_part_over_64_characters_is_rejected() =>
        Assert.False(Run(Kind, new string('a', 65) + "@163.com").Valid);

    [Fact]
    public void Describes_provider_and_qq_number()
    {
        var qq = EmailAddress.Describe("12345678@qq.com");
        Assert.Equal("Tencent QQ Mail", qq.Provider);
        Assert.Equal("12345678", qq.QqNumber);
        Assert.Null(EmailAddress.Describe("abc@qq.com").QqNumber);
        Assert.Equal("NetEase", EmailAddress.Describe("a@126.com").Provider);
        Assert.Null(EmailAddress.Describe("a@example.org").Provider);
    }
}
