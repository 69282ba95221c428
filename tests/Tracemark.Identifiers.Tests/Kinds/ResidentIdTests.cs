using FsCheck;
using FsCheck.Fluent;
using Tracemark.Identifiers.Kinds;
using Tracemark.People;
using Tracemark.Tests;
using static Tracemark.Identifiers.Tests.Checks;

namespace Tracemark.Identifiers.Tests.Kinds;

public sealed class ResidentIdTests
{
    private const IdentifierKind Kind = IdentifierKind.ResidentId;

    private static string WithCheck(string first17) => first17 + ResidentId.CheckCharacter(first17);

    [Theory]
    // GB 11643-1999's own examples.
    [InlineData("11010519491231002X", "11010519491231002X")]
    [InlineData("440524188001010014", "440524188001010014")]
    // Lower-case check character is upper-cased.
    [InlineData("11010519491231002x", "11010519491231002X")]
    // Full-width digits and letters fold (NFKC).
    [InlineData("１１０１０５１９４９１２３１００２Ｘ", "11010519491231002X")]
    // Spaces and dashes inside the number are separators.
    [InlineData("110105 19491231 002X", "11010519491231002X")]
    [InlineData("110105-19491231-002X", "11010519491231002X")]
    [InlineData(" 11010519491231002X ", "11010519491231002X")]
    // 15-digit legacy number: "19" goes before the year and the check character is computed.
    [InlineData("110105491231002", "11010519491231002X")]
    public void Valid_numbers_normalize_to_the_18_character_key(string raw, string canonical) =>
        Assert.Equal(canonical, Canonical(Kind, raw));

    [Fact]
    public void Retired_region_codes_still_validate()
    {
        // 110103 崇文区 was last listed in 2009; IDs issued before keep it.
        var id = WithCheck("11010319800101001");
        Assert.Equal(id, Canonical(Kind, id));
        var facts = ResidentId.Describe(id, Today);
        Assert.Equal("北京市崇文区", facts.Region!.FullName);
        Assert.False(facts.Region.IsCurrent);
    }

    [Fact]
    public void Foreigners_permanent_residence_ids_use_the_same_check()
    {
        // 9 + province of the accepting authority (11 Beijing) + nationality 840 + birth date + order + check.
        var id = WithCheck("91184019800101001");
        Assert.Equal(id, Canonical(Kind, id));
        Assert.True(ResidentId.Describe(id, Today).ForeignPermanentResident);
        Assert.Equal("United States of America", ResidentId.Describe(id, Today).Nationality);
    }

    [Fact]
    public void Regions_of_the_2024_list_validate()
    {
        // 653228 和康县 and 653229 和安县 (Hotan, created 2024), 659012 白杨市, 540481 米林市.
        Assert.Equal("653228202503150008", Canonical(Kind, "653228202503150008"));
        Assert.Equal("新疆维吾尔自治区和田地区和康县", ResidentId.Describe("653228202503150008", Today).Region!.FullName);
        foreach (var region in new[] { "653229", "659012", "540481" })
        {
            var id = WithCheck(region + "19900101001");
            Assert.True(Run(Kind, id).Valid, id);
        }
    }

    [Fact]
    public void An_id_shaped_value_with_a_right_check_keeps_the_kind_when_its_region_is_unknown()
    {
        // 123456 is in no revision, but the birth date and check character are right.
        var id = WithCheck("12345619900101001");
        Assert.Contains("region 123456", Reason(Kind, id), StringComparison.Ordinal);
        var identified = Identifier.Identify(id, Today);
        Assert.Equal(Kind, identified.Kind);
        Assert.True(identified.IsValid);
        Assert.True(identified.Verdict.Uncertain);
        Assert.InRange(identified.Confidence, 0.1, 0.9);
        Assert.Contains("lower confidence", identified.Reason, StringComparison.Ordinal);
        Assert.Contains(identified.Facts, f => f.Key == "region_status" && f.Value.StartsWith("unknown", StringComparison.Ordinal));

        // With a wrong check character the region failure stands: nothing says it is an ID.
        var wrong = id[..17] + (id[17] == '0' ? '1' : '0');
        Assert.False(Identifier.Identify(wrong, Today).IsValid);
    }

    [Fact]
    public void An_id_that_also_passes_luhn_is_an_id_first_and_a_card_second()
    {
        var identified = Identifier.Identify("653228202503150454", Today);
        Assert.Equal(Kind, identified.Kind);
        Assert.True(identified.IsValid);
        Assert.Equal([IdentifierKind.BankCard], identified.Alternatives);
    }

