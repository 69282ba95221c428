using Tracemark.Scanning.Detection;

namespace Tracemark.Scanning.Tests.Detection;

public sealed class HeaderWordsTests
{
    [Theory]
    [InlineData("身份证号", "Identifier", "cn_id")]
    [InlineData("证件号码", "Identifier", "cn_id/cn_passport/hk_macau_permit/hk_id/tw_id/hk_passport/mo_passport/hk_macau_travel_permit/tw_resident_cert")]
    [InlineData("护照号", "Identifier", "cn_passport/hk_passport/mo_passport")]
    [InlineData("往来港澳通行证", "Identifier", "hk_macau_travel_permit")]
    [InlineData("港澳居民来往内地通行证", "Identifier", "hk_macau_permit")]
    [InlineData("通行证号", "Identifier", "hk_macau_permit/hk_macau_travel_permit")]
    // A rule several kinds list reads the column as each, in registry order (the two shapes are disjoint, so order decides nothing).
    [InlineData("居留证号", "Identifier", "tw_id/tw_resident_cert")]
    [InlineData("收件人电话", "Identifier", "mobile/landline")]
    [InlineData("手机号", "Identifier", "mobile")]
    [InlineData("银行卡号", "Identifier", "bank_card")]
    [InlineData("QQ邮箱", "Identifier", "email")]
    [InlineData("运单号", "Identifier", "waybill")]
    [InlineData("收件地址", "Identifier", "address")]
    [InlineData("借款人", "Identifier", "name")]
    [InlineData("real_name", "Identifier", "name")]
    [InlineData("idCard", "Identifier", "cn_id")]
    [InlineData("mobilePhone", "Identifier", "mobile")]
    // Non-personal numbers: never read as identifiers.
    [InlineData("订单号", "Skip", "")]
    [InlineData("交易流水号", "Skip", "")]
    [InlineData("商品编码", "Skip", "")]
    [InlineData("下单时间戳", "Skip", "")]
    [InlineData("设备IMEI", "Skip", "")]
    [InlineData("order_no", "Skip", "")]
    [InlineData("uid", "Skip", "")]
    // Not identifiers, and words that only contain a short English keyword.
    [InlineData("证件类型", "Skip", "")]
    [InlineData("hotel", "Skip", "")]
    [InlineData("nickname", "Skip", "")]
    [InlineData("message", "FreeText", "")]
    [InlineData("备注", "FreeText", "")]
    [InlineData("随便什么", "FreeText", "")]
    public void Classifies_headers(string header, string role, string kinds)
    {
        var hint = HeaderWords.Classify(header);
        Assert.Equal(role, hint.Role.ToString());
        Assert.Equal(kinds, string.Join("/", hint.Kinds.Select(k => Identifiers.IdentifierKinds.Code(k))));
    }

    [Theory]
    [InlineData("寄件人电话", "sender")]
    [InlineData("收货地址", "recipient")]
    [InlineData("sender.phone", "sender")]
    [InlineData("photo", "")]
    [InlineData("手机号", "")]
    public void Assigns_person_slots(string header, string slot) => Assert.Equal(slot, HeaderWords.Slot(header));

    [Theory]
    [InlineData("入住时间", "Accommodation")]
    [InlineData("申请金额", "Credit")]
    [InlineData("经纬度", "Whereabouts")]
    [InlineData("订单号", "None")]
    public void Marks_categories(string header, string category) => Assert.Equal(category, HeaderWords.CategoryOf(header).ToString());
}
