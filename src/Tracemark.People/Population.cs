using System.Collections.Frozen;
using System.Globalization;
using System.Text;
using Tracemark.Identifiers.Kinds;
using Tracemark.Identifiers.Reference;

namespace Tracemark.People;

/// <summary>A synthetic person. Every field is consistent: the ID encodes the region, birth date and sex; the address
/// lies in the ID's region; the card has a real BIN and a valid Luhn digit. No real person is ever produced.</summary>
public sealed record SyntheticPerson(
    long Index,
    string Name,
    string Surname,
    Sex Sex,
    DateOnly BirthDate,
    Region Region,
    string ResidentId,
    string Mobile,
    string Email,
    string Qq,
    string BankCard,
    string BankName,
    string Address,
    string? Plate,
    string? Landline,
    string? Passport);

/// <summary>
/// A population of <see cref="Size"/> synthetic people, each a pure function of (seed, index): person 17 is the same
/// person every time, in every file, so leaks can share people without anything held in memory. Resident IDs,
/// mobiles, cards, QQ numbers and e-mail addresses are unique across the population by construction
/// (keyed permutations of the index), so distinct-person counts have an exact ground truth.
/// </summary>
public sealed class Population
{
    private const int RetiredPercent = 8;
    private static readonly DateOnly FirstBirth = new(1946, 1, 1);
    private static readonly DateOnly LastBirth = new(2007, 12, 31);

    private static readonly Region[] CurrentCounties = [.. Regions.All.Where(r => IsPersonRegion(r) && r.IsCurrent)];
    private static readonly Region[] RetiredCounties = [.. Regions.All.Where(r => IsPersonRegion(r) && !r.IsCurrent)];
    private static readonly MobileSegment[] Segments = [.. MobileSegments.All.Where(s => s.Use == SegmentUse.Mobile && s.Prefix.Length == 3)];
    private static readonly BankBin[] Bins = [.. BankBins.All.Where(b => b.Prefix.Length == 6 && b.CardType == BankCardType.Debit && b.CardLength is 16 or 19)];
    private static readonly FrozenDictionary<int, string[]> Streets = PeopleData.Read("streets.tsv")
        .GroupBy(r => int.Parse(r[0], CultureInfo.InvariantCulture), r => r[1].Normalize(NormalizationForm.FormKC))
        .ToFrozenDictionary(g => g.Key, g => g.ToArray());

    private static readonly string[] RoadWords = ["人民", "解放", "建设", "中山", "和平", "新华", "胜利", "光明", "幸福", "友谊", "长江", "黄河", "文化", "青年", "朝阳", "团结", "振兴", "东风", "红旗", "工业", "学院", "花园", "滨江", "迎宾", "育才"];
    private static readonly string[] EstateWords = ["锦绣", "阳光", "翠湖", "金色", "碧水", "御景", "华府", "紫荆", "丽都", "绿洲", "明珠", "天悦", "香榭", "海棠", "枫林"];
    private static readonly string[] EstateSuffixes = ["小区", "花园", "家园", "公寓", "苑", "新村", "名城"];
    private static readonly string[] MailDomains = ["163.com", "126.com", "sina.com", "139.com", "foxmail.com", "gmail.com", "hotmail.com", "sohu.com", "189.cn", "aliyun.com"];
    private const string PlateLetters = "ABCDEFGHJKLMNPQRSTUVWXYZ";

    private readonly ulong _seed;
    private readonly Feistel _currentIds;
    private readonly Feistel _retiredIds;
    private readonly Feistel _mobiles;
    private readonly Feistel _cards;
    private readonly Feistel _qq;
    private readonly Feistel _mail;
    private readonly int _days;

