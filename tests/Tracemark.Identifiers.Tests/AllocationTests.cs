using Tracemark.Identifiers.Kinds;

namespace Tracemark.Identifiers.Tests;

/// <summary>The hot-path API checks values without allocating (span in, verdict struct out).</summary>
public sealed class AllocationTests
{
    [Theory]
    [InlineData(IdentifierKind.ResidentId, "11010519491231002X")]
    [InlineData(IdentifierKind.ResidentId, "110105491231002")]
    [InlineData(IdentifierKind.ResidentId, "110105194912310021")]
    [InlineData(IdentifierKind.Mobile, "+86 138-0013-8000")]
    [InlineData(IdentifierKind.Mobile, "15412345678")]
    [InlineData(IdentifierKind.BankCard, "6222 0202 0011 2233 446")]
    [InlineData(IdentifierKind.Email, "ZhangWei@163.com")]
    [InlineData(IdentifierKind.SocialCreditCode, "91110000600037341L")]
    [InlineData(IdentifierKind.Landline, "0755-88888888")]
    [InlineData(IdentifierKind.Qq, "123456789")]
    [InlineData(IdentifierKind.HongKongId, "A123456(3)")]
    [InlineData(IdentifierKind.TaiwanId, "A123456789")]
    [InlineData(IdentifierKind.Passport, "E12345678")]
    [InlineData(IdentifierKind.VehiclePlate, "京A·12345")]
    [InlineData(IdentifierKind.Waybill, "YT1234567890123")]
    [InlineData(IdentifierKind.Name, "欧阳娜娜")]
    [InlineData(IdentifierKind.Address, "广东省深圳市南山区科技园路1号")]
    [InlineData(IdentifierKind.MobileMasked, "138****8000")]
    public void Check_allocates_nothing(IdentifierKind kind, string value)
    {
        Span<char> canonical = stackalloc char[Identifier.MaxCanonicalLength];
        var today = new DateOnly(2026, 11, 22);
        Identifier.Check(kind, value, canonical, today); // warm up lazily loaded tables
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            Identifier.Check(kind, value, canonical, today);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Mobile_describe_and_region_lookup_allocate_nothing()
    {
        _ = MobileNumber.Describe("13800138000");
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            _ = MobileNumber.Describe("13800138000");
            _ = Reference.Regions.TryGet("110105", out _);
            _ = Reference.BankBins.TryFind("6222020200112233446", out _);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
