namespace Tracemark.Guard.Tests;

/// <summary>The hard negatives of issue 19: legitimate work that must NOT alert.</summary>
public sealed class NegativeTests
{
    private static void AssertQuiet(SmallLog log) => Assert.True(log.Run().Count == 0, SmallLog.Show(log.Run()));

    [Fact]
    public void Four_weeks_of_routine_with_supervisors_seeing_their_outlet_and_a_nightly_reconciliation_export_do_not_alert()
    {
        var log = new SmallLog();
        log.Routine();
        AssertQuiet(log);
    }

    [Fact]
    public void A_peak_season_in_which_everyone_triples_does_not_alert()
    {
        var log = new SmallLog { Season = day => day is >= 14 and < 21 ? 3 : 1 };
        log.Routine();
        AssertQuiet(log);
    }

    [Fact]
    public void A_new_employee_without_history_does_not_alert()
    {
        var log = new SmallLog();
        log.Channels.Add(new GuardChannel("emp-1-7", "employee", "outlet-01/route-01"));
        log.Joins["emp-1-7"] = 14;
        log.Routine();
        AssertQuiet(log);
    }

    [Fact]
    public void A_transfer_shown_in_the_hr_snapshot_does_not_alert_before_or_after_the_move()
    {
        var log = new SmallLog();
        log.Transfers["emp-1-6"] = (14, 1);
        log.Channels[log.Id("emp-1-6")] = new GuardChannel("emp-1-6", "employee", "outlet-01/route-02");
        log.Transfers["emp-2-4"] = (14, 1);
        log.Channels[log.Id("emp-2-4")] = new GuardChannel("emp-2-4", "employee", "outlet-01/route-02");
        log.Routine();
        AssertQuiet(log);
    }

    [Fact]
    public void A_night_shift_does_not_alert()
    {
        var log = new SmallLog();
        log.Night.Add("emp-2-6");
        log.Night.Add("emp-1-3");
        log.Routine();
        AssertQuiet(log);
    }

    [Fact]
    public void A_phone_replacement_at_normal_volume_does_not_alert()
    {
        var log = new SmallLog();
        log.NewPhone["emp-2-5"] = 14;
        log.Routine();
        AssertQuiet(log);
    }
}
