using System.Text.Json.Serialization;

namespace Tracemark.Reports;

/// <summary>What a post is (docs/intel.md): an offer, a request, a lookup service on demand, or not trade.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<PostType>))]
public enum PostType
{
    /// <summary>Selling (出, 出售, 供应).</summary>
    [JsonStringEnumMemberName("offer")]
    Offer,

    /// <summary>Buying (收, 求购, 需要).</summary>
    [JsonStringEnumMemberName("request")]
    Request,

    /// <summary>Lookups on demand (代查, 查人), whoever writes.</summary>
    [JsonStringEnumMemberName("service")]
    Service,

    /// <summary>Not about the trade.</summary>
    [JsonStringEnumMemberName("other")]
    Other,
}

/// <summary>What a post trades.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<GoodsKind>))]
public enum GoodsKind
{
    /// <summary>Records about people (料, 数据).</summary>
    [JsonStringEnumMemberName("personal_data")]
    PersonalData,

    /// <summary>Looking people up (查人, 开房, 定位).</summary>
    [JsonStringEnumMemberName("lookup")]
    Lookup,

    /// <summary>Social and shop accounts (老号, 白号).</summary>
    [JsonStringEnumMemberName("accounts")]
    Accounts,

    /// <summary>SIM cards and SMS reception (卡商, 接码).</summary>
    [JsonStringEnumMemberName("sim")]
    Sim,

    /// <summary>Bank-account kits (四件套, 对公户).</summary>
    [JsonStringEnumMemberName("bank_kit")]
    BankKit,

    /// <summary>Nothing of the trade.</summary>
    [JsonStringEnumMemberName("other")]
    Other,
}

/// <summary>Where the records of a personal-data offer come from; <see cref="Unstated"/> ("-") only in the market
/// view, for offers that name no category.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TradeCategory>))]
public enum TradeCategory
{
    /// <summary>快递: waybills.</summary>
    [JsonStringEnumMemberName("courier")]
    Courier,

    /// <summary>网贷: loan applicants.</summary>
    [JsonStringEnumMemberName("loan")]
    Loan,

    /// <summary>学生, 家长.</summary>
    [JsonStringEnumMemberName("student")]
    Student,

    /// <summary>业主.</summary>
    [JsonStringEnumMemberName("property_owner")]
    PropertyOwner,

    /// <summary>车主.</summary>
    [JsonStringEnumMemberName("car_owner")]
    CarOwner,

    /// <summary>股民.</summary>
    [JsonStringEnumMemberName("investor")]
    Investor,

    /// <summary>医美.</summary>
    [JsonStringEnumMemberName("cosmetics")]
    Cosmetics,

    /// <summary>酒店住客.</summary>
    [JsonStringEnumMemberName("hotel")]
    Hotel,

    /// <summary>办卡: card applicants.</summary>
    [JsonStringEnumMemberName("credit")]
    Credit,

    /// <summary>电商: shoppers.</summary>
    [JsonStringEnumMemberName("ecommerce")]
    Ecommerce,

    /// <summary>保险.</summary>
    [JsonStringEnumMemberName("insurance")]
    Insurance,

    /// <summary>The market view's row of offers that name no category.</summary>
    [JsonStringEnumMemberName("-")]
    Unstated,
}

/// <summary>How fresh an offer says its records are; <see cref="Unstated"/> ("-") only in the market view.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<OfferFreshness>))]
public enum OfferFreshness
{
    /// <summary>实时, 当天.</summary>
    [JsonStringEnumMemberName("real-time")]
    RealTime,

    /// <summary>隔夜, 次日.</summary>
    [JsonStringEnumMemberName("overnight")]
    Overnight,

    /// <summary>历史, 老料.</summary>
    [JsonStringEnumMemberName("historical")]
    Historical,

    /// <summary>The market view's row of offers that say nothing of freshness.</summary>
    [JsonStringEnumMemberName("-")]
    Unstated,
}

/// <summary>A field an offer's records carry (what the text lists and its sample shows).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<OfferedField>))]
public enum OfferedField
{
    /// <summary>姓名.</summary>
    [JsonStringEnumMemberName("name")]
    Name,

