namespace Tracemark.Reports.Tests;

/// <summary>
/// Synthetic's truth files as records (credentials-manifest.json, fraud-manifest.json, scenarios.json): the old wire
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
}
