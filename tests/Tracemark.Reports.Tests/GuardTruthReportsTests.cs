namespace Tracemark.Reports.Tests;

/// <summary>guard-truth.json of `synth owner --insiders`: the shape the guard tests read back.</summary>
public sealed class GuardTruthReportsTests
{
    private static readonly GuardTruthReport Truth = new(
        [new("rented_account", ["emp-03-05"], new(2025, 9, 24, 22, 4, 47, TimeSpan.Zero), new(2025, 9, 25, 3, 59, 42, TimeSpan.Zero), false, "loud: 1 night(s) at 9.8× from a new device d-eab5")],
        [new("peak_season", ["*"], new(2025, 10, 6, 0, 0, 0, TimeSpan.Zero), new(2025, 10, 13, 0, 0, 0, TimeSpan.Zero), false, "every channel's volume ×3.0 for a week")],
        2711);

    [Fact]
    public void The_truth_keeps_its_keys_in_order_with_times_and_their_offset()
    {
        Assert.Equal(
            """
            {
              "episodes": [
                {
                  "kind": "rented_account",
                  "channels": [
                    "emp-03-05"
                  ],
                  "from": "2025-09-24T22:04:47+00:00",
                  "to": "2025-09-25T03:59:42+00:00",
                  "slow": false,
                  "detail": "loud: 1 night(s) at 9.8× from a new device d-eab5"
                }
              ],
              "negatives": [
                {
                  "kind": "peak_season",
                  "channels": [
                    "*"
                  ],
                  "from": "2025-10-06T00:00:00+00:00",
                  "to": "2025-10-13T00:00:00+00:00",
                  "slow": false,
                  "detail": "every channel's volume ×3.0 for a week"
                }
              ],
              "channel_days": 2711
            }
            """.ReplaceLineEndings("\n"),
            ReportJson.Serialize(Truth).ReplaceLineEndings("\n"));
    }

    [Fact]
    public void The_truth_reads_back_as_it_was_written()
    {
        var back = ReportJson.ReadLine<GuardTruthReport>(ReportJson.SerializeLine(Truth));
        Assert.Equal(Truth.ChannelDays, back.ChannelDays);
        Assert.Equal(Truth.Episodes.Single() with { Channels = [] }, back.Episodes.Single() with { Channels = [] });
        Assert.Equal(Truth.Negatives.Single() with { Channels = [] }, back.Negatives.Single() with { Channels = [] });
        Assert.Equal(["emp-03-05"], back.Episodes.Single().Channels);
    }
}