    /// <summary>手机.</summary>
    [JsonStringEnumMemberName("mobile")]
    Mobile,

    /// <summary>身份证.</summary>
    [JsonStringEnumMemberName("cn_id")]
    CnId,

    /// <summary>地址.</summary>
    [JsonStringEnumMemberName("address")]
    Address,

    /// <summary>银行卡.</summary>
    [JsonStringEnumMemberName("bank_card")]
    BankCard,

    /// <summary>性别.</summary>
    [JsonStringEnumMemberName("gender")]
    Gender,

    /// <summary>年龄.</summary>
    [JsonStringEnumMemberName("age")]
    Age,

    /// <summary>邮箱.</summary>
    [JsonStringEnumMemberName("email")]
    Email,

    /// <summary>车牌.</summary>
    [JsonStringEnumMemberName("plate")]
    Plate,

    /// <summary>公司.</summary>
    [JsonStringEnumMemberName("company")]
    Company,

    /// <summary>订单.</summary>
    [JsonStringEnumMemberName("order")]
    Order,
}

/// <summary>What an offer says of testing before buying.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TestPolicy>))]
public enum TestPolicy
{
    /// <summary>可测, 先测后买.</summary>
    [JsonStringEnumMemberName("test_allowed")]
    TestAllowed,

    /// <summary>不测, 不给测.</summary>
    [JsonStringEnumMemberName("no_test")]
    NoTest,
}

/// <summary>A contact or payment handle's kind.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<HandleKind>))]
public enum HandleKind
{
    /// <summary>A QQ number.</summary>
    [JsonStringEnumMemberName("qq")]
    Qq,

    /// <summary>A WeChat id.</summary>
    [JsonStringEnumMemberName("wechat")]
    WeChat,

    /// <summary>A Telegram user.</summary>
    [JsonStringEnumMemberName("telegram")]
    Telegram,

    /// <summary>A mobile number (a personal identifier: masked unless revealed).</summary>
    [JsonStringEnumMemberName("mobile")]
    Mobile,

    /// <summary>An e-mail address (a personal identifier: masked unless revealed).</summary>
    [JsonStringEnumMemberName("email")]
    Email,

    /// <summary>A USDT (TRC-20/ERC-20) address.</summary>
    [JsonStringEnumMemberName("usdt")]
    Usdt,
}

/// <summary>Why two accounts were linked into one actor.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<LinkEvidence>))]
public enum LinkEvidence
{
    /// <summary>The same contact handle.</summary>
    [JsonStringEnumMemberName("contact")]
    Contact,

    /// <summary>The same USDT address.</summary>
    [JsonStringEnumMemberName("payment")]
    Payment,

    /// <summary>The same people in their test samples.</summary>
    [JsonStringEnumMemberName("samples")]
    Samples,

    /// <summary>A near-duplicate ad.</summary>
    [JsonStringEnumMemberName("text")]
    Text,
}

/// <summary>Reads intel's string values into the contract enums; an unknown value is a bug in intel, not input.</summary>
public static class IntelValues
{
    /// <summary>A post type intel gave.</summary>
    public static PostType Type(string type) => type switch
    {
        "offer" => PostType.Offer,
        "request" => PostType.Request,
        "service" => PostType.Service,
        "other" => PostType.Other,
        _ => throw Unknown(type, "post type"),
    };

    /// <summary>A goods kind intel gave.</summary>
    public static GoodsKind Goods(string goods) => goods switch
    {
        "personal_data" => GoodsKind.PersonalData,
        "lookup" => GoodsKind.Lookup,
        "accounts" => GoodsKind.Accounts,
        "sim" => GoodsKind.Sim,
        "bank_kit" => GoodsKind.BankKit,
        "other" => GoodsKind.Other,
        _ => throw Unknown(goods, "goods kind"),
    };

