namespace Tracemark.Scanning.Tests.Detection.Recognizers;

public sealed class HkMacauTravelPermitRecognizerTests
{
    [Theory]
    [InlineData("往来港澳通行证 C12345678", "C12345678")]
    [InlineData("港澳通行证号码W12345678", "W12345678")]
    public void Finds_numbers_with_context(string text, string value) =>
        Assert.Equal([value], Texts.Values(text, "hk_macau_travel_permit"));

    [Theory]
    // no check digit: without a context word below the reporting threshold.
    [InlineData("C12345678")]
    // Not the shape of the kind.
    [InlineData("证件 CI1234567")]
    public void Weak_or_invalid_numbers_are_not_reported(string text) =>
        Assert.Empty(Texts.Values(text, "hk_macau_travel_permit"));
}
