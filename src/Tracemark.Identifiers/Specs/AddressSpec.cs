using Tracemark.Identifiers.Kinds;

namespace Tracemark.Identifiers.Specs;

/// <summary>Postal addresses: the region part stays visible (a victim count by province needs it), the rest is hidden.</summary>
internal static class AddressSpec
{
    public static readonly KindSpec Value = new()
    {
        Kind = IdentifierKind.Address,
        Code = "address",
        Label = "postal address",
        Validation = "region names and street, number or room parts",
        Check = static (raw, canonical, _) => PostalAddress.Check(raw, canonical),
        Mask = Masking.MaskAddress,
        Headers = [new(190, "address header", "地址", "住址", "户籍", "收货地", "所在地", "address", "addr")],
        Context = ["收货地址", "收件地址", "寄件地址", "家庭住址", "户籍地址", "通讯地址", "居住地址", "地址", "住址", "address", "addr"],
        PublishField = "address",
        ColumnShare = 0.6,
        Priority = 24,
    };
}
