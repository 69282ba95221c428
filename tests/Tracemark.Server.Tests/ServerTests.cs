using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Tracemark.Exposure;
using Tracemark.Exposure.Crypto;
using Tracemark.Exposure.Tests;
using Tracemark.Identifiers;

namespace Tracemark.Server.Tests;

/// <summary>The HTTP API: config, evaluation with a proof that verifies, the bucket files, and clear 4xx answers
/// for every kind of malformed request.</summary>
public sealed class ServerTests(ServedIndex served) : IClassFixture<ServedIndex>
{
    private static readonly HttpClient Http = new();

    private async Task<HttpResponseMessage> Evaluate(string body, string type = "application/json") =>
        await Http.PostAsync(new Uri(served.Base, "v1/oprf/evaluate"), new StringContent(body, Encoding.UTF8, type));

    private static string Blinded(int n)
    {
        var elements = new List<string>();
        var blind = new byte[32];
        var blinded = new byte[32];
        for (var i = 0; i < n; i++)
        {
            OprfSuite.Voprf.Blind(Encoding.UTF8.GetBytes($"mobile:1380000{i:D4}"), blind, blinded);
            elements.Add(Convert.ToBase64String(blinded));
        }

        return JsonSerializer.Serialize(new { blindedElements = elements });
    }

    [Fact]
    public async Task Config_names_the_suite_mode_key_and_prefix()
    {
        using var config = JsonDocument.Parse(await Http.GetStringAsync(new Uri(served.Base, "v1/oprf/config")));
        var root = config.RootElement;
        Assert.Equal("ristretto255-SHA512", root.GetProperty("suite").GetString());
        Assert.Equal("VOPRF", root.GetProperty("mode").GetString());
        Assert.Equal(8, root.GetProperty("prefixBits").GetInt32());
        Assert.Equal(1, root.GetProperty("epoch").GetInt32());
        Assert.True(OprfSuite.IsValidElement(Convert.FromBase64String(root.GetProperty("publicKey").GetString()!)));
        Assert.Equal("ok", await Http.GetStringAsync(new Uri(served.Base, "healthz")));
    }

