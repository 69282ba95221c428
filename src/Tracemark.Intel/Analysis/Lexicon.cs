using System.Collections.Frozen;

namespace Tracemark.Intel.Analysis;

/// <summary>What a word in a post signals.</summary>
internal enum Cue : byte
{
    None,
    Offer,
    Request,
    OfferChar,
    RequestChar,
    ServiceVerb,
    Data,
    Cover,
    Lookup,
    Account,
    Sim,
    Kit,
    Category,
    Fresh,
    FirstHand,
    SecondHand,
    Field,
    Bundle3,
    Bundle4,
    TestAllowed,
    NoTest,
    SampleHeader,
    Drug,
    Gambling,
    Traffic,
    LoanAd,
    Package,
}

internal readonly record struct Term(string Text, Cue Cue, byte Arg);

/// <summary>
/// The trade's vocabulary (DOMAIN.md §1, §6) and the vocabulary of the hard negatives that share its words: 水果,
/// 叶子 and 猪肉 also sell drugs, 台子 is also a gambling site, 小裙 are traffic groups, loan ads say 贷款 without
/// selling data. Words that merely contain a cue (饮料 has 料, 出门 has 出, 收款 has 收) are listed as
/// <see cref="Cue.None"/> so the longest match swallows them. All terms are lower case and matched on folded text.
/// </summary>
internal static class Lexicon
{
    public static readonly string[] Categories = ["courier", "loan", "student", "property_owner", "car_owner", "investor", "cosmetics", "hotel", "credit", "ecommerce", "insurance"];
    public static readonly string[] Freshness = ["realtime", "overnight", "historical"];
    public static readonly string[] Fields = ["name", "mobile", "cn_id", "address", "bank_card", "gender", "age", "email", "plate", "company", "order"];

