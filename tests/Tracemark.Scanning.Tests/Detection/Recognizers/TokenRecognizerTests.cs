namespace Tracemark.Scanning.Tests.Detection.Recognizers;

/// <summary>Credit codes, passports, permits, HK and TW IDs, plates and waybills: letters and digits together.</summary>
public sealed class TokenRecognizerTests
{
    [Theory]
    [InlineData("统一社会信用代码91110000600037341L", "uscc", "91110000600037341L")]
    [InlineData("护照号E12345678", "cn_passport", "E12345678")]
    [InlineData("回乡证 H12345678", "hk_macau_permit", "H12345678")]
    [InlineData("香港身份证A123456(3)", "hk_id", "A123456(3)")]
    [InlineData("台湾身份证A123456789", "tw_id", "A123456789")]
    [InlineData("车牌京A12345", "plate", "京A12345")]
    [InlineData("车牌 粤B·D12345", "plate", "粤BD12345")]
    [InlineData("运单号SF1234567890123", "waybill", "SF1234567890123")]
    [InlineData("快递单号 73123456789012", "waybill", "73123456789012")]
    public void Finds_tokens(string text, string kind, string value) =>
        Assert.Equal([value], Texts.Values(text, kind));

    [Theory]
    // Passports and permits have no check digit: without context they are below the reporting threshold.
    [InlineData("E12345678", "cn_passport")]
    [InlineData("H12345678", "hk_macau_permit")]
    // A numeric waybill needs a waybill word: 14 digits alone are just a number.
    [InlineData("73123456789012", "waybill")]
    // Wrong check characters.
    [InlineData("代码91110000600037341K", "uscc")]
    [InlineData("A123456(4)", "hk_id")]
    public void Weak_or_invalid_tokens_are_not_reported(string text, string kind) =>
        Assert.Empty(Texts.Values(text, kind));

    [Theory]
    // An e-passport number that happens to pass the Hong Kong ID check (EA123456 check 3) is a passport.
    [InlineData("护照号EA1234563", "cn_passport", "EA1234563")]
    [InlineData("香港身份证EA123456(3)", "hk_id", "EA123456(3)")]
    public void E_passports_are_not_taken_for_hong_kong_ids(string text, string kind, string value)
    {
        var hit = Assert.Single(Texts.Scan(text));
        Assert.Equal((kind, value), (hit.Kind, hit.Value));
    }
}
