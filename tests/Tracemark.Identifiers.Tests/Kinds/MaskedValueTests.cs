using Tracemark.Identifiers.Kinds;
using static Tracemark.Identifiers.Tests.Checks;

namespace Tracemark.Identifiers.Tests.Kinds;

public sealed class MaskedValueTests
{
    [Theory]
    [InlineData("138****8000", IdentifierKind.MobileMasked, "138****8000")]
    [InlineData("138xxxx8000", IdentifierKind.MobileMasked, "138****8000")]
    [InlineData("+86 138****8000", IdentifierKind.MobileMasked, "138****8000")]
    [InlineData("110105********002X", IdentifierKind.ResidentIdMasked, "110105********002X")]
    [InlineData("1101**********002x", IdentifierKind.ResidentIdMasked, "1101**********002X")]
    [InlineData("6222 **** **** 1234", IdentifierKind.BankCardMasked, "6222********1234")]
    [InlineData("622202*********3446", IdentifierKind.BankCardMasked, "622202*********3446")]
    [InlineData("zh***@163.com", IdentifierKind.EmailMasked, "zh***@163.com")]
    [InlineData("张*", IdentifierKind.NameMasked, "张*")]
    [InlineData("欧阳**", IdentifierKind.NameMasked, "欧阳**")]
    [InlineData("张×三", IdentifierKind.NameMasked, "张*三")]
    public void Masked_values_are_recognized_as_partial(string raw, IdentifierKind kind, string canonical)
    {
        Assert.True(MaskedValue.TryClassify(raw, out var found));
        Assert.Equal(kind, found);
        Assert.Equal(canonical, Canonical(kind, raw));
    }

    [Theory]
    // 154 is no segment, so 154****8000 is not a masked mobile.
    [InlineData("154****8000", IdentifierKind.MobileMasked)]
    // Too little left visible to be anything.
    [InlineData("1**********", IdentifierKind.MobileMasked)]
    // Region 999999 does not exist.
    [InlineData("999999********002X", IdentifierKind.ResidentIdMasked)]
    // Visible birth date 1949-13-31 is impossible.
    [InlineData("11010519491331****", IdentifierKind.ResidentIdMasked)]
    // Card numbers never start with 0; the last four must show.
    [InlineData("0222 **** **** 1234", IdentifierKind.BankCardMasked)]
    [InlineData("6222 **** **** ****", IdentifierKind.BankCardMasked)]
    // Masks in the domain hide where the mail goes: not a masked address.
    [InlineData("zhang@1**.com", IdentifierKind.EmailMasked)]
    // 的 is not a surname.
    [InlineData("的*", IdentifierKind.NameMasked)]
    // No mask at all is not a masked value.
    [InlineData("13800138000", IdentifierKind.MobileMasked)]
    public void Inconsistent_masks_are_rejected(string raw, IdentifierKind kind) =>
        Assert.Equal("the visible parts do not fit a masked " + kind.Unmasked().Label(), Reason(kind, raw));
}
