using FsCheck.Fluent;
using Tracemark.Identifiers.Kinds;
using Tracemark.Tests;
using static Tracemark.Identifiers.Tests.Checks;

namespace Tracemark.Identifiers.Tests.Kinds;

public sealed class LandlineTests
{
    private const IdentifierKind Kind = IdentifierKind.Landline;

    [Theory]
    [InlineData("010", 8, true)]
    [InlineData("010", 7, false)]
    [InlineData("0571", 8, true)]
    [InlineData("0951", 7, true)]
    [InlineData("0951", 8, false)]
    // Unassigned codes, a code without its trunk 0, and nonsense take no length.
    [InlineData("0300", 7, false)]
    [InlineData("571", 8, false)]
    [InlineData("0", 8, false)]
    [InlineData("0x71", 8, false)]
    [InlineData("0571", 40, false)]
    public void Local_lengths_follow_the_area_code_table(string area, int digits, bool expected) =>
        Assert.Equal(expected, Landline.HasLocalLength(area, digits));

    [Theory]
    // Two-digit area codes (010, 02x) take 8-digit local numbers.
    [InlineData("010-62345678", "010-62345678")]
    [InlineData("(021)62345678", "021-62345678")]
    [InlineData("02162345678", "021-62345678")]
    // Three-digit area codes take 7 or 8 digits.
    [InlineData("0755-88888888", "0755-88888888")]
    [InlineData("0755 8888 8888", "0755-88888888")]
    [InlineData("0931-8123456", "0931-8123456")]
    [InlineData("0571-23456789", "0571-23456789")]
    // The trunk 0 written in parentheses after the country code.
    [InlineData("+86 (0)10 62345678", "010-62345678")]
    [InlineData("+86(0)571-23456789", "0571-23456789")]
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
    [InlineData("026-12345678", "026 is not an assigned area code")]
    // 0300 is in no area-code table (libphonenumber CN metadata).
    [InlineData("0300-2345678", "0300 is not an assigned area code")]
    // 0571 (Hangzhou) has 8-digit local numbers only.
    [InlineData("0571-2345678", "local numbers after 0571 have 8 digits starting 2–9; found 7")]
    // 0759 (Zhanjiang) has 7-digit local numbers only.
    [InlineData("0759-23456789", "local numbers after 0759 have 7 digits starting 2–9; found 8")]
    [InlineData("+86 00 62345678", "00 is the international prefix, not an area code")]
    // Two-digit area codes need exactly 8 local digits.
    [InlineData("010-1234567", "local numbers after 010 have 8 digits starting 2–9; found 7")]
    // Local numbers never start with 0 or 1 (1xx are service numbers).
    [InlineData("0755-18888888", "local numbers start with 2–9, not 1")]
    [InlineData("010-12345678", "local numbers start with 2–9, not 1")]
    [InlineData("0755-888888", "local numbers after 0755 have 8 digits starting 2–9; found 6")]
    // Letters are not allowed.
    [InlineData("0755-8888A888", "character 'A' at position 10 is not allowed in a landline number")]
    public void Invalid_numbers_say_exactly_why(string raw, string reason) =>
        Assert.Equal(reason, Reason(Kind, raw));

    [Fact]
    public void Describes_area_city_and_extension()
    {
        var facts = Landline.Describe("010-62345678转123");
        Assert.Equal("010", facts.AreaCode);
        Assert.Equal("北京市", facts.City);
        Assert.Equal("123", facts.Extension);
        Assert.Equal("广东省深圳市", Landline.Describe("0755-88888888").City);
    }

    [Fact]
    public void Every_area_code_in_the_table_validates_with_each_of_its_lengths_and_no_other() =>
        Properties.Hold(Gen.Elements([.. AreaCodeRows]), row =>
        {
            var (code, length) = row;
            var local = "23456789"[..Math.Min(length, 8)].PadRight(length, '5');
            Assert.Equal($"{code}-{local}", Canonical(Kind, code + local));
            Assert.False(Run(Kind, code + local + "5").Valid && !AreaCodeRows.Contains((code, length + 1)));
        });

    private static readonly HashSet<(string Code, int Length)> AreaCodeRows = ReadAreaCodes();

    private static HashSet<(string, int)> ReadAreaCodes()
    {
        using var stream = typeof(Identifier).Assembly.GetManifestResourceStream("Tracemark.Identifiers.Data.area-codes.tsv")!;
        using var reader = new StreamReader(stream);
        var rows = new HashSet<(string, int)>();
        _ = reader.ReadLine();
        while (reader.ReadLine() is { Length: > 0 } line)
        {
            var cells = line.Split('\t');
            rows.Add((cells[0], int.Parse(cells[1], System.Globalization.CultureInfo.InvariantCulture)));
        }

        Assert.InRange(rows.Count, 300, 400);
        return rows;
    }
}