    private static readonly (Cue Cue, int Arg, string[] Words)[] Table =
    [
        (Cue.None, 0, ["出来", "出去", "出门", "出现", "出发", "出差", "出生", "出行", "出租车", "收到", "收入", "收费", "收益", "接收", "收藏", "收拾", "收款", "收货", "要求", "有需要", "需求", "饮料", "材料", "原料", "塑料", "肥料", "香料", "料理", "预料", "不料", "照料", "燃料", "涂料", "布料", "饲料", "调料", "面料", "意料", "骗测", "出了", "说出", "查下", "查一下"]),
        (Cue.Offer, 0, ["出售", "长期出", "大量出", "低价出", "现货", "供应", "批发", "出租", "直供", "有货", "出货", "特价", "甩卖", "清仓", "出料", "卖"]),
        (Cue.Request, 0, ["求购", "高价收", "长期收", "大量收", "收购", "回收", "求", "需要", "谁有", "谁能", "找人", "求查", "想要", "收料"]),
        (Cue.OfferChar, 0, ["出"]),
        (Cue.RequestChar, 0, ["收"]),
        (Cue.ServiceVerb, 0, ["代查", "专业查", "可查", "接单", "秒出", "查询"]),
        (Cue.Data, 0, ["料", "数据", "资料", "名单", "客户资源", "个人信息", "公民信息", "台子料", "精准客户"]),
        (Cue.Cover, 0, ["水果"]),
        (Cue.Lookup, 0, ["开房记录", "开房", "定位", "征信", "出入境", "户籍", "机主", "轨迹", "社工库", "开盒", "查人", "查档", "实名查"]),
        (Cue.Account, 0, ["qq老号", "微信老号", "实名微信号", "qq白号", "白号", "老号", "游戏账号", "账号", "抖音号", "成品号", "小号", "靓号", "实名号"]),
        (Cue.Sim, 0, ["卡商", "猫池", "接码", "实卡", "物联卡", "注册卡", "手机卡", "电话卡", "流量卡", "黑卡", "卡池"]),
        (Cue.Kit, 0, ["四件套", "五件套", "银行卡四件套", "对公户", "对公账户", "卡套", "u盾"]),
        (Cue.Category, 0, ["快递", "物流", "圆通", "中通", "申通", "韵达", "顺丰", "百世", "极兔", "面单"]),
        (Cue.Category, 1, ["网贷", "wd", "贷款", "借贷", "有资金需求", "资金需求", "小贷", "信贷", "借款"]),
        (Cue.Category, 2, ["学生", "大学生", "高校", "新生", "家长", "考生", "高考"]),
        (Cue.Category, 3, ["业主", "房产", "楼盘", "购房", "房主"]),
        (Cue.Category, 4, ["车主", "车辆", "车险"]),
        (Cue.Category, 5, ["股民", "炒股", "股票", "基金", "证券", "期货", "理财"]),
        (Cue.Category, 6, ["美容", "医美", "化妆品", "美妆", "整形"]),
        (Cue.Category, 7, ["酒店", "宾馆", "住客", "入住"]),
        (Cue.Category, 8, ["信用卡", "办卡"]),
        (Cue.Category, 9, ["电商", "淘宝", "网购", "购物"]),
        (Cue.Category, 10, ["保险", "投保"]),
        (Cue.Fresh, 0, ["实时", "当天", "当日", "今日新鲜", "今日", "刚出"]),
        (Cue.Fresh, 1, ["隔夜", "次日", "昨日", "昨天"]),
        (Cue.Fresh, 2, ["历史", "老料", "历史料", "往年", "陈料", "旧料"]),
        (Cue.FirstHand, 0, ["一手", "源头", "一手货源", "直接对接"]),
        (Cue.SecondHand, 0, ["二手", "转手", "转手料"]),
        (Cue.Field, 0, ["姓名", "名字"]),
        (Cue.Field, 1, ["手机号", "手机", "电话", "号码"]),
        (Cue.Field, 2, ["身份证号", "身份证", "证件号"]),
        (Cue.Field, 3, ["地址", "住址", "收货地址", "详细地址"]),
        (Cue.Field, 4, ["银行卡号", "银行卡", "卡号"]),
        (Cue.Field, 5, ["性别"]),
        (Cue.Field, 6, ["年龄"]),
        (Cue.Field, 7, ["邮箱"]),
        (Cue.Field, 8, ["车牌"]),
        (Cue.Field, 9, ["单位"]),
        (Cue.Field, 10, ["订单"]),
        (Cue.Bundle3, 0, ["三要素"]),
        (Cue.Bundle4, 0, ["四要素"]),
        (Cue.TestAllowed, 0, ["可测", "可以测试", "先测后买", "支持测试", "免费测试", "给测试", "可试料", "包测", "可先测", "测试"]),
        (Cue.NoTest, 0, ["免测", "不测", "不给测", "不支持测试", "拒绝测试", "不试", "概不测试"]),
        (Cue.SampleHeader, 0, ["测试样例", "样料", "部分样本", "试料几条", "样本", "样例"]),
        (Cue.Drug, 0, ["纯度", "嗨", "溜冰", "冰糖", "叶子", "猪肉", "同城", "闪送", "见面交易", "货到付款", "飞行员", "懂的来", "冰", "溜", "g起"]),
        (Cue.Gambling, 0, ["百家乐", "时时彩", "棋牌", "体育投注", "上下分", "上分", "下分", "首充", "返水", "彩票", "上岸", "台子", "出款", "稳赚"]),
        (Cue.Traffic, 0, ["小裙", "引流", "日引", "加粉", "拉群", "满群", "拉人", "粉丝"]),
        (Cue.LoanAd, 0, ["低息", "无抵押", "秒批", "下款", "额度", "放款", "正规", "逾期", "停催", "黑白户", "协商"]),
        (Cue.Package, 0, ["打包", "整包", "一口价", "打包价"]),
    ];

    /// <summary>Terms by first character, longest first (the longest match wins).</summary>
    public static readonly FrozenDictionary<char, Term[]> ByFirst = Table
        .SelectMany(t => t.Words.Select(w => new Term(w, t.Cue, (byte)t.Arg)))
        .GroupBy(t => t.Text[0])
        .ToFrozenDictionary(g => g.Key, g => g.OrderByDescending(t => t.Text.Length).ToArray());
}
