using FsCheck.Fluent;
using Tracemark.Tests;

namespace Tracemark.Guard.Tests;

/// <summary>The alert record's time format, shared by the CLI's codec and the tests' (GuardAlertTime).</summary>
public sealed class AlertTimeTests
{
    [Fact]
    public void A_time_is_written_to_the_second_with_its_offset()
    {
        Assert.Equal("2025-09-24T22:04:47+00:00", GuardAlertTime.Text(new DateTimeOffset(2025, 9, 24, 22, 4, 47, 500, TimeSpan.Zero)));
        Assert.Equal("2025-09-25T06:04:47+08:00", GuardAlertTime.Text(new DateTimeOffset(2025, 9, 25, 6, 4, 47, TimeSpan.FromHours(8))));
    }

    [Fact]
    public void Any_whole_second_time_reads_back_as_written_with_its_offset()
    {
        // Seconds from 1970 to 2038 and any whole-minute offset a DateTimeOffset allows (±14 h).
        var times = Gen.Choose(0, int.MaxValue).SelectMany(seconds => Gen.Choose(-14 * 60, 14 * 60)
            .Select(minutes => DateTimeOffset.FromUnixTimeSeconds(seconds).ToOffset(TimeSpan.FromMinutes(minutes))));
        Properties.Hold(times, t =>
        {
            var back = GuardAlertTime.Parse(GuardAlertTime.Text(t));
            Assert.Equal(t, back);
            Assert.Equal(t.Offset, back.Offset);
        });
    }
}
