using FsCheck.Fluent;
using Tracemark.Identifiers.Kinds;
using Tracemark.Identifiers.Reference;
using Tracemark.People;
using Tracemark.Tests;
using static Tracemark.Identifiers.Tests.Checks;

namespace Tracemark.Identifiers.Tests.Kinds;

public sealed class MobileNumberTests
{
    private const IdentifierKind Kind = IdentifierKind.Mobile;

    [Theory]
    [InlineData("13800138000", "13800138000")]
    // Country code in each written form.
    [InlineData("+8613800138000", "13800138000")]
    [InlineData("+86 138 0013 8000", "13800138000")]
    [InlineData("008613800138000", "13800138000")]
    [InlineData("8613800138000", "13800138000")]
    [InlineData("(+86)13800138000", "13800138000")]
    // Dashes, dots and full-width digits.
    [InlineData("138-0013-8000", "13800138000")]
    [InlineData("138.0013.8000", "13800138000")]
    [InlineData("１３８００１３８０００", "13800138000")]
    // 4- and 5-digit allocations: 1349 (Telecom satellite), 17400–17405, 1703 (virtual, Mobile).
    [InlineData("13491234567", "13491234567")]
    [InlineData("17405123456", "17405123456")]
    [InlineData("17031234567", "17031234567")]
    // Newer 19x segments and Broadnet's 192.
    [InlineData("19212345678", "19212345678")]
    [InlineData("19512345678", "19512345678")]
    // Data-only SIMs are 11-digit numbers too.
    [InlineData("14712345678", "14712345678")]
    public void Valid_numbers_normalize_to_11_digits(string raw, string canonical) =>
        Assert.Equal(canonical, Canonical(Kind, raw));

    [Theory]
    // docs/domain.md §2: 154 was never allocated.
    [InlineData("15412345678", "154 is not an assigned mobile segment")]
    // 100–129 are not mobile segments.
    [InlineData("12012345678", "120 is not an assigned mobile segment")]
    // 174 is satellite; only 17400–17405 are allocated.
    [InlineData("17406123456", "17406 is not an assigned mobile segment")]
    // 146 and 148 belong to 13-digit IoT numbers.
    [InlineData("14612345678", "146 is a 13-digit IoT segment, not a personal mobile number")]
    [InlineData("14401234567", "1440 is a 13-digit IoT segment, not a personal mobile number")]
    // 10 and 12 digits.
    [InlineData("1380013800", "has 10 characters; a mobile number has 11")]
    [InlineData("138001380001", "has 12 characters; a mobile number has 11")]
    // Mobile numbers start with 1.
    [InlineData("23800138000", "a mobile number starts with 1")]
    // A letter inside.
    [InlineData("138001380O0", "character 'O' at position 10 is not allowed in a mobile number")]
    public void Invalid_numbers_say_exactly_why(string raw, string reason) =>
        Assert.Equal(reason, Reason(Kind, raw));

    [Theory]
    [InlineData("13800138000", "China Mobile", null)]
    [InlineData("13012345678", "China Unicom", null)]
    [InlineData("18912345678", "China Telecom", null)]
    [InlineData("19212345678", "China Broadnet", null)]
    [InlineData("17001234567", "China Telecom", "virtual operator")]
    [InlineData("13491234567", "China Telecom", "satellite")]
    public void Describes_the_carrier(string number, string carrier, string? note)
    {
        var segment = MobileNumber.Describe(number);
        Assert.Equal(carrier, segment.Carrier);
        Assert.Equal(note, segment.Note);
    }

    [Fact]
    public void Every_unassigned_three_digit_prefix_is_rejected()
    {
        // docs/domain.md §2's examples of unassigned first three digits.
        foreach (var prefix in new[] { 100, 110, 129, 140, 141, 142, 143, 154, 160, 161, 163, 164, 168, 169, 194 })
        {
            Assert.False(Run(Kind, prefix + "12345678").Valid, $"{prefix} should be unassigned");
        }
    }

    private static readonly Population People = new(seed: 11, size: 1_000_000);

    [Fact]
    public void Every_synthesized_mobile_validates_in_every_written_form() =>
        Properties.Hold(Gen.Choose(0, 999_999), i =>
        {
            var m = People.Get(i).Mobile;
            foreach (var written in new[] { m, "+86 " + m, "0086" + m, $"{m[..3]}-{m[3..7]}-{m[7..]}", ResidentIdTests.ToFullWidth(m) })
            {
                Assert.Equal(m, Canonical(Kind, written));
            }
        });

    [Theory]
    // docs/domain.md §2's table: 134(0–8) Mobile but 1349 Telecom; 19x; data-only 145; 13-digit IoT 148.
    [InlineData("13440000000", "China Mobile", SegmentUse.Mobile)]
    [InlineData("13490000000", "China Telecom", SegmentUse.Mobile)]
    [InlineData("19900000000", "China Telecom", SegmentUse.Mobile)]
    [InlineData("19700000000", "China Mobile", SegmentUse.Mobile)]
    [InlineData("14500000000", "China Unicom", SegmentUse.DataOnly)]
    [InlineData("14800000000", "IoT", SegmentUse.Iot13)]
    public void Segment_table_matches_domain_md(string number, string carrier, SegmentUse use)
    {
        Assert.True(MobileSegments.TryFind(number, out var segment));
        Assert.Equal(carrier, segment.Carrier);
        Assert.Equal(use, segment.Use);
    }
}
