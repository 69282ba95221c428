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
    /// <summary>An invitation to buyers after an offer ("需要的老板私聊", "要的私聊"): an offer, not a request.</summary>
    Invite,
    /// <summary>News, police warnings and judgments that quote the trade (警方, 抓获, 判处, 法院, 反诈).</summary>
    News,
    /// <summary>Money-laundering fleets (车队, 跑分, 卡接回U, 点位, 归集): there 料 means funds to launder.</summary>
    Laundering,
    /// <summary>Job and "project" scams, porn and pharma spam (项目, 日收益, 搬砖, 全倮, 延时).</summary>
    Spam,
    /// <summary>Renting accounts from their owners (租号, zm, 日结, 挂设备, 收号, 号商): account goods, a request.</summary>
    AccountRequest,
    /// <summary>App names listed as goods (微信, 抖音, 陌陌): weak account evidence.</summary>
    App,
    /// <summary>Group-chat talk that no ad uses (哈哈, 开玩笑) and shopping talk (床上用品, 拼单, 求推荐): a member
    /// chatting about the trade's words, not trading.</summary>
    Chat,
}

internal readonly record struct Term(string Text, Cue Cue, byte Arg);

/// <summary>
/// The trade's vocabulary (docs/domain.md §1, §6) and the vocabulary of the hard negatives that share its words: 水果,
/// 叶子 and 猪肉 also sell drugs, 台子 is also a gambling site, 小裙 are traffic groups, loan ads say 贷款 without
/// selling data. Words that merely contain a cue (饮料 has 料, 出门 has 出, 收款 has 收) are listed as
/// <see cref="Cue.None"/> so the longest match swallows them. All terms are lower case and matched on folded text.
/// </summary>
internal static class Lexicon
{
    public static readonly string[] Categories = ["courier", "loan", "student", "property_owner", "car_owner", "investor", "cosmetics", "hotel", "credit", "ecommerce", "insurance"];
    public static readonly string[] Freshness = ["real-time", "overnight", "historical"];
    public static readonly string[] Fields = ["name", "mobile", "cn_id", "address", "bank_card", "gender", "age", "email", "plate", "company", "order"];

