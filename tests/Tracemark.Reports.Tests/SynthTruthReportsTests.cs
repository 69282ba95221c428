namespace Tracemark.Reports.Tests;

/// <summary>
/// Synthetic's truth files as records (credentials-manifest.json, fraud-manifest.json, scenarios.json, the lines of
/// synth posts' truth.jsonl): the old wire
/// strings of the enums, the writer's key order kept, and an unknown value refused rather than printed.
/// </summary>
public sealed class SynthTruthReportsTests
{
    [Fact]
    public void Credential_shapes_print_their_codes_in_the_order_given_and_an_empty_file_prints_an_empty_object()
    {
        var shapes = ReportValues.PasswordShapes([new("bcrypt", 2), new("md5", 5), new("plain", 9), new("sha1", 1)]);
        var report = new CredentialManifestReport(
            3, 4000, [new CredentialFileReport("orders-hex.txt", 70, 0, ReportValues.PasswordShapes([]), 70)], 17, shapes, 70, "truth/credentials.truth.jsonl");

        var text = ReportJson.SerializeLine(report);

        Assert.Equal(
            "{\"seed\":3,\"people\":4000,\"files\":[{\"file\":\"orders-hex.txt\",\"records\":70,\"credentials\":0,\"shapes\":{},\"decoys\":70}]," +
            "\"credentials\":17,\"shapes\":{\"bcrypt\":2,\"md5\":5,\"plain\":9,\"sha1\":1},\"decoys\":70,\"truth\":\"truth/credentials.truth.jsonl\"}",
            text);
    }

    [Theory]
    [InlineData("plain", CredentialShape.Plain)]
    [InlineData("md5", CredentialShape.Md5)]
    [InlineData("sha1", CredentialShape.Sha1)]
    [InlineData("bcrypt", CredentialShape.Bcrypt)]
    [InlineData("hash", CredentialShape.OtherHash)]
    public void Every_shape_code_reads_into_its_member_and_prints_back_as_it_was(string code, CredentialShape shape)
    {
        Assert.Equal(shape, ReportValues.PasswordShape(code));
        Assert.Equal($"{{\"{code}\":1}}", ReportJson.SerializeLine(ReportValues.PasswordShapes([new(code, 1)])));
    }

    [Fact]
    public void A_fraud_manifest_prints_the_seen_date_as_a_day()
    {
        var text = ReportJson.SerializeLine(new FraudManifestReport(3000, new DateOnly(2026, 1, 10), "leaks/courier-linked.csv", "leaks/hotel-unlinked.csv", "leaks/broker-dump.csv", "reports.csv", 300, 100));

        Assert.Equal(
            "{\"population\":3000,\"seen\":\"2026-01-10\",\"linked\":\"leaks/courier-linked.csv\",\"unlinked\":\"leaks/hotel-unlinked.csv\"," +
            "\"everyone\":\"leaks/broker-dump.csv\",\"reports\":\"reports.csv\",\"report_count\":300,\"planted_victims\":100}",
            text);
    }

    [Fact]
    public void Scenarios_print_kind_and_form_codes_and_read_back_the_same()
    {
        IReadOnlyList<OwnerScenarioReport> scenarios =
        [
            new("scenarios/003-rented-account.csv", LeakScenarioKind.RentedAccount, ["emp-outlet02-02"], 30, SynthValues.Form("columns-dropped")),
            new("scenarios/011-null.txt", LeakScenarioKind.Null, [], 30, SynthValues.Form("reformatted")),
        ];

        var text = ReportJson.SerializeLine(scenarios);

        Assert.Equal(
            "[{\"file\":\"scenarios/003-rented-account.csv\",\"kind\":\"rented-account\",\"truth\":[\"emp-outlet02-02\"],\"records\":30,\"form\":\"columns-dropped\"}," +
            "{\"file\":\"scenarios/011-null.txt\",\"kind\":\"null\",\"truth\":[],\"records\":30,\"form\":\"reformatted\"}]",
            text);
        var back = ReportJson.ReadLine<IReadOnlyList<OwnerScenarioReport>>(text);
        Assert.Equal(scenarios.Select(s => (s.File, s.Kind, string.Join(",", s.Truth), s.Records, s.Form)), back.Select(s => (s.File, s.Kind, string.Join(",", s.Truth), s.Records, s.Form)));
    }

