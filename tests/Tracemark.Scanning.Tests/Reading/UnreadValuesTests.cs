using System.Text;
using FsCheck.Fluent;
using Tracemark.Tests;

namespace Tracemark.Scanning.Tests.Reading;

/// <summary>
/// JSON values of columns the plan skips are not transcoded once the table is planned (issue 16: decode only what
/// detection reads). Whatever the values — blank, blank only when decoded (U+3000, escapes), numbers, nested, non-ASCII
/// — and whichever keys a record has (a credential's account and password columns are skipped as identifiers but read),
/// the scan is the same as one that transcodes every value: every count, column
/// profile, example and finding.
/// </summary>
public sealed class UnreadValuesTests
{
    // Skipped headers (row identifier, account name, non-personal), a record time, identifier headers, and keys planned
    // from their values.
    private static readonly string[] Keys = ["uid", "nickname", "order_no", "balance", "device_imei", "reg_time", "real_name", "phone", "id_card", "address", "email", "k1", "k2", "username", "password"];

    private static readonly string[] Values =
    [
        "\"\"", "\"  \"", "\"\\t\"", "\"\u3000\"", "\"\\u3000\"", "\"\\u0020 \"", "\" \u00A0\"", "0", "12.5", "-3", "1e5", "\"x\"", "\"追风少年\"",
        "\"\\n\"", "\"a\\\"b\"", "{\"a\":\" \",\"b\":1}", "[1,\"  \",\"138\"]", "null", "true", "\"13800138000\"", "\"15973874787\"",
        "\"652825200506243019\"", "\"130534195304294152\"", "\"郝然豪\"", "\"张勇广\"", "\"河北省邢台市清河县红旗路310号明珠家园29幢1单元2304室\"",
        "\"haoranhao158340@163.com\"", "\"2024-07-09T01:06:19+08:00\"", "\"2025-08-22 04:32:35\"", "\"138****8000\"", "\"手机13800138000\"", "\"abc123456\"", "\"Passw0rd!\"", "\"zhangsan_88\"",
    ];

    private static FsCheck.Gen<string> Line =>
        Gen.ListOf(Gen.Zip(Gen.Elements(Keys), Gen.Elements(Values)))
            .Select(members => "{" + string.Join(",", members.DistinctBy(m => m.Item1).Select(m => $"\"{m.Item1}\":{m.Item2}")) + "}");

    // The first batch (1,024 records) is read before the plan exists; the lines under test come after it.
    private static string Head()
    {
        var sb = new StringBuilder();
        for (var i = 0; i < 1100; i++)
        {
            sb.Append(i % 2 == 0
                ? $"{{\"uid\":{i},\"nickname\":\"momo\",\"order_no\":\"2024021829577604\",\"balance\":846.6,\"device_imei\":\"350525740619855\",\"reg_time\":\"2024-07-09T01:06:19+08:00\",\"real_name\":\"郝然豪\",\"phone\":\"15973874787\",\"id_card\":\"652825200506243019\",\"address\":\"新疆维吾尔自治区巴音郭楞蒙古自治州且末县且末镇光明路46号\",\"email\":\"haoranhao158340@163.com\",\"k1\":\"13800138000\",\"k2\":\"备注\",\"username\":\"haoranhao\",\"password\":\"abc123456\"}}\n"
                : $"{{\"uid\":{i},\"nickname\":\"追风少年\",\"order_no\":\"2023110339301125\",\"balance\":101.58,\"device_imei\":\"350302681207318\",\"reg_time\":\"2025-08-22T04:32:35+08:00\",\"real_name\":\"张勇广\",\"phone\":\"15528899651\",\"id_card\":\"130534195304294152\",\"address\":\"河北省邢台市清河县红旗路310号明珠家园29幢1单元2304室\",\"email\":\"zhangyongguang998672@aliyun.com\",\"k1\":\"15528899651\",\"k2\":\"好\",\"username\":\"zhangsan_88\",\"password\":\"Passw0rd!\"}}\n");
        }

        return sb.ToString();
    }

    private static readonly string HeadText = Head();

    [Fact]
    public void A_scan_that_skips_unread_json_values_equals_one_that_transcodes_every_value() =>
        Properties.Hold(Gen.ListOf(Line), lines =>
        {
            using var dir = new TempDir("unread");
            Directory.CreateDirectory(dir.Path);
            File.WriteAllText(dir.File("app.jsonl"), HeadText + string.Join("\n", lines) + "\n", new UTF8Encoding(false));
            var skipping = GoldenTests.Render(GoldenTests.Scan(dir.Path));
            var decoding = GoldenTests.Render(GoldenTests.Scan(dir.Path, new ScanOptions { DecodeEveryValue = true }));
            Assert.Equal(decoding, skipping);
        }, count: 200);

    [Fact]
    public void Skipped_columns_still_count_their_non_blank_values()
    {
        using var dir = new TempDir("unread");
        Directory.CreateDirectory(dir.Path);
        File.WriteAllText(dir.File("app.jsonl"), HeadText + "{\"uid\":\"  \",\"nickname\":\"\\u3000\"}\n{\"uid\":7,\"nickname\":\"\u3000x\"}\n", new UTF8Encoding(false));
        var summary = GoldenTests.Scan(dir.Path).Summary;
        var columns = Assert.Single(summary.Tables).Columns;
        Assert.Equal(1101, columns.Single(c => c.Column == "uid").Values);
        Assert.Equal(1101, columns.Single(c => c.Column == "nickname").Values);
        Assert.StartsWith("skipped", columns.Single(c => c.Column == "uid").Reading, StringComparison.Ordinal);
    }
}

/// <summary>The reader side: after planning, a skipped column's values arrive as a stand-in, not their text.</summary>
public sealed class UnreadValuesReaderTests
{
    [Fact]
    public void After_planning_values_of_skipped_columns_are_not_transcoded_and_the_others_are()
    {
        var line = "{\"uid\":12,\"nickname\":\"momo\",\"phone\":\"13800138000\",\"note\":\"\u3000\"}\n";
        var bytes = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat(line, 1100)));
        var window = new Tracemark.Scanning.Reading.TextWindow(new MemoryStream(bytes), new UTF8Encoding(false).GetDecoder(), []);
        var table = new Tracemark.Scanning.Reading.Table("t", Tracemark.Scanning.Reading.TableFormat.JsonLines, "utf-8");
        using var reader = new Tracemark.Scanning.Reading.JsonRecordReader(window, table, lines: true, _ => { }, rawUtf8: true);
        var batch = new Tracemark.Scanning.Reading.RecordBatch();
        Assert.True(reader.Read(batch));
        Assert.Equal("12", batch.Field(0, 0).ToString());
        table.Plan = Tracemark.Scanning.Detection.Profiler.Plan(table, batch);

        Assert.True(reader.Read(batch));
        var fields = Enumerable.Range(0, batch.FieldCount(0)).ToDictionary(f => table.Columns[batch.Column(0, f)]!, f => batch.Field(0, f).ToString());
        Assert.Equal("\u2026", fields["uid"]);
        Assert.Equal("\u2026", fields["nickname"]);
        Assert.Equal("13800138000", fields["phone"]);
        Assert.Equal("\u3000", fields["note"]);
    }
}
