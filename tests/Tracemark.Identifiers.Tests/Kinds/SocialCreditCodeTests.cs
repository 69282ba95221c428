using FsCheck;
using FsCheck.Fluent;
using Tracemark.Identifiers.Kinds;
using Tracemark.Tests;
using static Tracemark.Identifiers.Tests.Checks;

namespace Tracemark.Identifiers.Tests.Kinds;

public sealed class SocialCreditCodeTests
{
    private const IdentifierKind Kind = IdentifierKind.SocialCreditCode;
    private const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    [Theory]
    // GB 32100-2015's example.
    [InlineData("91110000600037341L", "91110000600037341L")]
    [InlineData("91110000600037341l", "91110000600037341L")]
    [InlineData("9111 0000 6000 3734 1L", "91110000600037341L")]
    // Organization code with letters (GB 11714 allows them) and checks verified independently.
    [InlineData("91350100M000100Y43", "91350100M000100Y43")]
    public void Valid_codes(string raw, string canonical) =>
        Assert.Equal(canonical, Canonical(Kind, raw));

    [Theory]
    // Last character changed: mod-31 check.
    [InlineData("91110000600037341K", "check character should be L")]
    // 17th character (the organization code check) wrong: reported before the whole-code check.
    [InlineData("911100006000373429", "organization code check should be 1")]
    // I, O, S, V, Z are not in the alphabet.
    [InlineData("91110000600037341O", "character 'O' at position 18 is not allowed in a unified social credit code")]
    // Registration authority must be 1–9, A, N or Y.
    [InlineData("B1110000600037341L", "'B' is not a registration authority code")]
    // Region code 999999 does not exist.
    [InlineData("91999999600037341L", "region 999999 is in no GB/T 2260 revision 1980–2024")]
    // Under registration authority 9 (market regulation) the organization type is 1, 2 or 3 (GB 32100-2015 table 1).
    [InlineData("9A440101L08W97Q004", "organization type 'A' does not exist under registration authority '9' (GB 32100-2015)")]
    [InlineData("99440101L08W97Q004", "organization type '9' does not exist under registration authority '9' (GB 32100-2015)")]
    [InlineData("Y2440101L08W97Q004", "organization type '2' does not exist under registration authority 'Y' (GB 32100-2015)")]
    [InlineData("9111000060003734", "has 16 characters; a unified social credit code has 18")]
    public void Invalid_codes_say_exactly_why(string raw, string reason) =>
        Assert.Equal(reason, Reason(Kind, raw));

    [Fact]
    public void Describes_authority_type_and_region()
    {
        var facts = SocialCreditCode.Describe("91110000600037341L");
        Assert.StartsWith("工商", facts.Authority, StringComparison.Ordinal);
        Assert.StartsWith("企业", facts.OrganizationType, StringComparison.Ordinal);
        Assert.Equal("北京市", facts.Region!.FullName);
        Assert.Equal("60003734-1", facts.OrganizationCode);
    }

    // Random codes with valid structure: authority 9, type 1, a Beijing district, random organization body.
    private static Gen<string> Codes =>
        Gen.ArrayOf(Gen.Elements(Alphabet.ToCharArray()), 8).Select(body =>
        {
            var b = new string(body);
            var first17 = "91110105" + b + SocialCreditCode.OrganizationCheckCharacter(b);
            return first17 + SocialCreditCode.CheckCharacter(first17);
        });

    [Fact]
    public void Constructed_codes_validate_to_themselves() =>
        Properties.Hold(Codes, code => Canonical(Kind, code) == code);

    [Fact]
    public void Every_single_character_substitution_is_rejected() =>
        Properties.Hold(Codes, code =>
        {
            for (var i = 0; i < code.Length; i++)
            {
                foreach (var c in Alphabet)
                {
                    if (c != code[i])
                    {
                        var changed = string.Concat(code.AsSpan(0, i), c.ToString(), code.AsSpan(i + 1));
                        Assert.False(Run(Kind, changed).Valid, $"{changed} (from {code}) was accepted");
                    }
                }
            }
        }, count: 60);

    // GB 32100-2015 table 1 with its 2018 amendment (A, N): every authority's organization types, and no others.
    public static TheoryData<char, string> AllowedTypes => new()
    {
        { '1', "1239" }, { '2', "19" }, { '3', "123459" }, { '4', "19" }, { '5', "1239" }, { '6', "129" },
        { '7', "129" }, { '8', "19" }, { '9', "123" }, { 'A', "19" }, { 'N', "1239" }, { 'Y', "1" },
    };

    [Theory]
    [MemberData(nameof(AllowedTypes))]
    public void Each_authority_allows_exactly_its_organization_types(char authority, string types)
    {
        foreach (var type in Alphabet)
        {
            var first17 = $"{authority}{type}110105" + "60003734" + SocialCreditCode.OrganizationCheckCharacter("60003734");
            var code = first17 + SocialCreditCode.CheckCharacter(first17);
            Assert.Equal(types.Contains(type), Run(Kind, code).Valid);
        }
    }
}
