using Tracemark.Identifiers.Kinds;
using static Tracemark.Identifiers.Tests.Checks;

namespace Tracemark.Identifiers.Tests.Kinds;

public sealed class LandlineTests
{
    private const IdentifierKind Kind = IdentifierKind.Landline;

    [Theory]
    // Two-digit area codes (010, 02x) take 8-digit local numbers.
    [InlineData("010-62345678", "010-62345678")]
    [InlineData("(021)62345678", "021-62345678")]
    [InlineData("02162345678", "021-62345678")]
    // Three-digit area codes take 7 or 8 digits.
    [InlineData("0755-88888888", "0755-88888888")]
    [InlineData("0755 8888 8888", "0755-88888888")]
    [InlineData("0931-8123456", "0931-8123456")]
    // International form drops the trunk 0.
    [InlineData("+86 10 62345678", "010-62345678")]
    [InlineData("0086-755-88888888", "0755-88888888")]
    // Extensions after 转, ext, # or a trailing dash group are dropped from the key.
    [InlineData("010-62345678转123", "010-62345678")]
    [InlineData("0755-88888888 ext 12", "0755-88888888")]
    [InlineData("010-62345678-123", "010-62345678")]
    // Full-width digits and parentheses.
    [InlineData("（０１０）６２３４５６７８", "010-62345678")]
    public void Valid_numbers_normalize(string raw, string canonical) =>
        Assert.Equal(canonical, Canonical(Kind, raw));

    [Theory]
    // No area code: a bare local number says nothing about where it is.
    [InlineData("12345678", "a landline needs an area code starting with 0")]
    // 00 starts international calls.
    [InlineData("0012345678", "00 is the international prefix, not an area code")]
    // 01x other than 010 does not exist (and 013… is a mobile with a trunk 0).
    [InlineData("013800138000", "area codes starting 01 exist only as 010 (Beijing)")]
    // 026 is reserved.
    [InlineData("026-12345678", "area code 026 is not assigned")]
    // Two-digit area codes need exactly 8 local digits.
    [InlineData("010-1234567", "a local number after a 2-digit area code has 8 digits starting 2–9; found 7")]
    // Local numbers never start with 0 or 1 (1xx are service numbers).
    [InlineData("0755-18888888", "local numbers start with 2–9, not 1")]
    [InlineData("010-12345678", "local numbers start with 2–9, not 1")]
    [InlineData("0755-888888", "a local number has 7 or 8 digits starting 2–9; found 6")]
    // Letters are not allowed.
    [InlineData("0755-8888A888", "character 'A' at position 10 is not allowed in a landline number")]
    public void Invalid_numbers_say_exactly_why(string raw, string reason) =>
        Assert.Equal(reason, Reason(Kind, raw));

    [Fact]
    public void Describes_area_city_and_extension()
    {
        var facts = Landline.Describe("010-62345678转123");
        Assert.Equal("010", facts.AreaCode);
        Assert.Equal("北京", facts.City);
        Assert.Equal("123", facts.Extension);
        Assert.Null(Landline.Describe("0755-88888888").City);
    }
}
