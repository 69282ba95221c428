using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Tracemark.Identifiers;

namespace Tracemark.Exposure.Index;

/// <summary>
/// The static exposure index: bucket files named by the first 16 bits of y = F(k, "kind:canonical"), each holding
/// the same number of fixed-size entries sorted by tag:
/// <c>tag (y[2..18]) ‖ nonce (12) ‖ AES-256-GCM(HKDF-SHA256(y, "tracemark exposure v1"), padded JSON) ‖ GCM tag (16)</c>.
/// Every entry and every bucket has one size, so neither the number of leaks per person nor the number of people
/// per bucket shows; padding entries are random bytes, indistinguishable from sealed ones without y.
/// </summary>
internal static class IndexFormat
{
    public const int TagBytes = 16;
    public const int NonceBytes = 12;
    public const int GcmTagBytes = 16;

    /// <summary>Room for about three leaks with every field; more are summarised as a count.</summary>
    public const int PlaintextBytes = 320;

    public const int EntryBytes = TagBytes + NonceBytes + PlaintextBytes + GcmTagBytes;

    public static readonly IdentifierKind[] Kinds = [IdentifierKind.Mobile, IdentifierKind.ResidentId, IdentifierKind.Email];

    private static readonly byte[] HkdfInfo = Encoding.ASCII.GetBytes("tracemark exposure v1");

    public static bool Publishes(IdentifierKind kind) => Array.IndexOf(Kinds, kind) >= 0;

    /// <summary>The PRF input: UTF-8 of <c>kind:canonical</c>, e.g. <c>mobile:13800138000</c>.</summary>
    public static int Input(IdentifierKind kind, ReadOnlySpan<char> canonical, Span<byte> input)
    {
        var code = kind.Code();
        var n = Encoding.UTF8.GetBytes(code, input);
        input[n++] = (byte)':';
        return n + Encoding.UTF8.GetBytes(canonical, input[n..]);
    }

    public static byte[] Input(IdentifierKind kind, string canonical)
    {
        var input = new byte[kind.Code().Length + 1 + Encoding.UTF8.GetMaxByteCount(canonical.Length)];
        return input[..Input(kind, canonical, input)];
    }

    /// <summary>The bucket number: the first 16 bits of y with the bits past <paramref name="prefixBits"/> cleared.</summary>
    public static int Bucket(ReadOnlySpan<byte> y, int prefixBits) => BinaryPrimitives.ReadUInt16BigEndian(y) & ~((1 << (16 - prefixBits)) - 1) & 0xFFFF;

    /// <summary>
    /// A credential's bucket: the first 16 bits of SHA-256("tracemark credential account v1" ‖ 0x00 ‖ UTF-8 of the
    /// normalised account), bits past <paramref name="prefixBits"/> cleared. A plain (unkeyed) hash of the account
    /// only — never of the password — so the client can name the bucket before asking anything, and the bucket
    /// tells the server nothing about the password (docs/exposure.md "Credentials").
    /// </summary>
    public static int AccountBucket(ReadOnlySpan<char> account, int prefixBits)
    {
        Span<byte> input = stackalloc byte[AccountDomain.Length + Encoding.UTF8.GetMaxByteCount(account.Length)];
        AccountDomain.CopyTo(input);
        var n = AccountDomain.Length + Encoding.UTF8.GetBytes(account, input[AccountDomain.Length..]);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(input[..n], hash);
        return Bucket(hash, prefixBits);
    }

    private static ReadOnlySpan<byte> AccountDomain => "tracemark credential account v1\0"u8;

