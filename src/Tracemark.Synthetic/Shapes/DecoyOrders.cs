using System.Globalization;
using System.Text;
using Tracemark.Synthetic.Output;

namespace Tracemark.Synthetic.Shapes;

/// <summary>
/// A decoy-only order export: every number imitates an identifier (valid-ID order numbers, Luhn serials with a
/// UnionPay prefix, SKUs in mobile segments, millisecond timestamps, IMEIs) under headers that say what it is.
/// A correct scanner finds nothing here.
/// </summary>
internal sealed class DecoyOrders : TableShape
{
    private static readonly string[] Products = ["纯棉T恤", "无线耳机", "保温杯", "洗发水", "儿童绘本", "运动鞋", "充电宝", "茶叶礼盒"];

    public override string Name => "decoys";

    public override string FileName => "orders-decoys.csv";

    public override string Format => "csv";

    public override Encoding Encoding => TextEncodings.Utf8Bom;

    public override int Slots => 0;

    protected override string[] Headers { get; } =
        ["订单号", "交易流水号", "商品编码", "商品名称", "数量", "金额", "下单时间戳", "物流单号", "设备IMEI"];

    protected override void Fill(RecordContext r, string?[] cells)
    {
        ref var rng = ref r.Rng;
        cells[0] = r.Decoy(Headers[0], rng.Chance(0.5) ? Decoys.IdShaped(ref rng) : Decoys.DatedOrderNumber(ref rng));
        cells[1] = r.Decoy(Headers[1], Decoys.CardShaped(ref rng));
        cells[2] = r.Decoy(Headers[2], Decoys.MobileShaped(ref rng));
        cells[3] = Products[rng.Next(Products.Length)];
        cells[4] = rng.Next(1, 6).ToString(CultureInfo.InvariantCulture);
        cells[5] = (rng.Next(990, 99_900) / 100.0).ToString("0.00", CultureInfo.InvariantCulture);
        cells[6] = r.Decoy(Headers[6], Decoys.MillisecondTimestamp(ref rng));
        cells[7] = r.Decoy(Headers[7], Decoys.IdShaped(ref rng));
        cells[8] = r.Decoy(Headers[8], Decoys.Imei(ref rng));
    }
}
