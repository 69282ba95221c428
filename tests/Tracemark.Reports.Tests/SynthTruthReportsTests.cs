using System.Text.Json;
using FsCheck.Fluent;
using Tracemark.Identifiers;
using Tracemark.Tests;

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

    [Fact]
    public void A_record_truth_line_keeps_the_old_key_order_and_codes_and_prints_a_null_field()
    {
        var line = new RecordTruthReport("courier-waybills.csv", 1, [2742, 4558],
        [
            new TruthItemReport("运单号", IdentifierKind.Waybill, "YT7757734754497", "YT7757734754497", TruthItemStatus.Valid, -1),
            new TruthItemReport(null, IdentifierKind.Mobile, "18003163007", "180 0316 3007", TruthItemStatus.Valid, 0),
            new TruthItemReport("order_no", IdentifierKind.BankCard, "2024021491943043", "2024021491943043", TruthItemStatus.Decoy, -1),
        ]);

        Assert.Equal(
            "{\"source\":\"courier-waybills.csv\",\"record\":1,\"persons\":[2742,4558],\"items\":[" +
            "{\"field\":\"运单号\",\"kind\":\"waybill\",\"value\":\"YT7757734754497\",\"written\":\"YT7757734754497\",\"status\":\"valid\",\"slot\":-1}," +
            "{\"field\":null,\"kind\":\"mobile\",\"value\":\"18003163007\",\"written\":\"180 0316 3007\",\"status\":\"valid\",\"slot\":0}," +
            "{\"field\":\"order_no\",\"kind\":\"bank_card\",\"value\":\"2024021491943043\",\"written\":\"2024021491943043\",\"status\":\"decoy\",\"slot\":-1}]}",
            ReportJson.SerializeLine(line));
    }

    [Theory]
    [InlineData(TruthItemStatus.Valid, "valid")]
    [InlineData(TruthItemStatus.Masked, "masked")]
    [InlineData(TruthItemStatus.Invalid, "invalid")]
    [InlineData(TruthItemStatus.Decoy, "decoy")]
    public void Every_item_status_prints_its_old_code_and_reads_back(TruthItemStatus status, string code)
    {
        var line = ReportJson.SerializeLine(new RecordTruthReport("chat-log.txt", 3, [], [new TruthItemReport(null, IdentifierKind.Mobile, "138", "138", status, 0)]));

        Assert.Contains($"\"status\":\"{code}\"", line, StringComparison.Ordinal);
        Assert.Equal(status, Assert.Single(ReportJson.ReadLine<RecordTruthReport>(line).Items).Status);
    }

    [Fact]
    public void Record_truth_lines_read_back_as_written()
    {
        Properties.Hold(
            from record in Gen.Choose(1, 1_000_000)
            from persons in Gen.Choose(0, 100_000).ArrayOf().Select(p => p.Select(i => (long)i).ToArray())
            from field in Gen.Elements<string?>(null, "寄件人电话", "phone", "a\"b", "\t")
            from kind in Gen.Elements(Enum.GetValues<IdentifierKind>().Where(k => IdentifierKinds.TryParse(k.Code(), out _)).ToArray())
            from status in Gen.Elements(Enum.GetValues<TruthItemStatus>())
            from value in Gen.Elements("18003163007", "陈立铭", "zh***@sohu.com", "\\", "<&>'")
            select new RecordTruthReport("loan-applications.xlsx!申请记录2", record, persons, [new TruthItemReport(field, kind, value, value + " ", status, -1)]),
            line =>
            {
                var text = ReportJson.SerializeLine(line);
                var back = ReportJson.ReadLine<RecordTruthReport>(text);
                Assert.Equal(text, ReportJson.SerializeLine(back));
                Assert.Equal(line.Persons, back.Persons);
                Assert.Equal(line.Items, back.Items);
            });
    }

    [Fact]
    public void A_credential_truth_line_leaves_out_what_does_not_apply_and_escapes_as_before()
    {
        var escaped = ReportJson.EscapedInfo<CredentialTruthReport>();
        var planted = new CredentialTruthReport("md5-dump.txt", 2, CredentialTruthStatus.Credential, 1887, "+8619828523709", "19828523709", "e10adc3949ba59abbe56e057f20f883e", CredentialShape.Md5, "a&b<1>", null);
        var plain = new CredentialTruthReport("qq-dump.txt", 1, CredentialTruthStatus.Credential, 2351, "683580932", "683580932", "love824332", CredentialShape.Plain, null, null);
        var decoy = new CredentialTruthReport("qq-dump.txt", 3, CredentialTruthStatus.Decoy, null, null, null, null, null, null, SynthValues.Decoy("hex order id alone"));

        Assert.Equal(
            "{\"source\":\"md5-dump.txt\",\"record\":2,\"status\":\"credential\",\"person\":1887,\"written\":\"\\u002B8619828523709\",\"account\":\"19828523709\"," +
            "\"password\":\"e10adc3949ba59abbe56e057f20f883e\",\"shape\":\"md5\",\"clear\":\"a\\u0026b\\u003C1\\u003E\"}",
            JsonSerializer.Serialize(planted, escaped));
        Assert.Equal(
            "{\"source\":\"qq-dump.txt\",\"record\":1,\"status\":\"credential\",\"person\":2351,\"written\":\"683580932\",\"account\":\"683580932\",\"password\":\"love824332\",\"shape\":\"plain\"}",
            JsonSerializer.Serialize(plain, escaped));
        Assert.Equal("{\"source\":\"qq-dump.txt\",\"record\":3,\"status\":\"decoy\",\"decoy\":\"hex order id alone\"}", JsonSerializer.Serialize(decoy, escaped));
        Assert.Equal(planted, JsonSerializer.Deserialize(JsonSerializer.Serialize(planted, escaped), escaped));
    }

    [Theory]
    [InlineData("account----nothing", CredentialDecoy.AccountAlone)]
    [InlineData("QQ----mobile binding", CredentialDecoy.QqMobileBinding)]
    [InlineData("QQ----date", CredentialDecoy.QqDate)]
    [InlineData("hex order id alone", CredentialDecoy.HexAlone)]
    [InlineData("account without a password", CredentialDecoy.AccountWithoutPassword)]
    [InlineData("hex order id or hash without an account", CredentialDecoy.HexWithoutAccount)]
    public void Every_credential_decoy_reads_into_its_member_and_prints_back_as_it_was(string what, CredentialDecoy decoy)
    {
        Assert.Equal(decoy, SynthValues.Decoy(what));
        var line = ReportJson.SerializeLine(new CredentialTruthReport("orders-hex.txt", 1, CredentialTruthStatus.Decoy, null, null, null, null, null, null, decoy));
        Assert.EndsWith($"\"decoy\":\"{what}\"}}", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("qq----mobile binding")]
    [InlineData("hex order id")]
    [InlineData("")]
    public void An_unknown_credential_decoy_is_refused(string what) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => SynthValues.Decoy(what));
}