    /// <summary>Creates a population of <paramref name="size"/> people from <paramref name="seed"/>.</summary>
    public Population(long seed, long size)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        _seed = (ulong)seed;
        Size = size;
        _days = LastBirth.DayNumber - FirstBirth.DayNumber + 1;
        _currentIds = new Feistel((long)CurrentCounties.Length * _days * 500, Key(1));
        _retiredIds = new Feistel((long)RetiredCounties.Length * _days * 500, Key(2));
        _mobiles = new Feistel(Segments.LongLength * 100_000_000L, Key(3));
        _cards = new Feistel(1_000_000_000L, Key(4));
        _qq = new Feistel(2_000_000_000L, Key(5));
        _mail = new Feistel(Math.Max(1_000_000L, size * 2), Key(6));
        if (size > _mail.Domain || size > _cards.Domain)
        {
            throw new ArgumentOutOfRangeException(nameof(size), size, "population larger than the unique-identifier space");
        }
    }

    /// <summary>Number of people.</summary>
    public long Size { get; }

    /// <summary>Person number <paramref name="index"/> (0-based).</summary>
    public SyntheticPerson Get(long index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Size);
        var rng = new SynthRandom(_seed, 100, (ulong)index);

        // Resident ID: (county, birth day, order) from a permutation of the index, so no two people share one.
        // Orders 000–499 belong to current counties and 500–999 to retired ones, keeping the two tiers disjoint.
        var retired = (int)(SynthRandom.Mix(_seed ^ ((ulong)index * 31)) % 100) < RetiredPercent;
        var counties = retired ? RetiredCounties : CurrentCounties;
        var p = (retired ? _retiredIds : _currentIds).Permute(index);
        var region = counties[p % counties.Length];
        var rest = p / counties.Length;
        var birth = DateOnly.FromDayNumber(FirstBirth.DayNumber + (int)(rest % _days));
        var order = (int)(rest / _days) + (retired ? 500 : 0);
        var sex = order % 2 == 1 ? Sex.Male : Sex.Female;
        Span<char> id = stackalloc char[18];
        var prefix = string.Create(CultureInfo.InvariantCulture, $"{region.Code:D6}{birth:yyyyMMdd}{order:D3}");
        prefix.CopyTo(id);
        id[17] = Identifiers.Kinds.ResidentId.CheckCharacter(id);

        var surname = NameParts.Instance.DrawSurname(ref rng);
        var (given, givenPinyin) = NameParts.Instance.DrawGiven(ref rng, sex == Sex.Male);

        var m = _mobiles.Permute(index);
        var mobile = string.Create(CultureInfo.InvariantCulture, $"{Segments[m % Segments.Length].Prefix}{m / Segments.Length:D8}");

        var qq = (10_000 + _qq.Permute(index)).ToString(CultureInfo.InvariantCulture);
        var email = rng.Chance(0.35)
            ? qq + "@qq.com"
            : string.Create(CultureInfo.InvariantCulture, $"{surname.Pinyin}{givenPinyin}{_mail.Permute(index)}@{MailDomains[rng.Next(MailDomains.Length)]}");

        var bin = Bins[rng.Next(Bins.Length)];
        var card = MakeCard(bin, _cards.Permute(index), ref rng);

        // A longer prefix of another issuer can cover the generated number; the bank is whatever the table says.
        var bank = BankBins.TryFind(card, out var issuer) ? issuer.BankName : bin.BankName;

        var address = MakeAddress(region, ref rng);
        var plate = rng.Chance(0.35) ? MakePlate(region, ref rng) : null;
        var landline = rng.Chance(0.2) ? MakeLandline(region, ref rng) : null;
        var passport = rng.Chance(0.15) ? MakePassport(ref rng) : null;

        return new SyntheticPerson(index, surname.Text + given, surname.Text, sex, birth, region, new string(id), mobile, email, qq,
            card, bank, address, plate, landline, passport);
    }

    private ulong Key(ulong purpose) => SynthRandom.Mix(_seed * 0x100000001B3UL + purpose);

    // People are registered at county level; grouping codes (市辖区) and the SAR/Taiwan/permit codes are not places of birth here.
    private static bool IsPersonRegion(Region r) =>
        r.Level == RegionLevel.County && r.Name != "市辖区" && r.Code / 10000 is not (71 or 81 or 82 or 83);

    private static string MakeCard(BankBin bin, long unique, ref SynthRandom rng)
    {
        // BIN (6) + filler + 9 unique digits + Luhn digit.
        var sb = new StringBuilder(bin.CardLength);
        sb.Append(bin.Prefix);
        var filler = bin.CardLength - 6 - 9 - 1;
        for (var i = 0; i < filler; i++)
        {
            sb.Append((char)('0' + rng.Next(10)));
        }

        sb.Append(unique.ToString("D9", CultureInfo.InvariantCulture));
        Span<char> payload = stackalloc char[sb.Length];
        sb.CopyTo(0, payload, sb.Length);
        sb.Append((char)('0' + BankCard.LuhnCheckDigit(payload)));
        return sb.ToString();
    }

    private static string MakeAddress(Region county, ref SynthRandom rng)
    {
        var sb = new StringBuilder(48);
        sb.Append(county.FullName);
        if (Streets.TryGetValue(county.Code, out var streets) && rng.Chance(0.6))
        {
            sb.Append(streets[rng.Next(streets.Length)]);
        }

        sb.Append(RoadWords[rng.Next(RoadWords.Length)]).Append(rng.Chance(0.7) ? "路" : "街").Append(rng.Next(1, 400)).Append('号');
        if (rng.Chance(0.75))
        {
            sb.Append(EstateWords[rng.Next(EstateWords.Length)]).Append(EstateSuffixes[rng.Next(EstateSuffixes.Length)]);
            sb.Append(rng.Next(1, 30)).Append(rng.Chance(0.5) ? "栋" : "幢");
            if (rng.Chance(0.6))
            {
                sb.Append(rng.Next(1, 6)).Append("单元");
            }

            sb.Append(rng.Next(1, 33)).Append(rng.Next(1, 5).ToString("D2", CultureInfo.InvariantCulture)).Append('室');
        }

        return sb.ToString();
    }

    // Province code (first two digits) → plate abbreviation and the capital's area code.
    private static readonly FrozenDictionary<int, (string Plate, string Area)> Provinces = new Dictionary<int, (string, string)>
    {
        [11] = ("京", "010"),
        [12] = ("津", "022"),
        [13] = ("冀", "0311"),
        [14] = ("晋", "0351"),
        [15] = ("蒙", "0471"),
        [21] = ("辽", "024"),
        [22] = ("吉", "0431"),
        [23] = ("黑", "0451"),
        [31] = ("沪", "021"),
        [32] = ("苏", "025"),
        [33] = ("浙", "0571"),
        [34] = ("皖", "0551"),
        [35] = ("闽", "0591"),
        [36] = ("赣", "0791"),
        [37] = ("鲁", "0531"),
        [41] = ("豫", "0371"),
        [42] = ("鄂", "027"),
        [43] = ("湘", "0731"),
        [44] = ("粤", "020"),
        [45] = ("桂", "0771"),
        [46] = ("琼", "0898"),
        [50] = ("渝", "023"),
        [51] = ("川", "028"),
        [52] = ("贵", "0851"),
        [53] = ("云", "0871"),
        [54] = ("藏", "0891"),
        [61] = ("陕", "029"),
        [62] = ("甘", "0931"),
        [63] = ("青", "0971"),
        [64] = ("宁", "0951"),
        [65] = ("新", "0991"),
    }.ToFrozenDictionary();

    internal static string ProvinceAbbreviation(int code) => Provinces[code / 10000].Plate;

    private static string MakePlate(Region region, ref SynthRandom rng)
    {
        var sb = new StringBuilder(8);
        sb.Append(ProvinceAbbreviation(region.Code));
        sb.Append(rng.Chance(0.5) ? 'A' : PlateLetters[rng.Next(PlateLetters.Length)]);
        if (rng.Chance(0.15))
        {
            // New-energy small vehicle: D/F + serial char + 4 digits.
            sb.Append(rng.Chance(0.6) ? 'D' : 'F').Append(PlateLetters[rng.Next(PlateLetters.Length)]);
            for (var i = 0; i < 4; i++)
            {
                sb.Append((char)('0' + rng.Next(10)));
            }
        }
        else
        {
            for (var i = 0; i < 5; i++)
            {
                sb.Append(rng.Chance(0.8) ? (char)('0' + rng.Next(10)) : PlateLetters[rng.Next(PlateLetters.Length)]);
            }
        }

        return sb.ToString();
    }

    // The local number has the length its area code takes (libphonenumber's table: 0571 eight digits, 0951 seven).
    private static string MakeLandline(Region region, ref SynthRandom rng)
    {
        var area = Provinces[region.Code / 10000].Area;
        var first = rng.Next(2, 9);
        var rest = rng.Next(0, 10_000_000);
        var eight = Landline.HasLocalLength(area, 8);
        return eight
            ? string.Create(CultureInfo.InvariantCulture, $"{area}-{first}{rest:D7}")
            : string.Create(CultureInfo.InvariantCulture, $"{area}-{first}{rest % 1_000_000:D6}");
    }

    private static string MakePassport(ref SynthRandom rng) =>
        string.Create(CultureInfo.InvariantCulture, $"E{(rng.Chance(0.7) ? (char)('0' + rng.Next(10)) : PlateLetters[rng.Next(PlateLetters.Length)])}{rng.Next(0, 10_000_000):D7}");
}
