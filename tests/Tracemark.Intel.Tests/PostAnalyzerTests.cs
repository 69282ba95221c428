namespace Tracemark.Intel.Tests;

public sealed class PostAnalyzerTests
{
    [Theory]
    // Offers, requests and lookups of each goods kind, in the trade's words.
    [InlineData("长期出实时快递料，字段：姓名+手机+地址，1.2一条，可测 V:shuiguo88", "offer", "personal_data")]
    [InlineData("高价收WD料，量大 QQ:12345678", "request", "personal_data")]
    [InlineData("求购学生家长名单 @buyer_one", "request", "personal_data")]
    [InlineData("出股民水果 姓名 电话 5万条 20一万", "offer", "personal_data")]
    [InlineData("专业查开房记录 500一次 飞机:@lookup_pro", "service", "lookup")]
    [InlineData("谁能查征信 急 V:need_help1", "service", "lookup")] // a lookup asked for is the lookup trade too (docs/intel.md)
    [InlineData("出QQ老号 5块一个 现有500个", "offer", "accounts")]
    [InlineData("卡商直供物联卡 30一张", "offer", "sim")]
    [InlineData("猫池出租 接码平台", "offer", "sim")]
    [InlineData("长期出四件套 1500一套", "offer", "bank_kit")]
    [InlineData("收四件套 高价", "request", "bank_kit")]
    public void Trade_posts_get_type_and_goods(string text, string type, string goods)
    {
        var a = Analyze.Text(text);
        Assert.Equal((type, goods), (a.Type, a.Goods));
    }

    [Theory]
    // Hard negatives: the trade's cover words in drug, gambling, traffic-group and loan ads, and in plain chat.
    [InlineData("水果到货了，纯度高，300一克，同城闪送 V:fruit_one")]
    [InlineData("新鲜叶子，一手货源，30g起，懂的来 @leaf_seller")]
    [InlineData("出猪肉，溜冰的兄弟看过来，货到付款")]
    [InlineData("台子稳定出款，百家乐，上下分秒到，首充100送10")]
    [InlineData("小裙引流，日引5000粉 QQ:55667788")]
    [InlineData("出小裙，300人满群，价格美丽")]
    [InlineData("正规贷款，低息，当天下款，额度5万起")]
    [InlineData("有资金需求的朋友看过来，无视黑白户，30分钟下款")]
    [InlineData("今天水果店打折，苹果5元一斤，好新鲜")]
    [InlineData("谁有快递单号帮我查下包裹到哪了")]
    [InlineData("有没有人知道哪里可以办信用卡")]
    [InlineData("群里有人做学生家教吗？一小时100")]
    public void Hard_negatives_are_other(string text)
    {
        var a = Analyze.Text(text);
        Assert.Equal(("other", "other"), (a.Type, a.Goods));
        Assert.Empty(a.Categories);
        Assert.Null(a.UnitPrice);
    }

    [Fact]
    public void A_full_offer_is_read_field_by_field()
    {
        var a = Analyze.Text("长期出隔夜快递料，二手，字段：姓名/手机/身份证/地址，库存50W条，一毛五一条，免测。tg：seller_x9");
        Assert.Equal(["courier"], a.Categories);
        Assert.Equal("overnight", a.Freshness);
        Assert.False(a.FirstHand);
        Assert.Equal(["name", "mobile", "cn_id", "address"], a.Fields);
        Assert.Equal(500_000, a.Quantity);
        Assert.Equal(0.15, a.UnitPrice);
        Assert.Equal("no_test", a.TestPolicy);
        Assert.Contains(a.Handles, h => h.Kind == "telegram" && h.Value == "seller_x9");
        Assert.InRange(a.Confidence, 0.5, 1);
        Assert.NotEmpty(a.Reasons);
    }

    [Fact]
    public void Sample_rows_are_counted_masked_and_add_their_fields()
    {
        // Synthetic people: valid check digits, not real persons.
        const string Text = "出快递料 可测\n测试样例：\n张伟 13800138000 11010519491231002X\n李娜 13912345678 110105198001010016";
        var a = Analyze.Text(Text);
        var masked = Analysis.PostAnalyzer.Mask(Text, a.Samples);
        Assert.Equal(4, a.Samples.Count);
        Assert.Contains("cn_id", a.Fields);
        Assert.Contains("mobile", a.Fields);
        Assert.DoesNotContain("13800138000", masked, StringComparison.Ordinal);
        Assert.DoesNotContain("11010519491231002X", masked, StringComparison.Ordinal);
    }

    [Fact]
    public void A_contact_mobile_is_a_handle_not_a_sample()
    {
        var a = Analyze.Text("出快递料 电话:13800138000");
        Assert.Empty(a.Samples);
        Assert.Contains(a.Handles, h => h.Kind == "mobile");
    }

    [Fact]
    public void Place_names_holding_drug_characters_do_not_sink_an_offer() =>
        Assert.Equal("personal_data", Analyze.Text("出WD客户资源 0.1一条，包含姓名/手机号/地址\n胡思,13918672420,新疆维吾尔自治区克孜勒苏柯尔克孜自治州阿克陶县喀热开其克乡").Goods);
}
