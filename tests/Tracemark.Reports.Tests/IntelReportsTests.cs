using System.Text.Json;
using FsCheck.Fluent;
using Tracemark.Intel;
using Tracemark.Intel.Actors;
using Tracemark.Intel.Analysis;
using Tracemark.Tests;

namespace Tracemark.Reports.Tests;

/// <summary>Intel's contracts: the closed sets print the strings intel always printed, and the records keep its shape.</summary>
public sealed class IntelReportsTests
{
    [Theory]
    [InlineData(GoodsKind.PersonalData, "personal_data")]
    [InlineData(GoodsKind.Lookup, "lookup")]
    [InlineData(GoodsKind.Accounts, "accounts")]
    [InlineData(GoodsKind.Sim, "sim")]
    [InlineData(GoodsKind.BankKit, "bank_kit")]
    [InlineData(GoodsKind.Other, "other")]
    public void Goods_print_as_intel_names_them(GoodsKind goods, string text)
    {
        Assert.Equal($"\"{text}\"", JsonSerializer.Serialize(goods, JsonSerializerOptions.Default));
        Assert.Equal(goods, IntelValues.Goods(text));
    }

    [Theory]
    [InlineData(PostType.Offer, "offer")]
    [InlineData(PostType.Request, "request")]
    [InlineData(PostType.Service, "service")]
    [InlineData(PostType.Other, "other")]
    public void Post_types_print_as_intel_names_them(PostType type, string text)
    {
        Assert.Equal($"\"{text}\"", JsonSerializer.Serialize(type, JsonSerializerOptions.Default));
        Assert.Equal(type, IntelValues.Type(text));
    }

    [Theory]
    [InlineData(OfferFreshness.RealTime, "real-time")]
    [InlineData(OfferFreshness.Unstated, "-")]
    [InlineData(TradeCategory.PropertyOwner, "property_owner")]
    [InlineData(TradeCategory.Unstated, "-")]
    [InlineData(OfferedField.CnId, "cn_id")]
    [InlineData(TestPolicy.TestAllowed, "test_allowed")]
    [InlineData(HandleKind.WeChat, "wechat")]
    [InlineData(LinkEvidence.Payment, "payment")]
    [InlineData(GraphNodeKind.Escrow, "escrow")]
    [InlineData(GraphNodeKind.WeChat, "wechat")]
    [InlineData(GraphEdgeEvidence.Posted, "posted")]
    public void Other_sets_print_their_wire_names(object value, string text) =>
        Assert.Equal($"\"{text}\"", JsonSerializer.Serialize(value, value.GetType(), JsonSerializerOptions.Default));

    [Fact]
    public void Every_member_of_every_set_reads_back_from_what_it_prints()
    {
        // A member added to an enum without its line in IntelValues (or the reverse) would throw at print time.
        RoundTrip<PostType>(IntelValues.Type);
        RoundTrip<GoodsKind>(IntelValues.Goods);
        RoundTrip<TradeCategory>(IntelValues.Category);
        RoundTrip<OfferFreshness>(IntelValues.Freshness);
        RoundTrip<OfferedField>(IntelValues.Field);
        RoundTrip<TestPolicy>(IntelValues.Test);
        RoundTrip<HandleKind>(IntelValues.Handle);
        RoundTrip<LinkEvidence>(IntelValues.Evidence);
        RoundTrip<GraphNodeKind>(IntelValues.NodeKind);
        RoundTrip<GraphEdgeEvidence>(IntelValues.EdgeEvidence);
    }

