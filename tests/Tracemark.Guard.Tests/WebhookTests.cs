using Tracemark.Store;
using Tracemark.Tests;

namespace Tracemark.Guard.Tests;

/// <summary>
/// `guard --webhook`: a local endpoint (HttpListener) that fails a given number of times, or always. Waits between
/// tries are recorded, not slept, so the back-off is checked without any timing.
/// </summary>
[Collection("postgres")]
public sealed class WebhookTests(Store.Tests.PostgresServer server)
{
    private static GuardAlert Alert(string channel, int hour) => new(channel, new DateTimeOffset(2025, 9, 1, hour, 0, 0, TimeSpan.Zero), new DateTimeOffset(2025, 9, 1, hour, 30, 0, TimeSpan.Zero), new DateTimeOffset(2025, 9, 1, hour, 10, 0, TimeSpan.Zero), 0.8, "bulk_copy", ["1,200 rows in one batch vs a usual 40", "出口 outlet-07"]);

    private KnownLeakStore Open(string backend, TempDir dir) => GuardStores.Open(server, backend, dir);

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task An_endpoint_that_fails_twice_gets_each_alert_after_waits_of_1_then_2_seconds_and_nothing_twice(string backend)
    {
        using var dir = new TempDir();
        using var store = Open(backend, dir);
        var alerts = new[] { Alert("emp-01", 9), Alert("admin-2", 11) };
        store.GuardState.Record([.. alerts.Select(a => (GuardAlertKey.Of(a), AlertCodec.Instance.Write(a)))], printed: true);
        using var endpoint = new WebhookEndpoint(failures: 2);
        using var http = new HttpClient();
        var waits = new List<TimeSpan>();
        var hook = new GuardWebhook(endpoint.Url, http, tries: 5, delay: (t, _) =>
        {
            waits.Add(t);
            return Task.CompletedTask;
        });

        var outcome = await hook.DeliverAsync(store.GuardState);
        Assert.Equal(new GuardDelivery(2, 0, null), outcome);
        Assert.Equal([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)], waits);
        Assert.Equal(4, endpoint.Requests);
        Assert.Equal(alerts, endpoint.Accepted.Select(AlertCodec.Instance.Read), new AlertComparer());
        Assert.Contains("\"first_alert\":\"2025-09-01T09:10:00+00:00\"", endpoint.Accepted[0], StringComparison.Ordinal);
        Assert.Contains("出口", endpoint.Accepted[0], StringComparison.Ordinal);
        Assert.Equal([3, 1], store.GuardState.Alerts().Select(a => a.Attempts));
        Assert.Empty(GuardWebhook.Undelivered(store.GuardState));

        // A later run sends nothing again.
        Assert.Equal(new GuardDelivery(0, 0, null), await hook.DeliverAsync(store.GuardState));
        Assert.Equal(4, endpoint.Requests);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task An_endpoint_that_never_answers_keeps_every_alert_in_the_store_and_the_next_run_delivers_them_in_order(string backend)
    {
        using var dir = new TempDir();
        using var store = Open(backend, dir);
        var alerts = new[] { Alert("emp-01", 9), Alert("admin-2", 11), Alert("api-3", 13) };
        store.GuardState.Record([.. alerts.Select(a => (GuardAlertKey.Of(a), AlertCodec.Instance.Write(a)))], printed: true);
        var waits = new List<TimeSpan>();
        using var http = new HttpClient();
        using (var down = new WebhookEndpoint(failures: int.MaxValue))
        {
            var hook = new GuardWebhook(down.Url, http, tries: 4, delay: (t, _) =>
            {
                waits.Add(t);
                return Task.CompletedTask;
            });
            var outcome = await hook.DeliverAsync(store.GuardState);
            Assert.Equal(0, outcome.Delivered);
            Assert.Equal(3, outcome.Undelivered);
            Assert.Equal("HTTP 503 Service Unavailable", outcome.LastError);
            Assert.Equal([1, 2, 4], waits.Select(w => w.TotalSeconds));
            Assert.Equal(4, down.Requests); // the first alert's tries; the rest are not tried against an endpoint that is down
            Assert.Empty(down.Accepted);
        }

        var kept = GuardWebhook.Undelivered(store.GuardState);
        Assert.Equal(alerts.Select(GuardAlertKey.Of), kept.Select(k => k.Key));
        Assert.Equal([4, 0, 0], kept.Select(k => k.Attempts));

        // Nothing listens any more: a refused connection is a failure too, and the alerts stay.
        var gone = new GuardWebhook(new Uri("http://127.0.0.1:9/alerts/"), http, tries: 1);
        Assert.Equal(3, (await gone.DeliverAsync(store.GuardState)).Undelivered);

        using var up = new WebhookEndpoint(failures: 0);
        var again = new GuardWebhook(up.Url, http, tries: 4, delay: (_, _) => Task.CompletedTask);
        Assert.Equal(new GuardDelivery(3, 0, null), await again.DeliverAsync(store.GuardState));
        Assert.Equal(alerts.Select(a => a.Channel), up.Accepted.Select(j => AlertCodec.Instance.Read(j).Channel));
        Assert.Empty(GuardWebhook.Undelivered(store.GuardState));
    }

    private sealed class AlertComparer : IEqualityComparer<GuardAlert>
    {
        public bool Equals(GuardAlert? x, GuardAlert? y) => x is not null && y is not null && x with { Evidence = [] } == y with { Evidence = [] } && x.Evidence.SequenceEqual(y.Evidence);

        public int GetHashCode(GuardAlert obj) => obj.Channel.GetHashCode(StringComparison.Ordinal);
    }
}
