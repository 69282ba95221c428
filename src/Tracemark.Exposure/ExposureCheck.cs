using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Tracemark.Exposure.Crypto;
using Tracemark.Exposure.Index;
using Tracemark.Identifiers;
using Tracemark.Identifiers.Kinds;

namespace Tracemark.Exposure;

/// <summary>The answer to one private check.</summary>
/// <param name="Found">True when the identifier is in the index.</param>
/// <param name="Record">What the index says about it (null when not found).</param>
/// <param name="Epoch">The key epoch the server answered with.</param>
/// <param name="Bucket">The bucket fetched: the only thing about the identifier the server sees (16 bits of a
/// keyed hash, shared with tens of thousands of others).</param>
public sealed record CheckResult(bool Found, ExposureRecord? Record, int Epoch, string Bucket);

/// <summary>
/// The client side of the exposure check: blinds F's input, has the server evaluate it, verifies the server's
/// proof against the published key, unblinds, then fetches the bucket and opens the entry locally. The server sees a
/// random-looking element and a bucket number; never the identifier.
/// </summary>
public static class ExposureCheck
{
    internal sealed record EvaluateRequest(IReadOnlyList<string> BlindedElements);

    internal sealed record EvaluateResponse(IReadOnlyList<string> EvaluatedElements, string Proof);

    /// <summary>Checks one identifier (its canonical form) against the service at <paramref name="server"/>.</summary>
    public static async Task<CheckResult> CheckAsync(HttpClient http, Uri server, IdentifierKind kind, string canonical, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (!IndexFormat.Publishes(kind))
        {
            throw new ExposureException($"the exposure index holds {string.Join(", ", IndexFormat.Kinds.Select(k => k.Label()))}, not {kind.Label()}");
        }

        return await Run(http, server, IndexFormat.Input(kind, canonical), null, cancellation).ConfigureAwait(false);
    }

    /// <summary>
    /// Checks one (account, password) pair against the credential index (published with --credentials), the way
    /// Password Checkup does: the server sees a blinded element and a short prefix of a plain hash of the normalised
    /// account — never the password, nor anything computed from it that it could test a guess against.
    /// </summary>
    /// <exception cref="ExposureException">The account or password is not one, the service publishes no credentials,
    /// or it failed.</exception>
    public static async Task<CheckResult> CheckCredentialAsync(HttpClient http, Uri server, string account, string password, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(http);
        var pair = Credential.Pair(account, password)
            ?? throw new ExposureException(Credential.IsPassword(password.Trim()) ? "the account is not an e-mail address, mobile, QQ number or account name (4–32 letters, digits, _ - .)" : $"a password is {Credential.MinPasswordLength}–{Credential.MaxPasswordLength} printable ASCII characters without spaces");
        return await Run(http, server, IndexFormat.Input(IdentifierKind.Credential, pair), pair[..pair.IndexOf('\n')], cancellation).ConfigureAwait(false);
    }

    // account: null for an identifier (bucket = y's prefix, in buckets/); a normalised account for a credential
    // (bucket = its hash's prefix, in credentials/).
    private static async Task<CheckResult> Run(HttpClient http, Uri server, byte[] input, string? account, CancellationToken cancellation)
    {
        var config = await Get(http, new Uri(server, "v1/oprf/config"), ExposureJson.Default.IndexConfig, cancellation).ConfigureAwait(false);
        if (config.Suite != OprfSuite.Identifier || config.Mode != "VOPRF")
        {
            throw new ExposureException($"the server speaks {config.Suite} {config.Mode}; this client speaks {OprfSuite.Identifier} VOPRF");
        }

        var publicKey = Decode(config.PublicKey, "publicKey");
        if (!OprfSuite.IsValidElement(publicKey))
        {
            throw new ExposureException("the server's public key is not a valid ristretto255 element");
        }

        if (account is not null && config.CredentialsPerBucket == 0)
        {
            throw new ExposureException("this service publishes no credentials (its index was published without --credentials)");
        }

        var blind = new byte[OprfSuite.ScalarBytes];
        var blinded = new byte[OprfSuite.ElementBytes];
        OprfSuite.Voprf.Blind(input, blind, blinded);

        using var response = await http.PostAsJsonAsync(new Uri(server, "v1/oprf/evaluate"), new EvaluateRequest([Convert.ToBase64String(blinded)]), CheckJson.Default.EvaluateRequest, cancellation).ConfigureAwait(false);
        await Ensure(response, "evaluate", cancellation).ConfigureAwait(false);
        var evaluation = await response.Content.ReadFromJsonAsync(CheckJson.Default.EvaluateResponse, cancellation).ConfigureAwait(false)
            ?? throw new ExposureException("the server's evaluation was empty");
        if (evaluation.EvaluatedElements.Count != 1)
        {
            throw new ExposureException("the server returned the wrong number of evaluated elements");
        }

        var evaluated = Decode(evaluation.EvaluatedElements[0], "evaluatedElements");
        var proof = Decode(evaluation.Proof, "proof");
        if (!OprfSuite.IsValidElement(evaluated) || !OprfSuite.Voprf.VerifyProof(OprfSuite.Generator, publicKey, blinded, evaluated, proof))
        {
            throw new ExposureException("the server's proof does not verify against its published key: the answer cannot be trusted");
        }

        var y = new byte[OprfSuite.OutputBytes];
        OprfSuite.Voprf.Finalize(input, blind, evaluated, [], y);
        var bucket = IndexFormat.BucketName(account is null ? IndexFormat.Bucket(y, config.PrefixBits) : IndexFormat.AccountBucket(account, config.PrefixBits));
        using var bucketResponse = await http.GetAsync(new Uri(server, $"v1/{(account is null ? "buckets" : "credentials")}/{bucket}"), cancellation).ConfigureAwait(false);
        await Ensure(bucketResponse, "bucket", cancellation).ConfigureAwait(false);
        var bytes = await bucketResponse.Content.ReadAsByteArrayAsync(cancellation).ConfigureAwait(false);
        var record = IndexFormat.Find(bytes, y);
        return new CheckResult(record is not null, record, config.Epoch, bucket);
    }

    private static async Task<T> Get<T>(HttpClient http, Uri uri, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type, CancellationToken cancellation)
    {
        using var response = await http.GetAsync(uri, cancellation).ConfigureAwait(false);
        await Ensure(response, "config", cancellation).ConfigureAwait(false);
        try
        {
            return await response.Content.ReadFromJsonAsync(type, cancellation).ConfigureAwait(false) ?? throw new ExposureException($"{uri}: empty answer");
        }
        catch (JsonException e)
        {
            throw new ExposureException($"{uri}: not an exposure service ({e.Message})");
        }
    }

    private static async Task Ensure(HttpResponseMessage response, string what, CancellationToken cancellation)
    {
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(cancellation).ConfigureAwait(false);
            var retry = response.Headers.RetryAfter?.Delta is { } delta ? $" (try again in {delta.TotalSeconds:0} s)" : string.Empty;
            throw new ExposureException($"the server refused the {what} request: {(int)response.StatusCode} {response.ReasonPhrase}{retry} {body}".TrimEnd());
        }
    }

    private static byte[] Decode(string text, string field)
    {
        try
        {
            return Convert.FromBase64String(text);
        }
        catch (FormatException)
        {
            throw new ExposureException($"the server's {field} is not base64");
        }
    }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(ExposureCheck.EvaluateRequest))]
[JsonSerializable(typeof(ExposureCheck.EvaluateResponse))]
internal sealed partial class CheckJson : JsonSerializerContext;
