using Tracemark.Store;
using Tracemark.Store.Tests;
using Tracemark.Synthetic.Owners;
using Tracemark.Tests;
using Tracemark.Tracing.Owner;

namespace Tracemark.Guard.Tests;

/// <summary>
/// `guard --follow`: a log that grows while the guard reads it, and restarts in between. Each step appends lines and
/// then reads (<see cref="GuardFollower.Poll"/>): the test decides when the guard sees what, no timing involved.
/// </summary>
[Collection("postgres")]
public sealed class FollowTests(PostgresServer server)
{
    private static readonly InsiderOptions Small = GuardStores.Small;

    private KnownLeakStore Open(string backend, TempDir dir) => GuardStores.Open(server, backend, dir);

    // The keys of the alerts an uninterrupted guard raises on the first `rows` rows of the log (no end-of-log judgement:
    // a follower never reaches an end).
    private static List<string> Raised(InsiderLog log, int rows)
    {
        var keys = new List<string>();
        var engine = new GuardEngine([.. log.Channels.Select(c => new GuardChannel(c.Name, c.Kind, c.Unit))], [.. log.CustomerUnits], log.Canaries, raised: a => keys.Add(GuardAlertKey.Of(a)));
        foreach (var a in log.Accesses.Take(rows))
        {
            engine.Observe(new GuardAccess(a.Time, a.Channel, a.Customer, (GuardAction)(byte)a.Action, a.Device, a.Ip));
        }

        return keys;
    }

    private static List<GuardRaised> Drain(GuardFollower follower, List<string> problems)
    {
        var raised = new List<GuardRaised>();
        GuardPoll poll;
        do
        {
            poll = follower.Poll();
            raised.AddRange(poll.Alerts);
            problems.AddRange(poll.Problems);
        }
        while (poll.More);
        return raised;
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public void A_growing_log_followed_across_restarts_raises_each_alert_of_an_uninterrupted_guard_exactly_once(string backend)
    {
        using var dir = new TempDir();
        var log = InsiderLog.Generate(Small, 5);
        log.Write(dir.Path, 5);
        var lines = File.ReadAllLines(dir.File("access.csv"));
        var header = lines[0];
        var rows = lines[1..];
        Assert.Equal(log.Accesses.Count, rows.Length);
        var history = rows.Length * 2 / 5;
        File.WriteAllLines(dir.File("history.csv"), [header, .. rows[..history]]);
        using var store = Open(backend, dir);
        var owner = new OwnerStore(store);
        owner.ImportChannels(dir.File("channels.csv"));
        owner.ImportCustomers(dir.File("customers.csv"));
        Assert.Empty(owner.ImportAccess(dir.File("history.csv")).Problems);

        var before = Raised(log, history).ToHashSet(StringComparer.Ordinal);
        var expected = Raised(log, rows.Length).Where(k => !before.Contains(k)).ToList();
        Assert.True(expected.Count >= 5, $"{expected.Count} alerts after the history");

        var third = (rows.Length - history) / 3;
        var part1 = rows[history..(history + third)];
        var part2 = rows[(history + third)..(history + (2 * third))];
        var part3 = rows[(history + (2 * third))..];
        var live = dir.File("live.csv");
        var cut = part2[0].Length / 2;

        // The first run reads a log whose last line is still being written: it stops before it.
        File.WriteAllText(live, header + "\n" + string.Join("\n", part1) + "\n" + part2[0][..cut]);
        var problems = new List<string>();
        var printed = new List<GuardRaised>();
        GuardRaised lost;
        using (var first = GuardFollower.Start(store, live, AlertCodec.Instance, dir.File("canaries.csv")))
        {
            Assert.Empty(first.Unprinted);
            Assert.Equal(0, first.JournalRows);
            var raised = Drain(first, problems);
            Assert.Equal(1 + part1.Length, first.Position.Line);
            Assert.Equal(part1.Length, first.Position.Rows);
            Assert.NotEmpty(raised);

            // It stops after committing its last alert but before printing it.
            foreach (var r in raised.SkipLast(1))
            {
                first.Printed(r.Key);
                printed.Add(r);
            }

            lost = raised[^1];
        }

        // The line is finished and more rows arrive while no guard runs; one names a channel nobody imported.
        var badLine = 1 + part1.Length + 1 + 1;
        File.AppendAllText(live, part2[0][cut..] + "\n" + "2025-12-31T00:00:00+00:00,nobody,C0000001,view,d-1,10.0.0.1\n" + string.Join("\n", part2.Skip(1)) + "\n");
        using (var second = GuardFollower.Start(store, live, AlertCodec.Instance, dir.File("canaries.csv")))
        {
            Assert.Equal(part1.Length, second.JournalRows);
            Assert.Equal([lost.Key], second.Unprinted.Select(u => u.Key));
            Assert.Equal(lost.Alert, second.Unprinted[0].Alert with { Evidence = lost.Alert.Evidence });
            Assert.Equal(lost.Json, second.Unprinted[0].Json);
            printed.AddRange(second.Unprinted);
            second.Printed(lost.Key);
            var raised = Drain(second, problems);
            printed.AddRange(raised);
            raised.ForEach(r => second.Printed(r.Key));
            Assert.Equal(part1.Length + part2.Length, second.Position.Rows);
        }

        Assert.Equal([$"{Path.GetFullPath(live)} line {badLine}: channel 'nobody' is not in the imported channels"], problems);

        File.AppendAllText(live, string.Join("\n", part3) + "\n");
        using (var third3 = GuardFollower.Start(store, live, AlertCodec.Instance, dir.File("canaries.csv")))
        {
            Assert.Empty(third3.Unprinted);
            var raised = Drain(third3, problems);
            printed.AddRange(raised);
            Assert.Equal(rows.Length - history, third3.Position.Rows);
            Assert.Empty(Drain(third3, problems));
        }

        Assert.Equal(expected, printed.Select(p => p.Key));
        Assert.Single(problems);
    }

    [Fact]
    public void A_log_shorter_than_the_position_is_a_new_log_read_from_its_start_and_older_rows_at_a_first_start_are_skipped()
    {
        using var dir = new TempDir();
        var log = InsiderLog.Generate(Small, 6);
        log.Write(dir.Path, 6);
        var lines = File.ReadAllLines(dir.File("access.csv"));
        var history = lines.Length / 2;
        File.WriteAllLines(dir.File("history.csv"), lines[..history]);
        using var store = Open("sqlite", dir);
        var owner = new OwnerStore(store);
        owner.ImportChannels(dir.File("channels.csv"));
        owner.ImportCustomers(dir.File("customers.csv"));
        owner.ImportAccess(dir.File("history.csv"));

        // The live log starts 100 rows before the history ends (yesterday's log imported, today's followed).
        var live = dir.File("live.csv");
        File.WriteAllLines(live, [lines[0], .. lines[(history - 100)..(history + 200)]]);
        var problems = new List<string>();
        using var follower = GuardFollower.Start(store, live, AlertCodec.Instance);
        Drain(follower, problems);
        Assert.InRange(follower.Skipped, 1, 100);
        Assert.Equal(300 - follower.Skipped, follower.Position.Rows);

        // Rotated: a new file, shorter than the position.
        File.WriteAllLines(live, [lines[0], .. lines[(history + 200)..(history + 210)]]);
        Drain(follower, problems);
        Assert.Contains(problems, p => p.Contains("read as a new log from its start", StringComparison.Ordinal));
        Assert.Equal(310 - follower.Skipped, follower.Position.Rows);
        Assert.Equal(11, follower.Position.Line);
    }
}
