namespace Tracemark.Identifiers.Tests;

public sealed class MaskingTests
{
    [Theory]
    [InlineData(IdentifierKind.ResidentId, "11010519491231002X", "110105********002X")]
    [InlineData(IdentifierKind.Mobile, "13800138000", "138****8000")]
    [InlineData(IdentifierKind.BankCard, "6222020200112233446", "622202*********3446")]
    [InlineData(IdentifierKind.Email, "zhangwei@163.com", "zh***@163.com")]
    [InlineData(IdentifierKind.Email, "ab@163.com", "a***@163.com")]
    // The whole surname stays, compound ones included.
    [InlineData(IdentifierKind.Name, "欧阳娜娜", "欧阳**")]
    [InlineData(IdentifierKind.Name, "王小明", "王**")]
    [InlineData(IdentifierKind.Address, "广东省深圳市南山区科技园路1号", "广东省深圳市南山区****")]
    [InlineData(IdentifierKind.Landline, "0755-88888888", "0755-******88")]
    [InlineData(IdentifierKind.Qq, "123456789", "12*****89")]
    // Already partial, and organization codes (not personal), stay as they are.
    [InlineData(IdentifierKind.MobileMasked, "138****8000", "138****8000")]
    [InlineData(IdentifierKind.SocialCreditCode, "91110000600037341L", "91110000600037341L")]
    public void Masks_keep_enough_to_tell_values_apart_and_no_more(IdentifierKind kind, string value, string masked) =>
        Assert.Equal(masked, Masking.Mask(kind, value));

    [Fact]
    public void Short_unknown_values_are_masked_entirely() =>
        Assert.Equal("****", Masking.MaskUnknown("abcd"));
}
