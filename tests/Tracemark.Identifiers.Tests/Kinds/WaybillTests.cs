using Tracemark.Identifiers.Kinds;
using static Tracemark.Identifiers.Tests.Checks;

namespace Tracemark.Identifiers.Tests.Kinds;

public sealed class WaybillTests
{
    private const IdentifierKind Kind = IdentifierKind.Waybill;

    [Theory]
    [InlineData("SF1234567890123", Courier.SfExpress)]
    [InlineData("SF123456789012", Courier.SfExpress)]
    [InlineData("YT1234567890123", Courier.Yto)]
    [InlineData("JT1234567890123", Courier.JAndT)]
    [InlineData("JDVA12345678901", Courier.Jd)]
    [InlineData("73123456789012", Courier.Zto)]
    [InlineData("78123456789012", Courier.Zto)]
    [InlineData("77123456789012", Courier.Sto)]
    [InlineData("312345678901234", Courier.Yunda)]
    [InlineData("5123456789012", Courier.Yunda)]
    // 15 digits starting 43 fit both STO (43 + 13) and Yunda (4 + 14): both are reported.
    [InlineData("431234567890123", Courier.Sto | Courier.Yunda)]
    public void Numbers_map_to_their_couriers(string raw, Courier couriers)
    {
        var canonical = Canonical(Kind, raw);
        Assert.Equal(couriers, Waybill.Couriers(canonical));
    }

    [Fact]
    public void Lower_case_and_spaces_normalize() =>
        Assert.Equal("YT1234567890123", Canonical(Kind, "yt 1234 5678 90123"));

    [Theory]
    // 77 is STO, not ZTO (whose second digit is 3–6 or 8); 14 digits starting 79 fit nobody.
    [InlineData("79123456789012")]
    // SF needs 12 or 13 digits.
    [InlineData("SF12345678901")]
    // YT needs exactly 13.
    [InlineData("YT123456789012")]
    // An ordinary 18-digit number.
    [InlineData("110105194912310021")]
    public void Other_numbers_match_no_courier(string raw) =>
        Assert.Equal("matches no courier's waybill pattern", Reason(Kind, raw));
}
