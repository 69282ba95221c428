namespace Tracemark.Scanning.Detection.Recognizers;

/// <summary>
/// Words that, just before a number, say it is not personal (订单号, 交易流水号, SKU, 时间戳 …): a valid-looking ID,
/// card or mobile after them is a decoy (docs/domain.md §2). A positive context word closer to the number wins.
/// </summary>
internal static class NonPersonalWords
{
    public static readonly string[] Words =
    [
        "订单", "单号", "流水", "交易号", "编码", "编号", "序号", "条码", "货号", "工号", "批次", "sku", "时间戳", "timestamp", "imei", "设备",
        "金额", "价格", "订单号", "order", "serial", "txn", "uuid", "版本", "型号",
    ];
}