    [Theory]
    [InlineData("sha256")]
    [InlineData("Plain")]
    [InlineData("")]
    public void An_unknown_shape_code_is_refused(string code) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ReportValues.PasswordShape(code));

    [Theory]
    [InlineData("columns_dropped")]
    [InlineData("Plain")]
    public void An_unknown_sample_form_is_refused(string form) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => SynthValues.Form(form));

    [Fact]
    public void A_post_truth_line_keeps_the_old_key_order_and_codes_and_prints_nulls()
    {
        var offer = new PostTruthReport(
            "telegram/result.json", 1, "actor-17", PostType.Offer, GoodsKind.PersonalData, [TradeCategory.Credit, TradeCategory.PropertyOwner], OfferFreshness.RealTime, true,
            [OfferedField.CnId, OfferedField.BankCard], 5000, 0.002, TestPolicy.TestAllowed, [new PostTruthHandle(HandleKind.WeChat, "y4wyiewt"), new PostTruthHandle(HandleKind.Usdt, "TQ1")], 3, null);
        var negative = new PostTruthReport(
            "qq/水果交流群.txt", 2, "author-qq-网友-2100000002", PostType.Other, GoodsKind.Other, [], null, null, [], null, null, null, [], 0, HardNegative.LoanAd);

        Assert.Equal(
            "{\"source\":\"telegram/result.json\",\"post\":1,\"actor\":\"actor-17\",\"type\":\"offer\",\"goods\":\"personal_data\",\"categories\":[\"credit\",\"property_owner\"]," +
            "\"freshness\":\"real-time\",\"first_hand\":true,\"fields\":[\"cn_id\",\"bank_card\"],\"quantity\":5000,\"unit_price_yuan\":0.002,\"test_policy\":\"test_allowed\"," +
            "\"handles\":[{\"kind\":\"wechat\",\"value\":\"y4wyiewt\"},{\"kind\":\"usdt\",\"value\":\"TQ1\"}],\"sample_identifiers\":3,\"negative\":null}",
            ReportJson.SerializeLine(offer));
        Assert.Equal(
            "{\"source\":\"qq/水果交流群.txt\",\"post\":2,\"actor\":\"author-qq-网友-2100000002\",\"type\":\"other\",\"goods\":\"other\",\"categories\":[],\"freshness\":null," +
            "\"first_hand\":null,\"fields\":[],\"quantity\":null,\"unit_price_yuan\":null,\"test_policy\":null,\"handles\":[],\"sample_identifiers\":0,\"negative\":\"loan_ad\"}",
            ReportJson.SerializeLine(negative));
    }

    [Fact]
    public void A_post_truth_line_written_to_a_stream_reads_back_the_same()
    {
        var line = new PostTruthReport(
            "forum.jsonl", 9, "actor-3", PostType.Request, GoodsKind.Sim, [], OfferFreshness.Overnight, false, [OfferedField.Mobile], null, 12.5, TestPolicy.NoTest,
            [new PostTruthHandle(HandleKind.Qq, "123456")], 0, null);
        using var stream = new MemoryStream();
        ReportJson.Write(line, stream, indented: false);

        var back = ReportJson.ReadLine<PostTruthReport>(System.Text.Encoding.UTF8.GetString(stream.ToArray()));

        Assert.Equal(ReportJson.SerializeLine(line), ReportJson.SerializeLine(back));
        Assert.Equal((line.Type, line.Goods, line.Freshness, line.TestPolicy, line.Handles[0]), (back.Type, back.Goods, back.Freshness, back.TestPolicy, back.Handles[0]));
    }

    [Theory]
    [InlineData("drug", HardNegative.Drug)]
    [InlineData("gambling", HardNegative.Gambling)]
    [InlineData("traffic", HardNegative.Traffic)]
    [InlineData("chat", HardNegative.Chat)]
    [InlineData("loan_ad", HardNegative.LoanAd)]
    public void Every_hard_negative_code_reads_into_its_member_and_prints_back_as_it_was(string code, HardNegative kind)
    {
        Assert.Equal(kind, SynthValues.Negative(code));
        Assert.Equal($"\"{code}\"", ReportJson.SerializeLine(new PostTruthReport("plain.txt", 1, "a", PostType.Other, GoodsKind.Other, [], null, null, [], null, null, null, [], 0, kind)).Split("\"negative\":")[1].TrimEnd('}'));
    }

    [Theory]
    [InlineData("loan-ad")]
    [InlineData("Drug")]
    [InlineData("")]
    public void An_unknown_hard_negative_is_refused(string kind) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => SynthValues.Negative(kind));
}
