using FsCheck;
using FsCheck.Fluent;
using Tracemark.Identifiers.Kinds;
using Tracemark.Tests;
using static Tracemark.Identifiers.Tests.Checks;

namespace Tracemark.Identifiers.Tests.Kinds;

public sealed class TaiwanResidentCertificateTests
{
    private const IdentifierKind Kind = IdentifierKind.TaiwanResidentCertificate;
    private const string ShapeReason = "not a Taiwan resident certificate: two letters + 8 digits, or letter + 8 or 9 + 8 digits";

    [Theory]
    // A800000014 is the example number of the 2021 format in the National Immigration Agency's announcement.
    [InlineData("A800000014", "A800000014")]
    // Old format, checked by hand: A=10 → 1·1 + 0·9; C=12 → 2·8; 0123456 weighted 7…1 = 56; total 73 → check 7.
    [InlineData("AC01234567", "AC01234567")]
    [InlineData("ac 0123 4567", "AC01234567")]
    // F=15 → 1 + 45; A=10 → 0·8; 1234567 weighted 7…1 = 84; total 130 → check 0.
    [InlineData("FA12345670", "FA12345670")]
    public void Valid_numbers(string raw, string canonical) =>
        Assert.Equal(canonical, Canonical(Kind, raw));

    [Theory]
    [InlineData("A800000015", "check character should be 4")]
    [InlineData("AC01234568", "check character should be 7")]
    // Second letters are A–D only (sex and holder group).
    [InlineData("AE01234567", ShapeReason)]
    // 1/2 in second place is a national ID number (TaiwanId), not a resident certificate.
    [InlineData("A123456789", ShapeReason)]
    [InlineData("A80000001", ShapeReason)]
    [InlineData("8A00000014", ShapeReason)]
    public void Invalid_numbers_say_exactly_why(string raw, string reason) =>
        Assert.Equal(reason, Reason(Kind, raw));

    [Fact]
    public void Describes_place_sex_format_and_holder()
    {
        Assert.Equal(new TaiwanResidentCertificateFacts("台北市", Sex.Male, false, null), TaiwanResidentCertificate.Describe("A800000014"));
        var old = TaiwanResidentCertificate.Describe("AC01234567");
        Assert.True(old.OldFormat);
        Assert.Equal(Sex.Male, old.Sex);
        Assert.Equal("foreigner or stateless person", old.Holder);
        Assert.Equal(Sex.Female, TaiwanResidentCertificate.Describe("AB00000000"[..9] + TaiwanResidentCertificate.CheckDigit("AB0000000")).Sex);
    }

    [Fact]
    public void Identify_tells_a_resident_certificate_from_a_national_id()
    {
        Assert.Equal(Kind, Identifier.Identify("A800000014", Today).Kind);
        Assert.Equal(IdentifierKind.TaiwanId, Identifier.Identify("A123456789", Today).Kind);
    }

    private static Gen<string> Numbers =>
        from letter in Gen.Choose('A', 'Z').Select(c => (char)c)
        from second in Gen.Elements('A', 'B', 'C', 'D', '8', '9')
        from digits in Gen.ArrayOf(Gen.Choose('0', '9').Select(c => (char)c), 7)
        let first9 = $"{letter}{second}{new string(digits)}"
        select first9 + TaiwanResidentCertificate.CheckDigit(first9);

    [Fact]
    public void Constructed_numbers_validate_and_a_changed_check_digit_is_rejected() =>
        Properties.Hold(Numbers, id =>
        {
            Assert.Equal(id, Canonical(Kind, id));
            var wrong = (char)('0' + ((id[^1] - '0' + 1) % 10));
            Assert.False(Run(Kind, id[..^1] + wrong).Valid);
        });
}
