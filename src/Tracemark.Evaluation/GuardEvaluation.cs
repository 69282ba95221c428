using Tracemark.Guard;
using Tracemark.Synthetic.Owners;

namespace Tracemark.Evaluation;

/// <summary>How one detector did on simulated logs: episodes caught, how fast, and how many alerts were false.</summary>
/// <param name="Detector">guard or naive.</param>
/// <param name="Episodes">Insider episodes in the logs.</param>
/// <param name="Caught">Episodes with an alert on one of their channels between their start and a day after their end.</param>
/// <param name="Recall">Caught / episodes.</param>
/// <param name="MedianDelayHoursShort">Median hours from a short episode's start to its first alert (caught ones).</param>
/// <param name="MedianDelayDaysSlow">Median days from a weeks-long episode's start to its first alert.</param>
/// <param name="Alerts">Alerts raised.</param>
/// <param name="FalseAlerts">Alerts on no episode.</param>
/// <param name="FalsePer1000ChannelDays">False alerts per 1,000 channel-days of log.</param>
/// <param name="Precision">Alerts on an episode / alerts.</param>
/// <param name="ByKind">Per episode kind: caught / episodes.</param>
/// <param name="FalseByNegative">False alerts per hard-negative kind they fell on ("other" when none).</param>
public sealed record GuardScore(string Detector, int Episodes, int Caught, double Recall, double? MedianDelayHoursShort, double? MedianDelayDaysSlow, int Alerts, int FalseAlerts, double FalsePer1000ChannelDays, double Precision, IReadOnlyDictionary<string, string> ByKind, IReadOnlyDictionary<string, int> FalseByNegative);

/// <summary>The guard and the naive rule on the same simulated logs.</summary>
/// <param name="Simulation">standard or alternate (<see cref="InsiderOptions.Alternate"/>).</param>
/// <param name="Seeds">Seeds run.</param>
/// <param name="Rows">Access rows replayed in all.</param>
/// <param name="ChannelDays">Channel-days in all.</param>
/// <param name="Guard">The guard's score.</param>
/// <param name="Naive">The naive rule's score (daily volume above mean + 3 sd of all channels, or an export above 1,000 rows).</param>
public sealed record GuardEvaluationReport(string Simulation, IReadOnlyList<long> Seeds, long Rows, long ChannelDays, GuardScore Guard, GuardScore Naive);

/// <summary>`tracemark eval guard`: simulated owners with insider episodes and hard negatives, scored against their truth.</summary>
public static class GuardEvaluation
{
    private const long Day = 86_400;

    public static GuardEvaluationReport Run(InsiderOptions options, IReadOnlyList<long> seeds, string simulation = "standard", Action<int, int>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(seeds);
        var guard = new List<Outcome>();
        var naive = new List<Outcome>();
        long rows = 0, channelDays = 0;
        for (var i = 0; i < seeds.Count; i++)
        {
            var log = InsiderLog.Generate(options, (ulong)seeds[i]);
            rows += log.Accesses.Count;
            channelDays += log.ChannelDays;
            guard.Add(Judge(log, Replay(log)));
            naive.Add(Judge(log, Naive(log)));
            progress?.Invoke(i + 1, seeds.Count);
        }

        return new GuardEvaluationReport(simulation, seeds, rows, channelDays, Score("guard", guard, channelDays), Score("naive", naive, channelDays));
    }

    /// <summary>The guard's alerts on a simulated log, replayed row by row.</summary>
    public static IReadOnlyList<GuardAlert> Replay(InsiderLog log, GuardOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(log);
        var engine = new GuardEngine(
            [.. log.Channels.Select(c => new GuardChannel(c.Name, c.Kind, c.Unit))],
            [.. log.CustomerUnits],
            log.Canaries,
            options);
        foreach (var a in log.Accesses)
        {
            engine.Observe(new GuardAccess(a.Time, a.Channel, a.Customer, (GuardAction)(byte)a.Action, a.Device, a.Ip));
        }

        engine.Finish();
        return engine.Alerts;
    }

