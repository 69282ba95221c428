using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Tracemark.Exposure.Index;
using Tracemark.Store;
using Tracemark.Tests;

namespace Tracemark.Server.Tests;

/// <summary>The check page's credential form in Chromium at 390 and 1280 px, against an index published with
/// credentials: a leaked pair is found, the same account with another password and an unknown account are not, and
/// neither the password nor the account is sent anywhere.</summary>
public sealed class CredentialPageTests : IAsyncLifetime, IDisposable
{
    private readonly TempDir _dir = new("credential-page");
    private WebApplication? _app;
    private Uri _base = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_dir.Path);
        var dump = _dir.File("qq-dump.txt");
        File.WriteAllText(dump, "123456789----Qwe!rty77\n13800138000----s3cret#Pass\nZhang.San@Example.com----pa55!word9\n", Encoding.UTF8);
        using (var store = KnownLeakStore.Open(new StoreLocation(_dir.File("store.db"), _dir.File("store.key")), create: true))
        {
            store.Ingest(new() { Paths = [dump], Workers = 2 }, "qq-2026", "social", new DateOnly(2026, 3, 1), null);
            Publisher.Publish(store, new PublishOptions { Out = _dir.File("index"), Paths = [dump], PrefixBits = 8, KeyFile = _dir.File("exposure.key"), Workers = 2, Credentials = true, PublicDatasets = new HashSet<string> { "qq-2026" } });
        }

        _app = await ServedIndex.Start(_dir.File("index"), _dir.File("exposure.key"), 10_000);
        _base = ServedIndex.Address(_app);
    }

    [Theory]
    [InlineData("123456789", "Qwe!rty77", "found", "1 份已知的盗号数据")]
    [InlineData("+86 138 0013 8000", "s3cret#Pass", "found", "1 份已知的盗号数据")] // the mobile normalised as the library does
    [InlineData("zhang.san@example.COM", "pa55!word9", "found", "qq-2026")] // the e-mail lower-cased
    [InlineData("123456789", "Qwe!rty78", "not-found", "不在本服务已知的盗号数据中")] // the same account, another password
    [InlineData("987654321", "Qwe!rty77", "not-found", "不在本服务已知的盗号数据中")] // an unknown account
    [InlineData("ab", "Qwe!rty77", "bad-credential", "请检查账号")]
    public async Task The_credential_form_answers_at_390_and_1280_px_without_sending_the_pair(string account, string password, string state, string shown)
    {
        var run = await ServedIndex.Node("credential-check.mjs", _base.ToString(), "390,1280", account, password);
        Assert.True(run.Exit == 0, run.Error);
        using var widths = JsonDocument.Parse(run.Output);
        foreach (var width in widths.RootElement.EnumerateArray())
        {
            var at = $"{width.GetProperty("width").GetInt32()} px";
            Assert.True(width.GetProperty("visible").GetBoolean(), at);
            Assert.Equal(0, width.GetProperty("errors").GetArrayLength());
            Assert.True(width.GetProperty("scrollWidth").GetInt32() <= width.GetProperty("viewport").GetInt32(), $"{at}: scrolls sideways");
            Assert.Equal(state, width.GetProperty("state").GetString());
            Assert.Contains(shown, width.GetProperty("text").GetString(), StringComparison.Ordinal);
            Assert.False(width.GetProperty("passwordSent").GetBoolean(), at);
            Assert.False(width.GetProperty("accountSent").GetBoolean(), at);
            if (state != "bad-credential")
            {
                Assert.Equal(string.Empty, width.GetProperty("passwordLeft").GetString()); // cleared after the answer
                var requests = width.GetProperty("requests").EnumerateArray().Select(r => r.GetString()).ToList();
                Assert.Contains("/v1/oprf/evaluate", requests);
                Assert.Contains(requests, r => r!.StartsWith("/v1/credentials/", StringComparison.Ordinal));
            }
        }
    }

    [Fact]
    public async Task The_page_hides_the_credential_form_when_no_credentials_are_published()
    {
        using var dir = new TempDir("no-credentials");
        var (store, courier, _) = Tracemark.Exposure.Tests.Fixtures.TwoLeaks(dir);
        using (store)
        {
            Publisher.Publish(store, new PublishOptions { Out = dir.File("index"), Paths = [courier], PrefixBits = 8, KeyFile = dir.File("exposure.key"), Workers = 2 });
        }

        await using var app = await ServedIndex.Start(dir.File("index"), dir.File("exposure.key"), 10_000);
        var run = await ServedIndex.Node("credential-check.mjs", ServedIndex.Address(app).ToString(), "390", "123456789", "Qwe!rty77");
        Assert.True(run.Exit == 0, run.Error);
        using var widths = JsonDocument.Parse(run.Output);
        Assert.False(widths.RootElement[0].GetProperty("visible").GetBoolean());
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        Dispose();
    }

    public void Dispose() => _dir.Dispose();
}
