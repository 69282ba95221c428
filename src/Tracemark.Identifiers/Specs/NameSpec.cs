using Tracemark.Identifiers.Kinds;

namespace Tracemark.Identifiers.Specs;

/// <summary>Names in Chinese characters: the surname stays visible (欧阳**).</summary>
internal static class NameSpec
{
    public static readonly KindSpec Value = new()
    {
        Kind = IdentifierKind.Name,
        Code = "name",
        Label = "person's name",
        Validation = "surname table and given-name length",
        Check = static (raw, canonical, _) => PersonName.Check(raw, canonical),
        Mask = Masking.MaskName,
        Headers = [new(210, "name header", "姓名", "名字", "收件人", "寄件人", "发件人", "联系人", "户名", "客户", "持卡人", "借款人", "申请人", "入住人", "旅客", "乘客", "name", "realname", "fullname")],
        Context = ["客户", "户名", "姓名", "名字", "收件人", "寄件人", "发件人", "联系人", "持卡人", "借款人", "申请人", "入住人", "投保人", "被保险人", "患者", "学员", "业主", "车主", "用户", "本人", "乘客", "旅客", "家长", "学生"],
        PublishField = "name",
        MaskedForm = IdentifierKind.NameMasked,
        ColumnShare = 0.8,
        Priority = 23,
    };
}
