using System.Globalization;
using FsCheck.Fluent;
using Tracemark.Scanning.Detection;
using Tracemark.Tests;

namespace Tracemark.Scanning.Tests.Detection;

public sealed class RecordTimeTests
{
    [Theory]
    [InlineData("2025-03-01 08:15:00", "2025-03-01T08:15:00")] // the usual export form
    [InlineData("2025/3/1 8:15", "2025-03-01T08:15:00")] // Excel's locale form, no seconds
    [InlineData("2025-03-01T08:15:00+08:00", "2025-03-01T08:15:00")] // ISO with zone: the wall time is kept
    [InlineData("2025-03-01T08:15:00.123Z", "2025-03-01T08:15:00")] // fractions
    [InlineData("2025年3月1日", "2025-03-01T00:00:00")] // Chinese date
    [InlineData("20250301", "2025-03-01T00:00:00")] // compact date
    [InlineData("2024-02-29", "2024-02-29T00:00:00")] // leap day
    public void Reads_the_forms_leaks_carry(string text, string expected)
    {
        Assert.True(RecordTime.TryParse(text, out var time));
        Assert.Equal(DateTime.Parse(expected, CultureInfo.InvariantCulture), time);
    }

    [Theory]
    [InlineData("")] // nothing
    [InlineData("1736000000000")] // epoch milliseconds: ambiguous unit, not read
    [InlineData("2025-13-01")] // month 13
    [InlineData("2025-02-30")] // no such day
    [InlineData("2023-02-29")] // not a leap year
    [InlineData("1900-01-01")] // placeholder year
    [InlineData("9999-12-31 23:59:59")] // placeholder year
    [InlineData("2025-03-01 25:00")] // hour 25
    [InlineData("2025-03-01 08:15 pm")] // trailing words
    [InlineData("2025-03/01")] // mixed separators
    [InlineData("下单时间")] // a header, not a value
    public void Refuses_what_is_not_a_record_time(string text) => Assert.False(RecordTime.TryParse(text, out _));

    [Fact]
    public void Any_time_written_in_the_export_form_reads_back()
    {
        var times = Gen.Choose(0, 47_000_000).Select(m => m * 60L).Select(s => new DateTime(1995, 1, 1, 0, 0, 0, DateTimeKind.Unspecified).AddSeconds(s));
        Properties.Hold(times, t =>
            RecordTime.TryParse(t.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), out var read) && read == t);
    }

    [Theory]
    [InlineData("下单时间", true)]
    [InlineData("入住时间", true)]
    [InlineData("created_at", true)]
    [InlineData("reg_time", true)]
    [InlineData("出生日期", false)] // a birthday is not when the record happened
    [InlineData("birth_date", false)]
    [InlineData("证件有效期", false)]
    [InlineData("手机号", false)]
    public void Knows_record_time_headers(string header, bool expected) => Assert.Equal(expected, HeaderWords.IsRecordTime(header));

    [Fact]
    public void A_scan_reports_the_newest_record_time()
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(dir.Path);
        File.WriteAllText(dir.File("a.csv"), "姓名,手机号,出生日期,下单时间\n张三,13800000001,2030-01-01,2025-06-01 10:00:00\n李四,13800000002,1990-05-05,2025-06-03 09:30:00\n");
        var summary = Scanner.Scan(new ScanOptions { Paths = [dir.File("a.csv")] });
        Assert.Equal(new DateTime(2025, 6, 3, 9, 30, 0), summary.NewestRecord);
    }
}
