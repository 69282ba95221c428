using System.Globalization;
using FsCheck.Fluent;
using Tracemark.Tests;

namespace Tracemark.Fraud.Tests;

public sealed class FraudParsingTests
{
    [Fact]
    public void Any_amount_written_with_or_without_separators_and_a_yuan_sign_reads_back_in_fen() =>
        Properties.Hold(Gen.Choose(0, int.MaxValue).Select(n => (long)n * 7).Zip(Gen.Elements("{0:0.00}", "{0:N2}", "¥{0:N2}", "{0:0.00}元", "￥{0:0.00}")), t =>
        {
            var yuan = t.Item1 / 100m;
            var text = string.Format(CultureInfo.InvariantCulture, t.Item2, yuan);
            return FraudImport.TryLoss(text, out var fen) && fen == t.Item1;
        }, 3000);

    [Fact]
    public void Any_date_in_the_accepted_forms_reads_back_as_that_day() =>
        Properties.Hold(Gen.Choose(0, 30_000).Zip(Gen.Elements("yyyy-MM-dd", "yyyy-MM-dd HH:mm", "yyyy/M/d H:mm:ss", "yyyyMMdd", "yyyy年M月d日", "yyyy-MM-ddTHH:mm:ss+08:00")), t =>
        {
            var date = new DateTime(1990, 1, 1, 13, 7, 5, DateTimeKind.Unspecified).AddDays(t.Item1);
            var text = date.ToString(t.Item2, CultureInfo.InvariantCulture);
            return FraudImport.TryDay(text, out var day) && day == DateOnly.FromDateTime(date).DayNumber - DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber;
        }, 3000);

    [Fact]
    public void A_time_with_another_offset_is_dated_in_Beijing_time()
    {
        Assert.True(FraudImport.TryDay("2026-03-04T20:00:00Z", out var day));
        Assert.Equal(new DateOnly(2026, 3, 5).DayNumber - DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber, day);
    }

    [Theory]
    [InlineData("")]
    [InlineData("2026-13-01")]
    [InlineData("soon")]
    public void Unreadable_dates_are_refused(string text) => Assert.False(FraudImport.TryDay(text, out _));

    [Theory]
    [InlineData("-5")]
    [InlineData("12a")]
    [InlineData("1e5")]
    public void Unreadable_or_negative_amounts_are_refused(string text) => Assert.False(FraudImport.TryLoss(text, out _));

    [Fact]
    public void Any_garbage_never_throws() =>
        Properties.Hold(Gen.Elements('1', '-', '/', ' ', '年', '.', ',', 'T', ':', '+', '¥', 'a').ArrayOf().Select(a => new string(a)), text =>
        {
            _ = FraudImport.TryDay(text, out _);
            _ = FraudImport.TryLoss(text, out _);
            return true;
        }, 3000);
}