    [Fact]
    public async Task A_full_batch_is_evaluated_with_a_proof_that_verifies()
    {
        var body = Blinded(ExposureServer.MaxBatch);
        using var response = await Evaluate(body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var evaluated = answer.RootElement.GetProperty("evaluatedElements").EnumerateArray().SelectMany(e => Convert.FromBase64String(e.GetString()!)).ToArray();
        var proof = Convert.FromBase64String(answer.RootElement.GetProperty("proof").GetString()!);
        var blinded = JsonDocument.Parse(body).RootElement.GetProperty("blindedElements").EnumerateArray().SelectMany(e => Convert.FromBase64String(e.GetString()!)).ToArray();
        var publicKey = Convert.FromBase64String(Exposure.Index.IndexConfig.Read(served.Index).PublicKey);
        Assert.Equal(32 * ExposureServer.MaxBatch, evaluated.Length);
        Assert.Equal(64, proof.Length);
        Assert.True(OprfSuite.Voprf.VerifyProof(OprfSuite.Generator, publicKey, blinded, evaluated, proof));
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
    }

    [Theory]
    [InlineData("not json", "not JSON")]
    [InlineData("[]", "expected {\"blindedElements\"")]
    [InlineData("{\"blindedElements\":[]}", "send 1 to 32")]
    [InlineData("{\"blindedElements\":[\"%%%\"]}", "not base64")]
    [InlineData("{\"blindedElements\":[\"AAAA\"]}", "is 3 bytes")]
    [InlineData("{\"blindedElements\":[\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\"]}", "identity")]
    [InlineData("{\"blindedElements\":[\"//////////////////////////////////////////8=\"]}", "not a canonical")]
    [InlineData("{\"blindedElements\":[42]}", "not base64")]
    [InlineData("{\"blindedElements\":[", "not JSON")]
    [InlineData("{\"blindedElements\":[]} trailing", "not JSON")]
    [InlineData("{\"other\":[\"AAAA\"]}", "expected {\"blindedElements\"")]
    [InlineData("{\"blindedElements\":\"AAAA\"}", "expected {\"blindedElements\"")]
    public async Task Malformed_evaluations_get_a_clear_400(string body, string says)
    {
        using var response = await Evaluate(body);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors")[0];
        Assert.Contains(says, problem.GetProperty("message").GetString()!, StringComparison.Ordinal);
        Assert.Equal("POST /v1/oprf/evaluate", problem.GetProperty("source").GetString());
        Assert.Equal(JsonValueKind.Null, problem.GetProperty("record").ValueKind);
    }

    [Fact]
    public async Task Escaped_strings_extra_members_and_whitespace_read_like_plain_ones()
    {
        var element = JsonDocument.Parse(Blinded(1)).RootElement.GetProperty("blindedElements")[0].GetString()!;
        var escaped = string.Concat(element.Select(c => $"\\u{(int)c:x4}"));
        using var plain = await Evaluate($"{{\"blindedElements\":[\"{element}\"]}}");
        using var fancy = await Evaluate($"{{ \"note\": {{\"a\": [1, 2]}},\n  \"blindedElements\" : [ \"{escaped}\" ] }}");
        Assert.Equal(HttpStatusCode.OK, fancy.StatusCode);
        var first = JsonDocument.Parse(await plain.Content.ReadAsStringAsync()).RootElement.GetProperty("evaluatedElements")[0].GetString();
        var second = JsonDocument.Parse(await fancy.Content.ReadAsStringAsync()).RootElement.GetProperty("evaluatedElements")[0].GetString();
        Assert.Equal(first, second);
        Assert.Equal("application/json; charset=utf-8", fancy.Content.Headers.ContentType?.ToString());
    }

    [Fact]
    public async Task Too_big_a_batch_wrong_type_or_oversized_body_is_refused()
    {
        using (var tooMany = await Evaluate(Blinded(ExposureServer.MaxBatch + 1)))
        {
            Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
            Assert.Contains("got 33", await tooMany.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using (var form = await Evaluate("blindedElements=x", "application/x-www-form-urlencoded"))
        {
            Assert.Equal(HttpStatusCode.UnsupportedMediaType, form.StatusCode);
        }

        using var huge = await Evaluate("{\"blindedElements\":[\"" + new string('A', 64 * 1024) + "\"]}");
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.StatusCode);
    }

    [Fact]
    public async Task Buckets_are_static_cacheable_files_and_bad_names_are_explained()
    {
        using var bucket = await Http.GetAsync(new Uri(served.Base, "v1/buckets/3f00"));
        Assert.Equal(HttpStatusCode.OK, bucket.StatusCode);
        Assert.Contains("max-age", bucket.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        Assert.NotNull(bucket.Headers.ETag);
        var config = Exposure.Index.IndexConfig.Read(served.Index);
        Assert.Equal(config.EntriesPerBucket * config.EntryBytes, (await bucket.Content.ReadAsByteArrayAsync()).Length);

        using var bad = await Http.GetAsync(new Uri(served.Base, "v1/buckets/zz"));
        Assert.Equal(HttpStatusCode.NotFound, bad.StatusCode);
        Assert.Contains("not a bucket", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var escape = await Http.GetAsync(new Uri(served.Base, "v1/buckets/..%2F..%2Fconfig.json"));
        Assert.Equal(HttpStatusCode.NotFound, escape.StatusCode);
    }

    [Fact]
    public async Task The_csharp_client_finds_members_with_their_leaks_and_not_others()
    {
        var found = await ExposureCheck.CheckAsync(Http, served.Base, IdentifierKind.Mobile, Fixtures.Mobile(150));
        Assert.True(found.Found);
        Assert.Equal(["loan", "courier"], found.Record!.Leaks.Select(l => l.Category));

        var id = await ExposureCheck.CheckAsync(Http, served.Base, IdentifierKind.ResidentId, Fixtures.Id(299));
        Assert.True(id.Found);

        var absent = await ExposureCheck.CheckAsync(Http, served.Base, IdentifierKind.Mobile, Fixtures.Mobile(999));
        Assert.False(absent.Found);
        Assert.Null(absent.Record);
    }

    [Fact]
    public async Task Node_voprf_ts_client_interoperates()
    {
        var found = await ServedIndex.Node("interop.mjs", served.Base.ToString(), "mobile", "+86 " + Fixtures.Mobile(150));
        Assert.True(found.Exit == 0, found.Error);
        using var answer = JsonDocument.Parse(found.Output);
        Assert.True(answer.RootElement.GetProperty("found").GetBoolean());
        Assert.Equal(["loan", "courier"], answer.RootElement.GetProperty("record").GetProperty("leaks").EnumerateArray().Select(l => l.GetProperty("category").GetString()));

        var id = await ServedIndex.Node("interop.mjs", served.Base.ToString(), "cn_id", Fixtures.Id(120).ToLowerInvariant());
        Assert.True(id.Exit == 0, id.Error);
        Assert.Contains("\"found\":true", id.Output, StringComparison.Ordinal);

        var absent = await ServedIndex.Node("interop.mjs", served.Base.ToString(), "mobile", Fixtures.Mobile(998));
        Assert.True(absent.Exit == 0, absent.Error);
        Assert.Contains("\"found\":false", absent.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_page_in_chromium_shows_found_and_not_found_without_sending_the_number()
    {
        var shot = Path.Combine(Path.GetTempPath(), $"tracemark-check-{Guid.NewGuid():N}.png");
        try
        {
            var found = await ServedIndex.Node("browser-check.mjs", served.Base.ToString(), "mobile", "138 0000 0150", shot);
            Assert.True(found.Exit == 0, found.Error);
            using var page = JsonDocument.Parse(found.Output);
            Assert.Equal("found", page.RootElement.GetProperty("state").GetString());
            Assert.Contains("2 起已知泄露", page.RootElement.GetProperty("text").GetString(), StringComparison.Ordinal);
            Assert.False(page.RootElement.GetProperty("numberSent").GetBoolean());
            Assert.Contains("/v1/oprf/evaluate", page.RootElement.GetProperty("requests").EnumerateArray().Select(r => r.GetString()));
            Assert.True(new FileInfo(shot).Length > 1000);

            var absent = await ServedIndex.Node("browser-check.mjs", served.Base.ToString(), "mobile", Fixtures.Mobile(997), string.Empty, "en");
            Assert.True(absent.Exit == 0, absent.Error);
            using var second = JsonDocument.Parse(absent.Output);
            Assert.Equal("not-found", second.RootElement.GetProperty("state").GetString());
            Assert.StartsWith("Not found", second.RootElement.GetProperty("text").GetString(), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(shot);
        }
    }

    [Fact]
    public async Task The_page_gives_the_identifier_librarys_reason_for_an_invalid_value()
    {
        (string Kind, IdentifierKind Library, string Value)[] cases =
        [
            ("mobile", IdentifierKind.Mobile, "123"), ("mobile", IdentifierKind.Mobile, "138001380001"), ("mobile", IdentifierKind.Mobile, "12345678901"),
            ("mobile", IdentifierKind.Mobile, "23800138000"), ("mobile", IdentifierKind.Mobile, "138-0013-80a0"), ("cn_id", IdentifierKind.ResidentId, "11010519491231002Y"),
            ("cn_id", IdentifierKind.ResidentId, "11010519491331002X"), ("cn_id", IdentifierKind.ResidentId, "11010519490230002X"), ("cn_id", IdentifierKind.ResidentId, "110105194912310021"),
            ("cn_id", IdentifierKind.ResidentId, "1101051949123100"), ("cn_id", IdentifierKind.ResidentId, "11010518491231002X"), ("email", IdentifierKind.Email, "abc"),
            ("email", IdentifierKind.Email, "a@b"), ("email", IdentifierKind.Email, "a..b@example.com"), ("email", IdentifierKind.Email, "a@b@example.com"),
        ];
        var run = await ServedIndex.Node(["validate.mjs", .. cases.SelectMany(c => new[] { c.Kind, c.Value })]);
        Assert.True(run.Exit == 0, run.Error);
        using var answers = JsonDocument.Parse(run.Output);
        var page = answers.RootElement.EnumerateArray().ToList();
        for (var i = 0; i < cases.Length; i++)
        {
            var verdict = Identifier.Check(cases[i].Library, cases[i].Value, new char[Identifier.MaxCanonicalLength]);
            Assert.False(verdict.IsValid, cases[i].Value);
            Assert.Equal(verdict.Explain(), page[i].GetProperty("en").GetString());
            Assert.False(string.IsNullOrEmpty(page[i].GetProperty("zh").GetString()));
        }

        // What is valid for the library is valid for the page, in the same canonical form.
        var valid = await ServedIndex.Node("validate.mjs", "mobile", "+86 138-0013-8000", "cn_id", "11010519491231002x", "email", "Seller@Example.COM");
        Assert.Equal("""[{"value":"13800138000"},{"value":"11010519491231002X"},{"value":"seller@example.com"}]""", valid.Output.Trim());
    }

    [Fact]
    public async Task The_page_states_what_it_covers_and_the_real_bucket_count_and_fits_390_and_1280_px()
    {
        var config = Tracemark.Exposure.Index.IndexConfig.Read(served.Index);
        Assert.Equal(2, config.Leaks);
        foreach (var (kind, value, state) in new[] { (string.Empty, string.Empty, (string?)null), ("mobile", "138 0000 0150", "found"), ("cn_id", "11010519491231002Y", "invalid") })
        {
            var run = await ServedIndex.Node("page-layout.mjs", served.Base.ToString(), "390,1280", string.Empty, kind, value);
            Assert.True(run.Exit == 0, run.Error);
            using var layout = JsonDocument.Parse(run.Output);
            foreach (var width in layout.RootElement.EnumerateArray())
            {
                var shown = width.GetProperty("text").GetString()!;
                var at = $"{width.GetProperty("width").GetInt32()} px, {state ?? "start"}";
                Assert.True(width.GetProperty("scrollWidth").GetInt32() <= width.GetProperty("viewport").GetInt32(), $"{at}: scrolls sideways: {width.GetProperty("outside")}");
                Assert.Equal(0, width.GetProperty("outside").GetArrayLength());
                Assert.Equal(state, width.GetProperty("state").GetString());
                Assert.Contains($"本服务收录 2 起已知泄露中的 {config.Entries:N0} 个手机号、身份证号和邮箱", shown, StringComparison.Ordinal);
                Assert.Contains($"数据更新于 {config.Published:yyyy-MM-dd}", shown, StringComparison.Ordinal);
                Assert.Contains($"{1 << config.PrefixBits} 个数据桶中的一个（每桶 {config.EntriesPerBucket:N0} 条", shown, StringComparison.Ordinal);
                Assert.DoesNotContain("六万五千", shown, StringComparison.Ordinal);
                if (state == "invalid")
                {
                    Assert.Contains("第 18 位的“Y”不能出现在身份证号中", shown, StringComparison.Ordinal);
                }
            }
        }
    }

    [Fact]
    public void Serving_with_another_key_is_refused()
    {
        using var dir = new Tracemark.Tests.TempDir("wrong-key");
        var e = Assert.Throws<ExposureException>(() => ExposureServer.Build(new ServeOptions { Index = served.Index, KeyFile = Create(dir.File("other.key")) }));
        Assert.Contains("does not hold the key", e.Message, StringComparison.Ordinal);

        static string Create(string path)
        {
            ExposureKey.Open(path, create: true);
            return path;
        }
    }
}
