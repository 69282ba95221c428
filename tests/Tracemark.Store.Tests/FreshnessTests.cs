namespace Tracemark.Store.Tests;

/// <summary>docs/domain.md §4 defaults: real-time ≤ 1 day and &lt; 10 % known; overnight ≤ 7 days and &lt; 50 %; else historical.</summary>
public sealed class FreshnessTests
{
    private static readonly DateOnly Seen = new(2025, 6, 10);

    [Theory]
    [InlineData("2025-06-09 23:00", 5, "real-time")] // a day old, 5 % known
    [InlineData("2025-06-10 08:00", 9, "real-time")] // same day, just under 10 %
    [InlineData("2025-06-09 23:00", 10, "overnight")] // 10 % known is too many for real-time
    [InlineData("2025-06-05 12:00", 0, "overnight")] // five days old
    [InlineData("2025-06-03 12:00", 49, "overnight")] // seven days, 49 %
    [InlineData("2025-06-03 12:00", 50, "historical")] // 50 % known
    [InlineData("2025-06-02 12:00", 0, "historical")] // eight days old
    [InlineData("2025-06-12 12:00", 0, "real-time")] // after the date seen: age 0, and said so in the reasons
    public void Grades_by_age_and_known_share(string newest, int knownPercent, string grade)
    {
        var f = new FreshnessRules().Grade(Seen, DateTime.Parse(newest, System.Globalization.CultureInfo.InvariantCulture), 100, knownPercent);
        Assert.Equal(grade, f.Grade);
        Assert.Contains($"{knownPercent}.0 %", f.Reasons[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Without_record_times_mostly_new_data_is_undetermined_and_mostly_known_is_historical()
    {
        var rules = new FreshnessRules();
        Assert.Equal("undetermined", rules.Grade(Seen, null, 100, 10).Grade);
        Assert.Equal("historical", rules.Grade(Seen, null, 100, 60).Grade);
        Assert.Contains("no record times", rules.Grade(Seen, null, 100, 10).Reasons[1], StringComparison.Ordinal);
    }

    [Fact]
    public void The_thresholds_are_configurable()
    {
        var strict = new FreshnessRules { RealTimeDays = 0, OvernightDays = 2, OvernightKnown = 0.2 };
        Assert.Equal("overnight", strict.Grade(Seen, new DateTime(2025, 6, 9, 12, 0, 0), 100, 5).Grade);
        Assert.Equal("historical", strict.Grade(Seen, new DateTime(2025, 6, 9, 12, 0, 0), 100, 25).Grade);
    }

    [Theory]
    [InlineData("2025-06-09 23:00", 5, new[] { FreshnessSignal.KnownShare, FreshnessSignal.NewestRecord })]
    [InlineData("2025-06-02 12:00", 0, new[] { FreshnessSignal.KnownShare, FreshnessSignal.NewestRecord, FreshnessSignal.Older })]
    [InlineData("2025-06-03 12:00", 50, new[] { FreshnessSignal.KnownShare, FreshnessSignal.NewestRecord, FreshnessSignal.TooMuchKnown })]
    [InlineData("2025-06-12 12:00", 0, new[] { FreshnessSignal.KnownShare, FreshnessSignal.NewestAfterSeen })]
    [InlineData(null, 10, new[] { FreshnessSignal.KnownShare, FreshnessSignal.NoRecordTimes })]
    public void Each_reason_comes_with_its_signal_and_figures_so_another_language_can_word_it(string? newest, int knownPercent, FreshnessSignal[] expected)
    {
        var f = new FreshnessRules().Grade(Seen, newest is null ? null : DateTime.Parse(newest, System.Globalization.CultureInfo.InvariantCulture), 100, knownPercent);
        Assert.Equal(expected, f.Signals.Select(s => s.Signal));
        // The English reasons are the signals worded: one per signal, in order.
        Assert.Equal(f.Reasons, f.Signals.Select(s => s.English()));
        Assert.All(f.Signals, s => Assert.Equal(knownPercent / 100.0, s.Share, 6));
        Assert.All(f.Signals, s => Assert.Equal(100, s.Identifiers));
        if (expected.Contains(FreshnessSignal.Older))
        {
            Assert.Equal(7, f.Signals[^1].Days);
        }

        if (expected.Contains(FreshnessSignal.TooMuchKnown))
        {
            Assert.Equal(0.5, f.Signals[^1].Limit);
        }

        if (expected.Contains(FreshnessSignal.NewestRecord))
        {
            Assert.Equal(Seen.DayNumber - DateOnly.FromDateTime(f.Signals[1].Newest!.Value).DayNumber, f.Signals[1].Days);
        }
    }
}
