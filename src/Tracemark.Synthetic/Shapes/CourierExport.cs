using System.Globalization;
using System.Text;
using Tracemark.Identifiers;
using Tracemark.Synthetic.Output;

namespace Tracemark.Synthetic.Shapes;

/// <summary>
/// A courier's waybill export as insiders sold it (YTO 2020: accounts rented to a broker): GBK CSV with Chinese
/// headers, sender and recipient per row, a waybill number, and an order number column that looks like a card.
/// </summary>
internal sealed class CourierExport : TableShape
{
    private static readonly string[] Goods = ["服装", "鞋", "化妆品", "手机配件", "食品", "图书", "日用品", "数码产品", "母婴用品", "药品"];

    public override string Name => "courier";

    public override string FileName => "courier-waybills.csv";

    public override string Format => "csv";

    public override Encoding Encoding => TextEncodings.Gbk;

    public override int Slots => 2;

    protected override string[] Headers { get; } =
        ["运单号", "快递公司", "寄件人", "寄件人电话", "寄件地址", "收件人", "收件人电话", "收件地址", "物品", "重量(kg)", "订单号", "下单时间"];

    protected override void Fill(RecordContext r, string?[] cells)
    {
        ref var rng = ref r.Rng;
        var (courier, waybill) = rng.Next(5) switch
        {
            0 => ("中通快递", "7" + "34568"[rng.Next(5)] + Noise.Digits(ref rng, 12)),
            1 => ("申通快递", "77" + Noise.Digits(ref rng, 12)),
            2 => ("韵达快递", "3" + Noise.Digits(ref rng, 14)),
            3 => ("顺丰速运", "SF" + Noise.Digits(ref rng, 12)),
            _ => ("圆通速递", "YT" + Noise.Digits(ref rng, 13)),
        };
        cells[0] = r.Item(IdentifierKind.Waybill, Headers[0], waybill);
        cells[1] = courier;
        cells[2] = r.Id(0, IdentifierKind.Name, Headers[2]);
        cells[3] = r.Id(0, IdentifierKind.Mobile, Headers[3]);
        cells[4] = r.Id(0, IdentifierKind.Address, Headers[4]);
        cells[5] = r.Id(1, IdentifierKind.Name, Headers[5]);
        cells[6] = r.Id(1, IdentifierKind.Mobile, Headers[6]);
        cells[7] = r.Id(1, IdentifierKind.Address, Headers[7]);
        cells[8] = Goods[rng.Next(Goods.Length)];
        cells[9] = (rng.Next(1, 300) / 10.0).ToString("0.0", CultureInfo.InvariantCulture);
        cells[10] = r.Decoy(Headers[10], Decoys.DatedOrderNumber(ref rng));
        cells[11] = Noise.Time(ref rng, 2024, 2025);
    }
}
