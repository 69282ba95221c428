using Tracemark.Identifiers.Reference;
using Tracemark.Identifiers.Text;

namespace Tracemark.Identifiers.Kinds;

/// <summary>What a valid unified social credit code says about the organization.</summary>
public readonly record struct SocialCreditCodeFacts(string Authority, string OrganizationType, Region? Region, string OrganizationCode);

/// <summary>
/// Unified social credit code, GB 32100-2015: registration authority (1 char) + organization type (1) +
/// GB/T 2260 region of registration (6) + GB 11714 organization code (8 + its own check) + check character.
/// Characters are 0-9 and A–Y without I, O, S, V, Z (values 0–30); check = (31 − Σ vᵢwᵢ mod 31) mod 31 with
/// wᵢ = 3ⁱ mod 31. Identifies organizations, not people. Canonical form: upper case.
/// </summary>
public static class SocialCreditCode
{
    /// <summary>Code length.</summary>
    public const int Length = 18;

    private const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private const string Authorities = "123456789ANY";
    private static readonly int[] Weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
    private static readonly int[] OrganizationWeights = [3, 7, 9, 10, 5, 8, 4, 2];

    /// <summary>Folds and validates; writes the 18 characters to <paramref name="canonical"/>.</summary>
    public static Verdict Check(ReadOnlySpan<char> raw, Span<char> canonical)
    {
        const IdentifierKind kind = IdentifierKind.SocialCreditCode;
        Span<char> buf = stackalloc char[24];
        var prepared = Prepare.Folded(kind, raw, buf, Strip.Spaces | Strip.Dashes | Strip.Upper, out var code);
        if (prepared.Problem != Problem.None)
        {
            return prepared;
        }

        var n = code.Length;
        for (var i = 0; i < n; i++)
        {
            if (Alphabet.IndexOf(code[i]) < 0)
            {
                return Verdict.Fail(kind, Problem.Character, i + 1, code[i]);
            }
        }

        if (n != Length)
        {
            return Verdict.Fail(kind, Problem.Length, n);
        }

        if (!Authorities.Contains(code[0]))
        {
            return Verdict.Fail(kind, Problem.RegistrationAuthority, code[0]);
        }

        if (TypeName(code[0], code[1]) is null)
        {
            return Verdict.Fail(kind, Problem.OrganizationType, code[0], code[1]);
        }

        if (!Ascii.AllDigits(code[2..8]))
        {
            var at = 2 + Ascii.IndexOfNonDigit(code[2..8]);
            return Verdict.Fail(kind, Problem.Character, at + 1, code[at]);
        }

        var region = Ascii.Digits(code[2..8]);
        if (region != National && !Regions.Contains(region))
        {
            return Verdict.Fail(kind, Problem.Region, region);
        }

        var orgCheck = OrganizationCheckCharacter(code[8..16]);
        if (code[16] != orgCheck)
        {
            return Verdict.Fail(kind, Problem.OrganizationCheck, orgCheck);
        }

        var expected = CheckCharacter(code);
        if (code[17] != expected)
        {
            return Verdict.Fail(kind, Problem.CheckCharacter, expected);
        }

        code.CopyTo(canonical);
        return Verdict.Valid(kind, Length);
    }

    // Organizations registered with a national authority carry 100000 (the whole country) as the region.
    private const int National = 100000;

    // GB 32100-2015 table 1 (with the 2018 amendment adding A and N): the organization types each registration
    // authority assigns. Any other pair does not exist (9A…: a market-regulation code has type 1, 2 or 3).
    private static string? TypeName(char authority, char type) => (authority, type) switch
    {
        ('1', '1') => "机关 (government body)",
        ('1', '2') => "事业单位 (public institution)",
        ('1', '3') => "中央编办直接管理机构编制的群众团体 (mass organization)",
        ('2', '1') => "外国常驻新闻机构 (resident foreign news agency)",
        ('3', '1') => "律师执业机构 (law firm)",
        ('3', '2') => "公证处 (notary office)",
        ('3', '3') => "基层法律服务所 (legal service office)",
        ('3', '4') => "司法鉴定机构 (forensic examination institution)",
        ('3', '5') => "仲裁委员会 (arbitration commission)",
        ('4', '1') => "外国在华文化中心 (foreign cultural centre)",
        ('5', '1') => "社会团体 (social organization)",
        ('5', '2') => "民办非企业单位 (private non-enterprise unit)",
        ('5', '3') => "基金会 (foundation)",
        ('6', '1') => "外国旅游部门常驻代表机构 (foreign tourism office)",
        ('6', '2') => "港澳台地区旅游部门常驻内地代表机构 (Hong Kong, Macau or Taiwan tourism office)",
        ('7', '1') => "宗教活动场所 (place of religious activity)",
        ('7', '2') => "宗教院校 (religious school)",
        ('8', '1') => "基层工会 (grassroots trade union)",
        ('9', '1') => "企业 (enterprise)",
        ('9', '2') => "个体工商户 (individual business)",
        ('9', '3') => "农民专业合作社 (farmers' cooperative)",
        ('A', '1') => "军队事业单位 (military public institution)",
        ('N', '1') => "组级集体经济组织 (group-level collective economic organization)",
        ('N', '2') => "村级集体经济组织 (village-level collective economic organization)",
        ('N', '3') => "乡镇级集体经济组织 (township-level collective economic organization)",
        ('Y', '1') => "其他 (other)",
        ('1' or '2' or '3' or '4' or '5' or '6' or '7' or '8' or 'A' or 'N', '9') => "其他 (other)",
        _ => null,
    };

    /// <summary>GB 32100 check character over the first 17 characters.</summary>
    public static char CheckCharacter(ReadOnlySpan<char> first17)
    {
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += Alphabet.IndexOf(first17[i]) * Weights[i];
        }

        return Alphabet[(31 - (sum % 31)) % 31];
    }

    /// <summary>GB 11714 check character over an 8-character organization code body (digits and letters A=10…Z=35).</summary>
    public static char OrganizationCheckCharacter(ReadOnlySpan<char> body8)
    {
        var sum = 0;
        for (var i = 0; i < 8; i++)
        {
            var c = body8[i];
            var v = Ascii.IsDigit(c) ? c - '0' : c - 'A' + 10;
            sum += v * OrganizationWeights[i];
        }

        var check = 11 - (sum % 11);
        return check switch
        {
            10 => 'X',
            11 => '0',
            _ => (char)('0' + check),
        };
    }

    /// <summary>Authority, organization type, region and organization code of a canonical code.</summary>
    public static SocialCreditCodeFacts Describe(ReadOnlySpan<char> canonical)
    {
        var authority = canonical[0] switch
        {
            '1' => "机构编制 (government and public institutions)",
            '2' => "外交 (foreign affairs)",
            '3' => "司法行政 (justice)",
            '4' => "文化 (culture)",
            '5' => "民政 (civil affairs: social organizations)",
            '6' => "旅游 (tourism)",
            '7' => "宗教 (religious affairs)",
            '8' => "工会 (trade unions)",
            '9' => "工商 (market regulation: enterprises)",
            'A' => "中央军委改革和编制办公室 (military)",
            'N' => "农业 (agriculture)",
            _ => "其他 (other)",
        };
        var type = TypeName(canonical[0], canonical[1]) ?? throw new ArgumentException("not a valid credit code", nameof(canonical));
        Regions.TryGet(Ascii.Digits(canonical[2..8]), out var region);
        return new SocialCreditCodeFacts(authority, type, region, string.Concat(canonical[8..16], "-", canonical[16..17]));
    }
}
