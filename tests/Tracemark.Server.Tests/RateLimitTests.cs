using System.Net;
using System.Text;
using Tracemark.Exposure;
using Tracemark.Exposure.Crypto;
using Tracemark.Exposure.Tests;
using Tracemark.Identifiers;

namespace Tracemark.Server.Tests;

/// <summary>A server allowing 3 evaluations a minute per client: the 4th is refused with 429 and Retry-After, and
/// the bucket files and config stay available (only the PRF is the enumeration oracle).</summary>
public sealed class RateLimitTests
{
    [Fact]
    public async Task The_fourth_evaluation_in_a_minute_gets_429_with_retry_after()
    {
        await using var fixture = new LimitedScope();
        await fixture.Start();
        using var http = new HttpClient();
        var blind = new byte[32];
        var blinded = new byte[32];
        OprfSuite.Voprf.Blind("mobile:13800000001"u8, blind, blinded);
        var body = $$"""{"blindedElements":["{{Convert.ToBase64String(blinded)}}"]}""";
        for (var i = 0; i < 3; i++)
        {
            using var ok = await http.PostAsync(new Uri(fixture.Base, "v1/oprf/evaluate"), new StringContent(body, Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        using var refused = await http.PostAsync(new Uri(fixture.Base, "v1/oprf/evaluate"), new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter?.Delta);
        Assert.InRange(refused.Headers.RetryAfter!.Delta!.Value.TotalSeconds, 1, 60);
        Assert.Contains("too many checks", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var bucket = await http.GetAsync(new Uri(fixture.Base, "v1/buckets/0000"));
        Assert.Equal(HttpStatusCode.OK, bucket.StatusCode);

        var e = await Assert.ThrowsAsync<ExposureException>(() => ExposureCheck.CheckAsync(http, fixture.Base, IdentifierKind.Mobile, Fixtures.Mobile(1)));
        Assert.Contains("429", e.Message, StringComparison.Ordinal);
        Assert.Contains("try again in", e.Message, StringComparison.Ordinal);
    }

    /// <summary>A fresh limited server per test, so the count starts at zero.</summary>
    private sealed class LimitedScope : IAsyncDisposable
    {
        private readonly ServedIndex _served = new() { Rate = 3 };

        public Uri Base => _served.Base;

        public Task Start() => _served.InitializeAsync();

        public async ValueTask DisposeAsync() => await _served.DisposeAsync();
    }
}
