// Load client for issue 21's target "100 concurrent users reading summaries, p99 < 200 ms" (docs/benchmarks.md).
// A bounded loop: USERS concurrent users, each sending REQUESTS signed-in GET /api/cases/CASE/summary one after the
// other on a kept-alive connection, after a warm-up of 20 requests per user that is not counted. Prints the count of
// each status, requests per second and p50/p95/p99/max latency; exit 1 when any answer was not 200.
//   dotnet run bench/workspace/readers.cs -- URL TOKEN CASE [USERS=100] [REQUESTS=50]
// URL, TOKEN and CASE as `./demo.sh --server` prints them (its case is 1); loopback only. bench/workspace/readers.sh
// starts the demo and runs this against it.
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;

if (args.Length < 3)
{
    Console.Error.WriteLine("usage: dotnet run bench/workspace/readers.cs -- URL TOKEN CASE [USERS=100] [REQUESTS=50]");
    return 2;
}

var url = new Uri(args[0].TrimEnd('/') + "/");
if (!url.IsLoopback)
{
    Console.Error.WriteLine($"only a server on loopback: {url}");
    return 2;
}

var token = args[1];
var caseId = long.Parse(args[2], CultureInfo.InvariantCulture);
var users = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 100;
var requests = args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 50;
var path = new Uri($"api/cases/{caseId}/summary", UriKind.Relative);

// One connection per user, kept open (as a browser or a script with keep-alive does).
using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = users, PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5) };
using var http = new HttpClient(handler) { BaseAddress = url, Timeout = TimeSpan.FromSeconds(120) };
http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

// The case must have a finished scan (bounded wait).
for (var i = 0; ; i++)
{
    using var first = await http.GetAsync(path);
    if (first.IsSuccessStatusCode)
    {
        break;
    }

    if (i == 300)
    {
        Console.Error.WriteLine($"no finished scan in case {caseId} (last status {(int)first.StatusCode})");
        return 1;
    }

    await Task.Delay(1000);
}

async Task<(int Status, long Ticks)> One()
{
    var clock = Stopwatch.StartNew();
    using var response = await http.GetAsync(path, HttpCompletionOption.ResponseContentRead);
    await response.Content.LoadIntoBufferAsync();
    return ((int)response.StatusCode, clock.ElapsedTicks);
}

// Warm-up, not counted: every user's connection opened, and enough requests (20 per user) that the server's hot
// code has been recompiled by the tiered JIT (a profile of a run after one request per user spent a fifth of the
// server's CPU in the JIT) — a long-running server's steady state is what the target is about.
await Task.WhenAll(Enumerable.Range(0, users).Select(async _ =>
{
    for (var i = 0; i < 20; i++)
    {
        await One();
    }
}));
await Task.Delay(2000);

var latencies = new long[users * requests];
var statuses = new int[users * requests];
var total = Stopwatch.StartNew();
await Task.WhenAll(Enumerable.Range(0, users).Select(u => Task.Run(async () =>
{
    for (var r = 0; r < requests; r++)
    {
        var (status, ticks) = await One();
        statuses[(u * requests) + r] = status;
        latencies[(u * requests) + r] = ticks;
    }
})));
total.Stop();

Array.Sort(latencies);
double Ms(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
double At(double q) => Ms(latencies[Math.Min(latencies.Length - 1, (int)Math.Ceiling(q * latencies.Length) - 1)]);
var c = CultureInfo.InvariantCulture;
foreach (var g in statuses.GroupBy(s => s).OrderBy(g => g.Key))
{
    Console.WriteLine(string.Create(c, $"status {g.Key}: {g.Count()}"));
}

Console.WriteLine(string.Create(c, $"{latencies.Length} requests, {users} concurrent users, {total.Elapsed.TotalSeconds:0.00} s: {latencies.Length / total.Elapsed.TotalSeconds:0} requests/s"));
Console.WriteLine(string.Create(c, $"p50 {At(0.50):0.0} ms, p95 {At(0.95):0.0} ms, p99 {At(0.99):0.0} ms, max {Ms(latencies[^1]):0.0} ms"));
return statuses.All(s => s == 200) ? 0 : 1;