    [Theory]
    // GB 11643's counter-example: the check character of 11010519491231002 is X, not 1.
    [InlineData("110105194912310021", "check character should be X")]
    // 999999 is in no revision of GB/T 2260.
    [InlineData("999999194912310021", "region 999999 is in no GB/T 2260 revision 1980–2024")]
    // A foreigner's permanent residence ID names a foreign nationality (GB/T 2659): 999 is no country, 156 is China.
    [InlineData("911999198001010013", "nationality code 999 is no GB/T 2659 country")]
    [InlineData("911156198001010016", "nationality code 156 is China's (or Hong Kong's, Macau's, Taiwan's): a foreigner's permanent residence ID names a foreign nationality")]
    // Month 13 does not exist.
    [InlineData("110105194913310021", "month 13")]
    // 1949 was not a leap year; February has no 30th.
    [InlineData("110105194902300021", "day 30 does not exist in 1949-02")]
    // Born in 2099: after today.
    [InlineData("110105209901010011", "birth date 2099-01-01 is in the future")]
    // docs/domain.md §2 (GB 11643-1999 birth dates): none before 1880.
    [InlineData("110105187001010011", "birth year 1870 is before 1880")]
    // 17 characters: one missing.
    [InlineData("11010519491231002", "has 17 characters; a resident ID number has 18 (or 15 for legacy numbers)")]
    // Only the last position may be X.
    [InlineData("11010519491231002Y", "character 'Y' at position 18 is not allowed in a resident ID number")]
    [InlineData("1101051949A231002X", "character 'A' at position 11 is not allowed in a resident ID number")]
    // Legacy numbers are checked too: month 13 in YYMMDD.
    [InlineData("110105491331002", "month 13")]
    // Nothing but separators.
    [InlineData(" - ", "empty value")]
    public void Invalid_numbers_say_exactly_why(string raw, string reason) =>
        Assert.Equal(reason, Reason(Kind, raw));

    [Fact]
    public void Describes_region_birth_date_sex_and_age()
    {
        var facts = ResidentId.Describe("11010519491231002X", Today);
        Assert.Equal("北京市朝阳区", facts.Region!.FullName);
        Assert.Equal(new DateOnly(1949, 12, 31), facts.BirthDate);
        Assert.Equal(Sex.Female, facts.Sex);
        Assert.Equal(76, facts.Age);
    }

    [Fact]
    public void Age_counts_whole_years()
    {
        Assert.Equal(75, ResidentId.AgeOn(new DateOnly(1949, 12, 31), new DateOnly(2025, 12, 30)));
        Assert.Equal(76, ResidentId.AgeOn(new DateOnly(1949, 12, 31), new DateOnly(2025, 12, 31)));
    }

    private static readonly Population People = new(seed: 7, size: 1_000_000);

    private static Gen<string> SyntheticIds => Gen.Choose(0, 999_999).Select(i => People.Get(i).ResidentId);

    [Fact]
    public void Every_synthesized_id_validates_to_itself() =>
        Properties.Hold(SyntheticIds, id => Canonical(Kind, id) == id);

    [Fact]
    public void Every_single_character_substitution_is_rejected() =>
        Properties.Hold(SyntheticIds, id =>
        {
            for (var i = 0; i < id.Length; i++)
            {
                foreach (var c in i == 17 ? "0123456789X" : "0123456789")
                {
                    if (c != id[i])
                    {
                        var changed = string.Concat(id.AsSpan(0, i), c.ToString(), id.AsSpan(i + 1));
                        Assert.False(Run(Kind, changed).Valid, $"{changed} (from {id}) was accepted");
                    }
                }
            }
        }, count: 100);

    [Fact]
    public void Normalization_is_idempotent() =>
        Properties.Hold(
            SyntheticIds.SelectMany(id => Gen.Elements(id, id.ToLowerInvariant(), $"{id[..6]} {id[6..14]} {id[14..]}", ToFullWidth(id)), (_, w) => w),
            written =>
            {
                var once = Canonical(Kind, written);
                return Canonical(Kind, once) == once;
            });

    [Fact]
    public void Legacy_numbers_upgrade_to_the_same_key_as_their_18_digit_form() =>
        Properties.Hold(
            SyntheticIds.Where(id => id.AsSpan(6, 2) is "19"),
            id => Canonical(Kind, id[..6] + id[8..17]) == id);

    [Fact]
    public void Describe_agrees_with_the_synthetic_person() =>
        Properties.Hold(Gen.Choose(0, 999_999), i =>
        {
            var person = People.Get(i);
            var facts = ResidentId.Describe(person.ResidentId, Today);
            return facts.BirthDate == person.BirthDate && facts.Sex == person.Sex && facts.Region!.Code == person.Region.Code;
        });

    internal static string ToFullWidth(string s) => string.Concat(s.Select(c => c is >= '!' and <= '~' ? (char)(c + 0xFEE0) : c));
}