    [Fact]
    public void A_value_outside_a_set_is_refused_not_guessed()
    {
        var known = new HashSet<string>(StringComparer.Ordinal) { "offer", "request", "service", "other", "personal_data", "lookup", "accounts", "sim", "bank_kit" };
        Properties.Hold(ArbMap.Default.GeneratorFor<string>().Where(s => s is not null && !known.Contains(s)), s =>
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => IntelValues.Type(s));
            Assert.Throws<ArgumentOutOfRangeException>(() => IntelValues.Goods(s));
        });
        Assert.Throws<ArgumentOutOfRangeException>(() => IntelValues.Goods("Personal_Data"));
        Assert.Throws<ArgumentOutOfRangeException>(() => IntelValues.Freshness("realtime"));
        Assert.Throws<ArgumentOutOfRangeException>(() => IntelValues.NodeKind("contact"));
        Assert.Throws<ArgumentOutOfRangeException>(() => IntelValues.EdgeEvidence("contact"));
    }

    [Fact]
    public void A_post_prints_its_fields_in_order_with_personal_handles_masked_unless_revealed()
    {
        var post = Post([new PostHandle("mobile", "13812345678", false), new PostHandle("qq", "20481234", false)]);
        var masked = ReportJson.SerializeLine(IntelPostReport.From(post, reveal: false));
        Assert.StartsWith("{\"source\":\"forum.jsonl\",\"post\":3,\"time\":\"2026-03-02T10:00:00+08:00\",\"author\":\"卖家\",", masked, StringComparison.Ordinal);
        Assert.Contains("\"type\":\"offer\",\"goods\":\"personal_data\",\"categories\":[\"courier\",\"loan\"],\"freshness\":\"real-time\",\"first_hand\":true,\"fields\":[\"name\",\"mobile\"]", masked, StringComparison.Ordinal);
        Assert.Contains("\"test_policy\":\"test_allowed\"", masked, StringComparison.Ordinal);
        Assert.DoesNotContain("13812345678", masked, StringComparison.Ordinal);
        Assert.Contains("{\"kind\":\"qq\",\"value\":\"20481234\",\"escrow\":false}", masked, StringComparison.Ordinal);
        Assert.DoesNotContain("credential_dumps", masked, StringComparison.Ordinal);

        var revealed = ReportJson.SerializeLine(IntelPostReport.From(post with { CredentialDumps = [new DumpMatch("qq-2026", 2, 3)] }, reveal: true));
        Assert.Contains("{\"kind\":\"mobile\",\"value\":\"13812345678\",\"escrow\":false}", revealed, StringComparison.Ordinal);
        Assert.EndsWith("\"credential_dumps\":[{\"dataset\":\"qq-2026\",\"pairs\":2,\"accounts\":3}]}", revealed, StringComparison.Ordinal);
    }

    [Fact]
    public void A_post_without_trade_prints_nulls_and_empty_lists()
    {
        var post = Post([]) with { Type = "other", Goods = "other", Categories = [], Fields = [], Freshness = null, FirstHand = null, TestPolicy = null };
        var text = ReportJson.SerializeLine(IntelPostReport.From(post, reveal: false));
        Assert.Contains("\"categories\":[],\"freshness\":null,\"first_hand\":null,\"fields\":[]", text, StringComparison.Ordinal);
        Assert.Contains("\"test_policy\":null,\"handles\":[]", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Writing_lines_gives_one_object_per_post_in_order()
    {
        var posts = Enumerable.Range(1, 2_000).Select(i => Post([]) with { Post = i }).ToList();
        using var writer = new StringWriter();
        IntelPostReport.WriteLines(writer, posts, reveal: false);
        var lines = writer.ToString().Split('\n');
        Assert.Equal(2_001, lines.Length);
        Assert.Equal(string.Empty, lines[^1]);
        Assert.Equal(Enumerable.Range(1, 2_000).Select(i => (long)i), lines[..^1].Select(l => JsonDocument.Parse(l).RootElement.GetProperty("post").GetInt64()));
    }

    [Fact]
    public void Actor_counts_are_keyed_by_wire_names_in_the_order_intel_gave()
    {
        var actor = new ActorSummary
        {
            Id = "A1",
            Accounts = ["forum:a"],
            Names = ["a"],
            Handles = [new PostHandle("email", "seller@example.com", false)],
            Goods = new Dictionary<string, int> { ["personal_data"] = 2, ["bank_kit"] = 1 },
            Categories = new Dictionary<string, int> { ["property_owner"] = 1, ["courier"] = 2 },
            Links = [new ActorLink("forum:a", "forum:b", "payment", "same usdt T9x", 0.97)],
            Examples = [],
        };
        var text = ReportJson.Serialize(ActorReport.List([actor], reveal: false));
        Assert.Contains("\"goods\": {\n      \"personal_data\": 2,\n      \"bank_kit\": 1\n    },\n    \"categories\": {\n      \"property_owner\": 1,\n      \"courier\": 2\n    }", text, StringComparison.Ordinal);
        Assert.Contains("\"evidence\": \"payment\"", text, StringComparison.Ordinal);
        Assert.DoesNotContain("seller@example.com", text, StringComparison.Ordinal);
    }

    private static IntelPost Post(IReadOnlyList<PostHandle> handles) => new()
    {
        Source = "forum.jsonl",
        Post = 3,
        Time = new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.FromHours(8)),
        Author = "卖家",
        Account = "forum:卖家",
        Type = "offer",
        Goods = "personal_data",
        Categories = ["courier", "loan"],
        Freshness = "real-time",
        FirstHand = true,
        Fields = ["name", "mobile"],
        Quantity = 10_000,
        UnitPriceYuan = 0.3,
        TestPolicy = "test_allowed",
        Handles = handles,
        Reasons = ["data words"],
    };

    private static void RoundTrip<T>(Func<string, T> read)
        where T : struct, Enum
    {
        foreach (var value in Enum.GetValues<T>())
        {
            var text = JsonSerializer.Deserialize<string>(JsonSerializer.Serialize(value, JsonSerializerOptions.Default))!;
            Assert.Equal(value, read(text));
        }
    }
}
