namespace Tracemark.Guard.Tests;

/// <summary>Each insider behaviour of issue 19 on a small log: the guard raises the right kind on the right channel, and nothing else.</summary>
public sealed class BehaviourTests
{
    private static void AssertOnly(IReadOnlyList<GuardAlert> alerts, string channel, string kind, long notBefore)
    {
        Assert.True(alerts.Any(a => a.Channel == channel && a.Kind == kind && a.FirstAlert.ToUnixTimeSeconds() >= notBefore), SmallLog.Show(alerts));
        Assert.True(alerts.All(a => a.Channel == channel), SmallLog.Show(alerts));
        Assert.All(alerts, a => Assert.InRange(a.Score, 0.0, 1.0));
        Assert.All(alerts, a => Assert.NotEmpty(a.Evidence));
    }

    private static long DayStart(int day) => SmallLog.Start + (day * SmallLog.Day);

    [Fact]
    public void A_rented_account_at_night_from_a_new_device_with_customers_outside_the_route_is_caught_the_same_night()
    {
        var log = new SmallLog();
        log.Routine();
        for (var i = 0; i < 150; i++)
        {
            log.Add(DayStart(21) + (22 * SmallLog.Hour) + log.Next(5 * 3600), "emp-1-1", log.Next(10) < 6 ? log.OutletCustomer(2) : log.OutletCustomer(1), GuardAction.Search, device: 999, ip: 99_999);
        }

        var alerts = log.Run();
        AssertOnly(alerts, "emp-1-1", "rented_account", DayStart(21));
        var alert = alerts.Single();
        Assert.True(alert.FirstAlert.ToUnixTimeSeconds() <= DayStart(22) + (4 * SmallLog.Hour), SmallLog.Show(alerts));
        Assert.Contains(alert.Evidence, e => e.StartsWith("new device", StringComparison.Ordinal));
    }

    [Fact]
    public void A_subtle_rental_at_two_and_a_half_times_the_volume_inside_the_outlet_is_caught_by_the_new_device_at_night()
    {
        var log = new SmallLog();
        log.Routine();
        for (var i = 0; i < 60; i++)
        {
            log.Add(DayStart(21) + (23 * SmallLog.Hour) + log.Next(3 * 3600), "emp-1-2", log.OutletCustomer(1), GuardAction.Search, device: 998, ip: 99_998);
        }

        AssertOnly(log.Run(), "emp-1-2", "rented_account", DayStart(21));
    }

    [Fact]
    public void An_admins_one_off_bulk_export_is_caught_within_the_batch()
    {
        var log = new SmallLog();
        log.Routine();
        var at = DayStart(21) + (19 * SmallLog.Hour);
        for (var i = 0; i < 2000; i++)
        {
            log.Add(at, "admin-1", i % 400, GuardAction.Export);
        }

        var alerts = log.Run();
        Assert.Contains(alerts, a => a.Channel == "admin-1" && a.Kind == "bulk_copy" && a.FirstAlert.ToUnixTimeSeconds() == at);
        Assert.All(alerts, a => Assert.Equal("admin-1", a.Channel));
    }

    [Fact]
    public void An_api_client_enumerating_customer_numbers_above_its_steady_rate_is_caught_as_scraping()
    {
        var log = new SmallLog();
        log.Routine();
        for (var i = 0; i < 360; i++)
        {
            log.Add(DayStart(21) + (10 * SmallLog.Hour) + (i * 60), "api-1", i % 400, GuardAction.Api);
        }

        AssertOnly(log.Run(), "api-1", "scraping", DayStart(21));
    }

    [Fact]
    public void Browsing_another_outlets_customers_is_caught_as_out_of_scope()
    {
        var log = new SmallLog();
        log.Routine();
        for (var day = 21; day < 24; day++)
        {
            for (var i = 0; i < 15; i++)
            {
                log.Add(log.At(day), "emp-2-3", log.OutletCustomer(1));
            }
        }

        var alerts = log.Run();
        AssertOnly(alerts, "emp-2-3", "out_of_scope", DayStart(21));
        Assert.True(alerts[0].FirstAlert.ToUnixTimeSeconds() < DayStart(22), SmallLog.Show(alerts));
    }

    [Fact]
    public void A_slow_rise_to_nearly_twice_the_usual_volume_for_two_weeks_is_caught_by_the_drift_sum()
    {
        var log = new SmallLog();
        log.Routine();
        for (var day = 14; day < 28; day++)
        {
            for (var i = (int)(20 * ((day % 7) switch { 5 => 0.6, 6 => 0.4, _ => 1.0 })); i > 0; i--)
            {
                log.Add(log.At(day), "emp-1-4", log.OutletCustomer(1));
            }
        }

        var alerts = log.Run();
        AssertOnly(alerts, "emp-1-4", "slow_exfiltration", DayStart(14));
        Assert.True(alerts[0].FirstAlert.ToUnixTimeSeconds() < DayStart(21), SmallLog.Show(alerts));
    }

    [Fact]
    public void Two_accounts_of_one_outlet_rising_modestly_together_are_caught_as_collusion()
    {
        var log = new SmallLog();
        log.Routine();
        foreach (var c in new[] { "emp-2-1", "emp-2-2" })
        {
            for (var day = 14; day < 28; day++)
            {
                for (var i = (int)(15 * ((day % 7) switch { 5 => 0.6, 6 => 0.4, _ => 1.0 })); i > 0; i--)
                {
                    log.Add(log.At(day), c, log.OutletCustomer(2));
                }
            }
        }

        var alerts = log.Run();
        Assert.True(alerts.Any(a => a.Kind is "collusion" or "slow_exfiltration" && a.Channel == "emp-2-1") && alerts.Any(a => a.Kind is "collusion" or "slow_exfiltration" && a.Channel == "emp-2-2"), SmallLog.Show(alerts));
        Assert.Contains(alerts, a => a.Kind == "collusion");
        Assert.All(alerts, a => Assert.Contains(a.Channel, new[] { "emp-2-1", "emp-2-2" }));
    }

    [Fact]
    public void Any_touch_of_a_canary_is_an_alert_with_score_one_at_that_moment()
    {
        var log = new SmallLog();
        log.Units.Add("outlet-01/route-01");
        log.Canaries[400] = log.Id("emp-1-1");
        log.Routine();
        var at = DayStart(20) + (11 * SmallLog.Hour);
        log.Add(at, "emp-1-5", 400);
        var alerts = log.Run();
        var canary = Assert.Single(alerts);
        Assert.Equal(("emp-1-5", "canary", 1.0, at), (canary.Channel, canary.Kind, canary.Score, canary.FirstAlert.ToUnixTimeSeconds()));
    }
}
