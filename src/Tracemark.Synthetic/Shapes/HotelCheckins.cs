using System.Globalization;
using System.Text;
using Tracemark.Identifiers;
using Tracemark.Synthetic.Output;

namespace Tracemark.Synthetic.Shapes;

/// <summary>
/// Hotel check-in records (Huazhu 2018): Excel "Unicode text" export, UTF-16 LE with BOM and tabs, .txt extension.
/// Document type varies (resident ID, passport, home-return permit); the order number column holds valid-looking IDs.
/// </summary>
internal sealed class HotelCheckins : TableShape
{
    private static readonly string[] Hotels = ["如家酒店", "汉庭酒店", "全季酒店", "7天连锁酒店", "锦江之星", "维也纳酒店", "亚朵酒店"];

    public override string Name => "hotel";

    public override string FileName => "hotel-checkins.txt";

    public override string Format => "tsv";

    public override Encoding Encoding => TextEncodings.Utf16Le;

    protected override char Delimiter => '\t';

    protected override string[] Headers { get; } =
        ["姓名", "性别", "证件类型", "证件号码", "出生日期", "地址", "手机", "入住时间", "离店时间", "房号", "酒店", "订单号"];

    protected override void Fill(RecordContext r, string?[] cells)
    {
        ref var rng = ref r.Rng;
        var person = r.Persons[0];
        cells[0] = r.Id(0, IdentifierKind.Name, Headers[0]);
        cells[1] = person.Sex == Identifiers.Kinds.Sex.Male ? "男" : "女";
        var roll = rng.Next(100);
        if (roll < 7 && person.Passport is not null)
        {
            cells[2] = "护照";
            cells[3] = r.Id(0, IdentifierKind.Passport, Headers[3]);
        }
        else if (roll < 10)
        {
            cells[2] = "港澳居民来往内地通行证";
            var permit = (rng.Chance(0.7) ? "H" : "M") + Noise.Digits(ref rng, 8);
            cells[3] = r.Item(IdentifierKind.HomeReturnPermit, Headers[3], permit, slot: 0);
        }
        else
        {
            cells[2] = "身份证";
            cells[3] = r.Id(0, IdentifierKind.ResidentId, Headers[3]);
        }

        cells[4] = person.BirthDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        cells[5] = r.Id(0, IdentifierKind.Address, Headers[5]);
        cells[6] = r.Id(0, IdentifierKind.Mobile, Headers[6]);
        var checkin = Noise.Time(ref rng, 2023, 2025);
        cells[7] = checkin;
        cells[8] = DateTime.Parse(checkin, CultureInfo.InvariantCulture).AddDays(rng.Next(1, 4)).ToString("yyyy-MM-dd 12:00:00", CultureInfo.InvariantCulture);
        cells[9] = (rng.Next(2, 20) * 100 + rng.Next(1, 40)).ToString(CultureInfo.InvariantCulture);
        cells[10] = Hotels[rng.Next(Hotels.Length)];
        cells[11] = r.Decoy(Headers[11], Decoys.IdShaped(ref rng));
    }
}