    /// <summary>
    /// The naive rule: a channel whose day's volume is above the mean + 3 sd of all channels' daily volumes so far (a
    /// running figure, no look-ahead), or any export batch above 1,000 rows; one alert per channel and day.
    /// </summary>
    public static IReadOnlyList<GuardAlert> Naive(InsiderLog log)
    {
        ArgumentNullException.ThrowIfNull(log);
        var alerts = new List<GuardAlert>();
        var today = new Dictionary<int, int>();
        var batch = new Dictionary<(int, long), int>();
        var alerted = new HashSet<(int, long)>();
        double n = 0, sum = 0, sumSq = 0;
        var day = long.MinValue;
        void Close()
        {
            foreach (var v in today.Values)
            {
                n++;
                sum += v;
                sumSq += (double)v * v;
            }

            today.Clear();
            batch.Clear();
        }

        foreach (var a in log.Accesses)
        {
            var d = a.Time / Day;
            if (d != day)
            {
                Close();
                day = d;
            }

            var count = today[a.Channel] = today.GetValueOrDefault(a.Channel) + 1;
            var mean = n > 0 ? sum / n : 0;
            var sd = n > 1 ? Math.Sqrt(Math.Max(0, (sumSq / n) - (mean * mean))) : 0;
            var over = n > 30 && count > mean + (3 * sd);
            var export = false;
            if (a.Action == AccessAction.Export)
            {
                export = (batch[(a.Channel, a.Time)] = batch.GetValueOrDefault((a.Channel, a.Time)) + 1) > 1000;
            }

            if ((over || export) && alerted.Add((a.Channel, d)))
            {
                var t = DateTimeOffset.FromUnixTimeSeconds(a.Time);
                alerts.Add(new GuardAlert(log.Channels[a.Channel].Name, t, t, t, 1, export ? "bulk_copy" : "unusual_volume", [over ? "daily volume above mean + 3 sd of all channels" : "an export above 1,000 rows"]));
            }
        }

        return alerts;
    }

    private sealed record Outcome(IReadOnlyList<InsiderEpisode> Episodes, IReadOnlyList<double?> DelayHours, int Alerts, List<string> FalseOn);

    // An alert is on an episode when it names one of the episode's channels and is raised between the episode's start
    // and a day after its end; an episode is caught by its first such alert.
    private static Outcome Judge(InsiderLog log, IReadOnlyList<GuardAlert> alerts)
    {
        var delays = new double?[log.Episodes.Count];
        var falseOn = new List<string>();
        foreach (var a in alerts)
        {
            var hit = false;
            for (var i = 0; i < log.Episodes.Count; i++)
            {
                var e = log.Episodes[i];
                if (e.Channels.Contains(a.Channel) && a.FirstAlert >= e.From && a.FirstAlert <= e.To.AddDays(1))
                {
                    hit = true;
                    var delay = (a.FirstAlert - e.From).TotalHours;
                    delays[i] = delays[i] is { } d ? Math.Min(d, delay) : delay;
                }
            }

            if (!hit)
            {
                var negative = log.Negatives.FirstOrDefault(n => (n.Channels.Contains(a.Channel) || n.Channels.Contains("*")) && a.FirstAlert >= n.From && a.FirstAlert <= n.To.AddDays(1) && n.Kind != "peak_season")
                    ?? log.Negatives.FirstOrDefault(n => n.Kind == "peak_season" && a.FirstAlert >= n.From && a.FirstAlert <= n.To.AddDays(1));
                falseOn.Add(negative?.Kind ?? "other");
            }
        }

        return new Outcome(log.Episodes, delays, alerts.Count, falseOn);
    }

    private static GuardScore Score(string detector, List<Outcome> outcomes, long channelDays)
    {
        var episodes = outcomes.SelectMany(o => o.Episodes.Select((e, i) => (Episode: e, Delay: o.DelayHours[i]))).ToList();
        var caught = episodes.Count(e => e.Delay is not null);
        var alerts = outcomes.Sum(o => o.Alerts);
        var falseAlerts = outcomes.Sum(o => o.FalseOn.Count);
        static double? Median(IEnumerable<double> values)
        {
            var list = values.Order().ToList();
            return list.Count == 0 ? null : Math.Round(list.Count % 2 == 1 ? list[list.Count / 2] : (list[(list.Count / 2) - 1] + list[list.Count / 2]) / 2, 2);
        }

        var byKind = episodes.GroupBy(e => e.Episode.Kind).OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => $"{g.Count(e => e.Delay is not null)}/{g.Count()}", StringComparer.Ordinal);
        var falseBy = outcomes.SelectMany(o => o.FalseOn).GroupBy(k => k).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        return new GuardScore(
            detector,
            episodes.Count,
            caught,
            episodes.Count == 0 ? 0 : Math.Round(caught / (double)episodes.Count, 3),
            Median(episodes.Where(e => !e.Episode.Slow && e.Delay is not null).Select(e => e.Delay!.Value)),
            Median(episodes.Where(e => e.Episode.Slow && e.Delay is not null).Select(e => e.Delay!.Value / 24)),
            alerts,
            falseAlerts,
            Math.Round(falseAlerts * 1000.0 / Math.Max(1, channelDays), 3),
            alerts == 0 ? 0 : Math.Round((alerts - falseAlerts) / (double)alerts, 3),
            byKind,
            falseBy);
    }
}