    public static string BucketName(int bucket) => bucket.ToString("x4", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Seals one entry for y: tag, random nonce, ciphertext of the padded JSON, GCM tag.</summary>
    public static void Seal(ReadOnlySpan<byte> y, ReadOnlySpan<byte> json, Span<byte> entry)
    {
        if (json.Length > PlaintextBytes)
        {
            throw new ArgumentException("entry text too long", nameof(json));
        }

        y.Slice(2, TagBytes).CopyTo(entry);
        var nonce = entry.Slice(TagBytes, NonceBytes);
        RandomNumberGenerator.Fill(nonce);
        Span<byte> plain = stackalloc byte[PlaintextBytes];
        json.CopyTo(plain);
        plain[json.Length..].Fill((byte)' ');
        Span<byte> key = stackalloc byte[32];
        HKDF.DeriveKey(HashAlgorithmName.SHA256, y, key, salt: [], HkdfInfo);
        using var aes = new AesGcm(key, GcmTagBytes);
        aes.Encrypt(nonce, plain, entry.Slice(TagBytes + NonceBytes, PlaintextBytes), entry.Slice(TagBytes + NonceBytes + PlaintextBytes, GcmTagBytes));
        CryptographicOperations.ZeroMemory(key);
    }

    /// <summary>Finds y's entry in a bucket (entries sorted by tag) and opens it; null when y is not in the index.</summary>
    public static ExposureRecord? Find(ReadOnlySpan<byte> bucket, ReadOnlySpan<byte> y)
    {
        if (bucket.Length % EntryBytes != 0)
        {
            throw new ExposureException($"the bucket is {bucket.Length} bytes, not a whole number of {EntryBytes}-byte entries");
        }

        var tag = y.Slice(2, TagBytes);
        int lo = 0, hi = (bucket.Length / EntryBytes) - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            var entry = bucket.Slice(mid * EntryBytes, EntryBytes);
            var order = entry[..TagBytes].SequenceCompareTo(tag);
            if (order == 0)
            {
                return Open(y, entry);
            }

            if (order < 0)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return null;
    }

    private static ExposureRecord Open(ReadOnlySpan<byte> y, ReadOnlySpan<byte> entry)
    {
        Span<byte> key = stackalloc byte[32];
        HKDF.DeriveKey(HashAlgorithmName.SHA256, y, key, salt: [], HkdfInfo);
        var plain = new byte[PlaintextBytes];
        using var aes = new AesGcm(key, GcmTagBytes);
        try
        {
            aes.Decrypt(entry.Slice(TagBytes, NonceBytes), entry.Slice(TagBytes + NonceBytes, PlaintextBytes), entry.Slice(TagBytes + NonceBytes + PlaintextBytes, GcmTagBytes), plain);
        }
        catch (AuthenticationTagMismatchException)
        {
            throw new ExposureException("an entry matched the tag but did not open: the index is damaged or from another key");
        }

        return JsonSerializer.Deserialize(plain.AsSpan().TrimEnd((byte)' '), ExposureJson.Default.ExposureRecord)
            ?? throw new ExposureException("an entry opened but held no record");
    }
}

/// <summary>What the index tells a person about one identifier (the sealed JSON).</summary>
/// <param name="Leaks">The leaks it appears in, newest first.</param>
/// <param name="More">Further leaks that did not fit the fixed entry size.</param>
public sealed record ExposureRecord(IReadOnlyList<ExposedLeak> Leaks, int More);

/// <summary>One leak an identifier appears in.</summary>
/// <param name="Category">The leak's sector (courier, loan, hotel, ecommerce, social, telecom, government, other).</param>
/// <param name="Since">Month the leak was first seen (yyyy-MM).</param>
/// <param name="Fields">What leaked alongside the identifier in the same record (name, address, cn_id, bank_card …).</param>
/// <param name="Dataset">The dataset's name, only when the publisher marked it public.</param>
public sealed record ExposedLeak(string Category, string Since, IReadOnlyList<string> Fields, [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Dataset);

/// <summary>The published config.json.</summary>
/// <param name="Suite">The VOPRF suite.</param>
/// <param name="Mode">VOPRF.</param>
/// <param name="PublicKey">The server's public key (base64).</param>
/// <param name="PrefixBits">Bits of the PRF output naming the bucket: 2^PrefixBits buckets.</param>
/// <param name="Epoch">Key epoch.</param>
/// <param name="Entries">Distinct identifiers in the index.</param>
/// <param name="EntriesPerBucket">Entries in every bucket, padding included.</param>
/// <param name="EntryBytes">Size of one entry.</param>
/// <param name="Kinds">Identifier kinds published.</param>
/// <param name="Published">When the index was written (UTC).</param>
/// <param name="Leaks">Leaks (datasets) the index covers; 0 in indexes published before it was recorded.</param>
/// <param name="Newest">The month the most recently seen of those leaks was seen (yyyy-MM).</param>
/// <param name="Credentials">Distinct (account, password) pairs in credentials/ (0: none published).</param>
/// <param name="CredentialsPerBucket">Entries in every credential bucket, padding included (0: none published).</param>
public sealed record IndexConfig(
    string Suite,
    string Mode,
    string PublicKey,
    int PrefixBits,
    int Epoch,
    long Entries,
    int EntriesPerBucket,
    int EntryBytes,
    IReadOnlyList<string> Kinds,
    DateTime Published,
    int Leaks = 0,
    string? Newest = null,
    long Credentials = 0,
    int CredentialsPerBucket = 0)
{
    /// <summary>The config as config.json holds it (camelCase, compact UTF-8), for servers that hand it out.</summary>
    public byte[] ToUtf8Json() => JsonSerializer.SerializeToUtf8Bytes(this, ExposureJson.Default.IndexConfig);

    /// <summary>Reads config.json of a published index folder; an <see cref="ExposureException"/> naming the file when
    /// it is missing or not a config.</summary>
    public static IndexConfig Read(string folder)
    {
        var path = Path.Combine(folder, "config.json");
        try
        {
            using var stream = File.OpenRead(path);
            return JsonSerializer.Deserialize(stream, ExposureJson.Default.IndexConfig) ?? throw new ExposureException($"{path} is empty");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ExposureException($"{folder} is not a published exposure index (no readable config.json: {e.Message}); run tracemark publish --out {folder}");
        }
        catch (JsonException e)
        {
            throw new ExposureException($"{path}: not an exposure index config ({e.Message})");
        }
    }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = false)]
[JsonSerializable(typeof(ExposureRecord))]
[JsonSerializable(typeof(IndexConfig))]
internal sealed partial class ExposureJson : JsonSerializerContext;
