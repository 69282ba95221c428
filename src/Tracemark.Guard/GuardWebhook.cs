using System.Net.Http.Headers;
using System.Text;
using Tracemark.Store.GuardState;

namespace Tracemark.Guard;

/// <summary>What a delivery round did: alerts delivered, and alerts left in the store for the next run.</summary>
public sealed record GuardDelivery(int Delivered, int Undelivered, string? LastError);

/// <summary>
/// `tracemark guard --webhook URL`: POSTs each alert as its JSON record (<see cref="IGuardAlertCodec"/>,
/// application/json). A failed POST (no connection, a timeout, a status other than 2xx) is tried again after 1, 2, 4 …
/// times the first delay. An alert that still failed stays in the store's ledger, undelivered, and is sent again by the
/// next run with a webhook; once the endpoint has failed all its tries, the round stops (the endpoint is down) and
/// the rest wait too, in order.
/// </summary>
public sealed class GuardWebhook
{
    private readonly Uri _url;
    private readonly HttpClient _http;
    private readonly int _tries;
    private readonly TimeSpan _firstDelay;
    private readonly Func<TimeSpan, CancellationToken, Task> _delay;

    /// <param name="url">The endpoint.</param>
    /// <param name="http">The client (its timeout bounds each try).</param>
    /// <param name="tries">Tries per alert (at least 1).</param>
    /// <param name="firstDelay">The wait before the second try; each later wait doubles.</param>
    /// <param name="delay">How to wait (tests record the waits instead of sleeping).</param>
    public GuardWebhook(Uri url, HttpClient http, int tries = 5, TimeSpan? firstDelay = null, Func<TimeSpan, CancellationToken, Task>? delay = null)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(http);
        ArgumentOutOfRangeException.ThrowIfLessThan(tries, 1);
        (_url, _http, _tries) = (url, http, tries);
        _firstDelay = firstDelay ?? TimeSpan.FromSeconds(1);
        _delay = delay ?? Task.Delay;
    }

    /// <summary>The endpoint.</summary>
    public Uri Url => _url;

    /// <summary>POSTs one alert, trying again with exponential back-off. Returns whether it was delivered, the tries made and the last failure.</summary>
    public async Task<(bool Delivered, int Tries, string? Failure)> SendAsync(string json, CancellationToken cancellation = default)
    {
        string? failure = null;
        for (var attempt = 1; attempt <= _tries; attempt++)
        {
            try
            {
                using var content = new StringContent(json, Encoding.UTF8);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
                using var response = await _http.PostAsync(_url, content, cancellation).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    return (true, attempt, null);
                }

                failure = $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}";
            }
            catch (HttpRequestException e)
            {
                failure = e.Message;
            }
            catch (TaskCanceledException) when (!cancellation.IsCancellationRequested)
            {
                failure = $"no answer within {_http.Timeout.TotalSeconds:0} s";
            }

            if (attempt < _tries)
            {
                await _delay(_firstDelay * Math.Pow(2, attempt - 1), cancellation).ConfigureAwait(false);
            }
        }

        return (false, _tries, failure);
    }

    /// <summary>
    /// Sends every alert of the ledger not yet delivered, oldest first, recording each outcome in the store; stops at
    /// the first alert that could not be delivered (the rest stay for the next run, marked as not tried).
    /// </summary>
    public async Task<GuardDelivery> DeliverAsync(IGuardState state, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(state);
        var pending = state.Alerts().Where(a => !a.Delivered).ToList();
        var delivered = 0;
        foreach (var alert in pending)
        {
            var (ok, tries, failure) = await SendAsync(alert.Json, cancellation).ConfigureAwait(false);
            state.Attempted(alert.Key, ok, alert.Attempts + tries, failure);
            if (!ok)
            {
                foreach (var rest in pending.Skip(delivered + 1))
                {
                    state.Attempted(rest.Key, false, rest.Attempts, $"not tried: the endpoint had just failed ({failure})");
                }

                return new GuardDelivery(delivered, pending.Count - delivered, failure);
            }

            delivered++;
        }

        return new GuardDelivery(delivered, 0, null);
    }

    /// <summary>The alerts a webhook could not take yet: not delivered, with the reason (the ledger's other entries were never meant for a webhook).</summary>
    public static IReadOnlyList<GuardAlertEntry> Undelivered(IGuardState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return [.. state.Alerts().Where(a => !a.Delivered && a.LastError is not null)];
    }
}