    // Offer Arg 1 and Request Arg 3 are 出水果/收果: a verb and the cover word in one; Offer Arg 2 and Request Arg 4
    // are 出料/有料/收料/要料, a verb and a bare 料.
    // Request Arg 1 marks recruiting words (寻, 诚招): a request for bank kits or data, not for a lookup.
    // Request Arg 5 asks who sells ("有没有出…的老板"): the 的老板私我 after it is the asker's, not an invitation to buyers.
    // Offer Arg 3 is 出租, renting out: a rental shop's offer even beside the renting words (zm, 上号).
    // Data Arg 2 is 客户 or 资源, records only right after a category (医美客户, 股民资源); Account Arg 1 is 号, an account only
    // right after an app name (支付宝号, 陌陌 探探 号); AccountRequest Arg 1 is 日结, a rent: a request always, account
    // goods only beside another account word (跑分, 兼职 and kit ads pay 日结 too).
    // Data Arg 1 marks bare 料 words: funds, not records, in a laundering ad. Kit Arg 1 marks 信用卡: a card to buy
    // in a kit ad, a category of records before 数据/料.
    private static readonly (Cue Cue, int Arg, string[] Words)[] Table =
    [
        (Cue.None, 0, ["料子", "面单打印机", "打印面单", "供应商", "收不到", "带库存", "出租房", "租房", "出来", "出去", "出门", "出现", "出发", "出差", "出生", "出行", "出租车", "收到", "收入", "收费", "接收", "收藏", "收拾", "收款", "收货", "要求", "有需要", "需求", "饮料", "材料", "原料", "塑料", "肥料", "香料", "料理", "预料", "不料", "照料", "燃料", "涂料", "布料", "饲料", "调料", "面料", "意料", "骗测", "出了", "说出", "查下", "查一下", "需要联系", "卡商", "卡主", "中介", "收集", "收取", "出于", "出口", "出国", "收米", "飞机号", "联系号", "手机卡号", "出错", "支出", "付出", "出身", "收获", "吸收", "没收", "丰收", "验收", "超出", "提出", "退出", "指出", "推出", "输出", "演出", "突出", "杰出", "出色", "出路", "出场", "出头", "出道", "出彩", "单号查询", "快递单号", "重要", "主要", "只要", "不要", "要么", "还要", "要是", "摘要", "要点", "一条龙", "第三方", "骗子勿扰", "非骗子", "不是骗子"]),
        (Cue.Offer, 0, ["出售", "长期出", "大量出", "低价出", "现货", "供应", "批发", "零售", "直供", "有货", "出货", "特价", "甩卖", "清仓", "卖", "直出", "货源", "售"]),
        (Cue.Offer, 2, ["出料", "有料"]),
        (Cue.Offer, 3, ["出租"]),
        (Cue.Offer, 1, ["出果", "出水果"]),
        (Cue.Request, 2, ["需要"]),
        (Cue.Request, 0, ["有卡的", "求购", "高价收", "长期收", "大量收", "收购", "回收", "求", "谁有", "谁能", "求查", "想要", "直收", "诚收", "要收", "收各种", "买断", "预付", "上押", "上压", "验付", "三包", "急需", "收全国", "大量拿", "长期要", "大量要", "高价要", "收卡", "租卡", "要卡", "有货的联系", "有货的私", "有的联系", "有的私", "有的发", "有的直接"]),
        (Cue.Request, 4, ["收料", "要料", "求料"]),
        (Cue.Request, 5, ["有没有出", "有没有卖", "哪里有出", "哪有出", "谁有出"]),
        (Cue.Request, 1, ["招募", "寻", "诚招", "招收"]),
        (Cue.Request, 0, ["找人查"]),
        (Cue.Request, 3, ["收水果", "收果"]),
        (Cue.Invite, 0, ["需要的", "要的私", "要的来", "要的联系", "要的老板", "有要的", "要的滴", "要的加", "需要请联系", "的联系我", "的私聊", "的老板私", "老板联系", "老板私聊", "来撩", "的老板来", "需要私", "需要滴", "需要加"]),
        (Cue.OfferChar, 0, ["出"]),
        (Cue.RequestChar, 0, ["租", "收", "要"]),
        (Cue.ServiceVerb, 0, ["单查", "代查", "专业查", "可查", "接单", "秒出", "查询", "可以查", "都能查", "能查", "查到", "帮查", "帮我查", "查一查"]),
        (Cue.Data, 0, ["拖库", "用户表", "注册用户", "用户数据", "会员数据", "数据", "资料", "名单", "客户资源", "个人信息", "公民信息", "台子料", "精准客户", "面单", "快递单", "文档", "料头", "数据库", "脱库", "带库", "劫持", "渗透", "手拨", "客户信息", "客户名单", "二要素", "新料", "鲜料", "cvv", "cc料"]),
        (Cue.Data, 1, ["料"]),
        (Cue.Data, 2, ["资源", "客户"]),
        (Cue.Cover, 0, ["水果", "果料"]),
        (Cue.Lookup, 0, ["查快递", "收件人", "查某人", "查微信", "查qq", "查手机", "查车牌", "开房记录", "开房", "定位", "征信", "出入境", "户籍", "机主", "轨迹", "社工库", "社工", "开盒", "查人", "查档", "实名查", "找人", "同住", "婚姻", "全家", "名下", "人脸识别", "反查", "冻结原因", "查车", "银行流水", "聊天记录", "外卖", "护照", "个人户", "个户", "人员轨迹", "手机定位", "查询服务", "找人查询", "机器人", "查开房", "查户", "车辆信息", "入住记录", "通话记录", "反个人"]),
        (Cue.Account, 0, ["千粉号", "万粉号", "闲鱼号", "淘宝号", "qq老号", "微信老号", "实名微信号", "qq白号", "白号", "老号", "游戏账号", "账号", "抖音号", "成品号", "小号", "靓号", "实名号", "微信号", "qq号", "王者号", "直登", "直登号", "协议号", "精养号", "私人号", "月号", "年号", "社交号", "各种号", "耐用号", "解封", "换绑", "企业微信", "账密", "火种", "协议", "企鹅号", "私人微信", "扫码号", "半年号", "一年号", "满月号", "新号", "苹果id", "appleid", "apple id", "美区id"]),
        (Cue.Account, 1, ["号"]),
        (Cue.AccountRequest, 0, ["租你的微信", "租你微信", "租你的qq", "租你的支付宝", "租你的号", "收号", "号商", "租号", "zm", "挂设备", "上号", "租qq", "租微信", "用号", "招号商", "号主"]),
        (Cue.AccountRequest, 1, ["日结"]),
        (Cue.App, 0, ["steam", "闲鱼", "拼多多", "美团", "京东", "饿了么", "b站", "微信", "qq", "抖音", "快手", "陌陌", "探探", "支付宝", "推特", "领英", "谷歌", "line", "whatsapp", "钉钉", "百合", "世纪佳缘", "小红书", "微博", "灵魂", "脸书", "ins", "twitter", "telegram", "飞机", "zfb", "fb"]),
        (Cue.Sim, 0, ["ip卡", "验证码代收", "代收验证码", "短信代收", "代收短信", "猫池", "接码", "实卡", "物联卡", "注册卡", "手机卡", "电话卡", "流量卡", "黑卡", "卡池", "gv", "虚拟号", "飞机卡", "垃圾卡", "whatsapp卡", "全新卡", "实名卡", "接码平台", "号段", "实体卡", "收短信", "收码"]),
        (Cue.Kit, 0, ["卡农", "四件套", "五件套", "三件套", "银行卡四件套", "对公户", "对公账户", "公户", "卡套", "u盾", "盾卡", "带盾", "盾", "一类卡", "一类银行卡", "二类卡", "储蓄卡", "借记卡", "手银", "网银", "普卡", "小额卡", "个户卡", "一类储蓄卡"]),
        (Cue.Kit, 1, ["信用卡"]),
        (Cue.Kit, 2, ["银行卡"]),
        (Cue.Category, 0, ["快递", "物流", "圆通", "中通", "申通", "韵达", "顺丰", "百世", "极兔", "面单", "快递单"]),
        (Cue.Category, 1, ["网贷", "wd", "贷款", "借贷", "有资金需求", "资金需求", "小贷", "信贷", "借款", "助贷"]),
        (Cue.Category, 2, ["学生", "大学生", "高校", "新生", "家长", "考生", "高考", "教育", "宝妈"]),
        (Cue.Category, 3, ["业主", "房产", "楼盘", "购房", "房主"]),
        (Cue.Category, 4, ["车主", "车辆", "车险"]),
        (Cue.Category, 5, ["股民", "炒股", "股票", "基金", "证券", "证劵", "期货", "理财", "币圈", "诊股", "外汇"]),
        (Cue.Category, 6, ["美容", "医美", "化妆品", "美妆", "整形"]),
        (Cue.Category, 7, ["酒店", "宾馆", "住客", "入住"]),
        (Cue.Category, 8, ["办卡"]),
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
        (Cue.Field, 4, ["银行卡号", "卡号"]),
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
        (Cue.Gambling, 0, ["百家乐", "时时彩", "棋牌", "体育投注", "上下分", "上分", "下分", "首充", "返水", "彩票", "上岸", "台子", "出款", "稳赚", "投注", "首存", "彩金", "博彩", "真人视讯", "返佣", "代理开户", "信誉台", "六合", "菠菜", "体育", "世界杯", "开云", "注册送", "负盈利", "提现"]),
        (Cue.Traffic, 0, ["收粉", "宝妈粉", "股民粉", "车主粉", "业主粉", "一个粉", "小裙", "引流", "日引", "加粉", "拉群", "满群", "拉人", "粉丝", "出粉", "交友粉", "定位交友", "上粉", "僵尸粉", "刷粉", "群发", "q拉", "拉手", "手工单", "手工盘", "水果单", "团长", "错单", "扣单", "试单", "活粉", "精准粉", "短信群发"]),
        (Cue.LoanAd, 0, ["低息", "无抵押", "秒批", "下款", "放款", "正规", "逾期", "停催", "黑白户", "协商", "包批", "资金周转", "贷款服务", "借钱", "利息", "急用钱", "小额", "不看征信", "不查征信", "黑户"]),
        (Cue.News, 0, ["警方", "民警", "公安机关", "网警", "网安", "抓获", "落网", "刑拘", "被告人", "犯罪嫌疑人", "嫌疑人", "判处", "判决", "有期徒刑", "获刑", "法院", "审结", "终审", "检察院", "起诉", "涉嫌", "违法所得", "非法获利", "非法获取", "记者", "报道", "新闻", "调查", "科普", "案例", "提醒", "警惕", "反诈", "防骗", "举报", "新华社", "新华视点", "日报", "法治", "晚报", "专案组", "侦破", "破获", "央视", "立案", "据了解", "犯罪", "罪", "被骗", "诈骗", "骗局", "派出所", "据悉", "近日", "检察官", "检方", "工信部", "网信办", "公安部", "专项行动", "整治", "打击", "兜售", "小广告", "暗语", "骗子", "大家小心"]),
        (Cue.Laundering, 0, ["网赌料", "车队", "跑分", "卡接回u", "接回u", "接回", "点位", "归集", "沉淀", "聚合码", "码商", "收米", "资金", "卸货", "下发", "死卡", "冻卡", "免押", "直押", "精料", "菠菜料", "料咔", "料卡", "口领", "回u", "洗钱", "通道", "佣金", "试跑", "放料", "bc", "收料bc", "出米", "跑量", "代收", "代付", "u商", "承兑", "水房", "洗料", "走账", "三方", "四方"]),
        (Cue.Spam, 0, ["数据录入", "录入员", "项目", "日收益", "收益", "月入", "日入", "日赚", "搬砖", "挂机", "兼职", "利润", "躺赚", "偏门", "包收入", "面授", "签订合同", "暴利", "红利", "蓝海", "多劳多得", "无门槛", "工作室操作", "不适合未成年", "运费险", "数据标注", "全倮", "全裸", "裸聊", "luo聊", "小电影", "作爱", "做爱", "约炮", "鸭子", "寂寞", "开车", "增硬", "延时", "持久", "伟哥", "春药", "无聊", "陪聊", "同城约", "白嫖", "刷单", "返利", "做任务", "赚钱", "薪酬", "工资", "招聘", "学费", "课程", "带你", "保本"]),
        (Cue.Package, 0, ["打包", "整包", "一口价", "打包价"]),
        (Cue.Chat, 0, ["纯棉", "全棉", "宿舍用", "全是坑", "被坑", "踢了", "别加", "拉黑", "哈哈", "开玩笑", "笑死", "床上用品", "床品", "被套", "拼单", "求推荐", "有没有推荐", "推荐一下"]),
    ];

