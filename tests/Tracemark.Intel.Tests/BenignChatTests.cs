namespace Tracemark.Intel.Tests;

/// <summary>
/// Issue 15 item 3: on benign group chat, at most one false personal-data offer per 1,000 messages. The chat is
/// written the way family, neighbourhood and hobby groups talk — and it leans on the trade's words on purpose: parcels
/// and tracking numbers (快递, 单号), fruit prices (水果 5块一斤), phone numbers and WeChat (手机号, 加我微信), bank cards
/// and loans (办卡, 房贷), game accounts (号, 上分), data plans (流量卡) and "who has" questions (谁有).
/// </summary>
public sealed class BenignChatTests
{
    private static readonly string[] Said =
    [
        "今天谁去接孩子", "晚上一起吃饭吗", "明天下雨记得带伞", "我的快递到了吗，单号发你了", "谁有快递单号帮我查下包裹到哪了",
        "楼下水果店苹果5块一斤", "出水果了，门口那家店的芒果很甜", "今天的西瓜两块五一斤，便宜", "收到，谢谢", "我手机号换了，新号码明天发群里",
        "加我微信吧，方便发照片", "有没有人知道哪里可以办信用卡", "银行卡丢了要去柜台挂失吗", "房贷利率又降了", "我的王者号被盗了，怎么找回",
        "周末开黑上分吗", "流量卡哪家便宜", "谁有多余的充电宝借一下", "这个资料我打印好了放你桌上", "家长会的名单老师发群里了",
        "数据线忘带了", "学生证要拍照上传", "物业说明天停水", "快递员说放驿站了", "今天出门忘带钥匙了",
        "老板今天发工资了吗", "谁有靠谱的装修师傅推荐", "这周六同学聚会，大家报个名", "报名表的姓名和电话填一下", "车险快到期了，哪家便宜",
        "孩子高考志愿怎么填", "外卖到了，下来拿", "酒店订好了，明天入住", "我妈说要给我介绍对象", "今天股票又绿了",
        "基金亏了一半", "退休金到账了", "一手房还是二手房好", "买菜去了，要带什么", "帮我拿个快递，取件码发你",
        "群里谁懂电脑，开不了机", "收快递的时候记得验货", "我先出去一趟，马上回来", "下班了下班了", "这个价格有点贵啊",
        "十块钱三斤，划算", "药店的口罩一块钱一个", "宝妈们，哪家早教好", "网购的衣服太小了要退货", "运费谁出",
        "单位体检的名单出来了", "快递单上的地址写错了", "手机卡欠费停机了", "实名认证怎么弄", "社保卡去哪里办",
        "昨天的会议记录发我一份", "新生报到要带身份证复印件", "谁需要我多买的车厘子，原价给", "要的话私聊我", "需要的举手，我统一买",
        "小区群禁止发广告哦", "别信那些说能查开房记录的，都是骗子", "看到新闻说有人卖个人信息被抓了", "警察说不要随便扫码", "我这有几张超市购物卡，要的说",
        "卖二手婴儿车，九成新，200", "出闲置自行车一辆，150自提", "收旧书，有的联系我", "谁家有多余的纸箱", "定位发我，我来接你",
    ];

    private static readonly string[] Before = ["", "哈哈", "@小王 ", "对了，", "刚看到，"];

    private static readonly string[] After = ["", "～", "。", "[捂脸]", "！", " 谢谢大家"];

    private static IEnumerable<string> Chat() =>
        from said in Said
        from before in Before
        from after in After
        select before + said + after;

    [Fact]
    public void Benign_chat_gives_at_most_one_false_data_offer_per_thousand_messages()
    {
        var messages = Chat().ToList();
        Assert.True(messages.Count >= 1_000, $"{messages.Count} messages");
        var analyzer = new Analysis.PostAnalyzer();
        var offers = messages
            .Select((text, i) => (text, a: analyzer.Analyze(new Posts.Post("chat", i + 1, null, "member", "qq:" + (i % 40), "家长群", text))))
            .Where(x => x.a.Goods == "personal_data" && x.a.Type is "offer" or "service")
            .Select(x => x.text)
            .ToList();
        Assert.True(offers.Count * 1_000 <= messages.Count, $"{offers.Count} false offers in {messages.Count} messages: {string.Join(" | ", offers.Distinct().Take(10))}");
    }
}