    /// <summary>A category intel gave ("-": the market's row without one).</summary>
    public static TradeCategory Category(string category) => category switch
    {
        "courier" => TradeCategory.Courier,
        "loan" => TradeCategory.Loan,
        "student" => TradeCategory.Student,
        "property_owner" => TradeCategory.PropertyOwner,
        "car_owner" => TradeCategory.CarOwner,
        "investor" => TradeCategory.Investor,
        "cosmetics" => TradeCategory.Cosmetics,
        "hotel" => TradeCategory.Hotel,
        "credit" => TradeCategory.Credit,
        "ecommerce" => TradeCategory.Ecommerce,
        "insurance" => TradeCategory.Insurance,
        "-" => TradeCategory.Unstated,
        _ => throw Unknown(category, "trade category"),
    };

    /// <summary>A freshness intel gave ("-": the market's row without one).</summary>
    public static OfferFreshness Freshness(string freshness) => freshness switch
    {
        "real-time" => OfferFreshness.RealTime,
        "overnight" => OfferFreshness.Overnight,
        "historical" => OfferFreshness.Historical,
        "-" => OfferFreshness.Unstated,
        _ => throw Unknown(freshness, "offer freshness"),
    };

    /// <summary>A field intel gave.</summary>
    public static OfferedField Field(string field) => field switch
    {
        "name" => OfferedField.Name,
        "mobile" => OfferedField.Mobile,
        "cn_id" => OfferedField.CnId,
        "address" => OfferedField.Address,
        "bank_card" => OfferedField.BankCard,
        "gender" => OfferedField.Gender,
        "age" => OfferedField.Age,
        "email" => OfferedField.Email,
        "plate" => OfferedField.Plate,
        "company" => OfferedField.Company,
        "order" => OfferedField.Order,
        _ => throw Unknown(field, "offered field"),
    };

    /// <summary>A test policy intel gave.</summary>
    public static TestPolicy Test(string policy) => policy switch
    {
        "test_allowed" => TestPolicy.TestAllowed,
        "no_test" => TestPolicy.NoTest,
        _ => throw Unknown(policy, "test policy"),
    };

    /// <summary>A handle kind intel gave.</summary>
    public static HandleKind Handle(string kind) => kind switch
    {
        "qq" => HandleKind.Qq,
        "wechat" => HandleKind.WeChat,
        "telegram" => HandleKind.Telegram,
        "mobile" => HandleKind.Mobile,
        "email" => HandleKind.Email,
        "usdt" => HandleKind.Usdt,
        _ => throw Unknown(kind, "handle kind"),
    };

    /// <summary>The evidence of a link intel made.</summary>
    public static LinkEvidence Evidence(string evidence) => evidence switch
    {
        "contact" => LinkEvidence.Contact,
        "payment" => LinkEvidence.Payment,
        "samples" => LinkEvidence.Samples,
        "text" => LinkEvidence.Text,
        _ => throw Unknown(evidence, "link evidence"),
    };

    /// <summary>The kind of an actor-graph node intel made: account, escrow or a handle kind.</summary>
    public static GraphNodeKind NodeKind(string kind) => kind switch
    {
        "account" => GraphNodeKind.Account,
        "escrow" => GraphNodeKind.Escrow,
        "qq" => GraphNodeKind.Qq,
        "wechat" => GraphNodeKind.WeChat,
        "telegram" => GraphNodeKind.Telegram,
        "mobile" => GraphNodeKind.Mobile,
        "email" => GraphNodeKind.Email,
        "usdt" => GraphNodeKind.Usdt,
        _ => throw Unknown(kind, "graph node kind"),
    };

    /// <summary>The evidence of an actor-graph edge intel made.</summary>
    public static GraphEdgeEvidence EdgeEvidence(string evidence) => evidence switch
    {
        "posted" => GraphEdgeEvidence.Posted,
        "escrow" => GraphEdgeEvidence.Escrow,
        "samples" => GraphEdgeEvidence.Samples,
        "text" => GraphEdgeEvidence.Text,
        _ => throw Unknown(evidence, "graph edge evidence"),
    };

    private static ArgumentOutOfRangeException Unknown(string value, string what) => new(nameof(value), value, "not a " + what);
}
