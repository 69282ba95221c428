namespace Tracemark.Scanning.Tests.Detection.Recognizers;

public sealed class TaiwanResidentCertificateRecognizerTests
{
    [Theory]
    [InlineData("居留证号 AC01234567", "AC01234567")]
    [InlineData("统一证号A800000014", "A800000014")]
    public void Finds_numbers_with_context(string text, string value) =>
        Assert.Equal([value], Texts.Values(text, "tw_resident_cert"));

    [Theory]
    // A wrong check digit.
    [InlineData("A800000015")]
    // Not the shape of the kind.
    [InlineData("证件 AE01234567")]
    public void Weak_or_invalid_numbers_are_not_reported(string text) =>
        Assert.Empty(Texts.Values(text, "tw_resident_cert"));
}