    /// <summary>
    /// Traditional characters the trade's ads use (號, 銀, 開房記錄, 聯系) and the anti-filter spellings of its words
    /// (咔 for 卡, 銀行咔), folded to the simplified forms the table is written in. One table lookup per character.
    /// </summary>
    public static readonly char[] Fold = BuildFold("號号銀银開开記记錄录聯联係系帳账價价數数據据資资戶户碼码買买賣卖機机電电話话點点務务單单個个們们發发廣广凍冻結结證证實实網网貸贷車车輛辆錢钱專专業业類类體体軟软許许詢询貨货團团費费頻频養养換换綁绑態态國国際际對对陸陆來来時时間间會会進进計计劃划圖图書书長长門门東东亞亚檔档簡简鑽钻種种雙双咔卡愛爱頭头後后為为這这裏里裡里閱阅讀读");

    private static char[] BuildFold(string pairs)
    {
        var map = new char[char.MaxValue + 1];
        for (var c = 0; c <= char.MaxValue; c++)
        {
            map[c] = (char)c;
        }

        for (var i = 0; i + 1 < pairs.Length; i += 2)
        {
            map[pairs[i]] = pairs[i + 1];
        }

        return map;
    }

    /// <summary>Terms by first character, longest first (the longest match wins).</summary>
    public static readonly FrozenDictionary<char, Term[]> ByFirst = Index(_ => true);

    /// <summary>Every term of the table (the words cross-validation may withdraw).</summary>
    public static IEnumerable<string> Words => Table.SelectMany(t => t.Words);

    /// <summary>The table without some of its words.</summary>
    public static FrozenDictionary<char, Term[]> Without(IReadOnlySet<string> words) => Index(w => !words.Contains(w));

    private static FrozenDictionary<char, Term[]> Index(Func<string, bool> keep) => Table
        .SelectMany(t => t.Words.Where(keep).Select(w => new Term(w, t.Cue, (byte)t.Arg)))
        .GroupBy(t => t.Text[0])
        .ToFrozenDictionary(g => g.Key, g => g.OrderByDescending(t => t.Text.Length).ToArray());
}
