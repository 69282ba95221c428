using System.Security.Cryptography;
using System.Text;
using Tracemark.Identifiers;
using Tracemark.Identifiers.Kinds;

namespace Tracemark.Store.Tags;

/// <summary>
/// Makes tags from canonical identifiers. One instance per thread: it reuses one HMAC state (the key schedule is
/// computed once, not per identifier) and one scratch buffer, so tagging allocates nothing.
/// </summary>
public sealed class Tagger : IDisposable
{
    private readonly IncrementalHash _hmac;
    private readonly byte[][] _prefixes = new byte[256][];
    private byte[] _scratch = new byte[256];

    internal Tagger(StoreKey key)
    {
        _hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key.Secret);
        foreach (var kind in IdentifierKinds.All)
        {
            // kind code ‖ 0x00: the separator keeps "mobile"+"1…" apart from any other kind's code and value.
            _prefixes[(byte)kind] = [.. Encoding.ASCII.GetBytes(kind.Code()), 0];
        }
    }

    /// <summary>The tag of a canonical value (as the identifier library writes it).</summary>
    public Tag Make(IdentifierKind kind, ReadOnlySpan<char> canonical)
    {
        var max = Encoding.UTF8.GetMaxByteCount(canonical.Length);
        if (_scratch.Length < max)
        {
            _scratch = new byte[Math.Max(max, _scratch.Length * 2)];
        }

        var n = Encoding.UTF8.GetBytes(canonical, _scratch);
        return Make(kind, _scratch.AsSpan(0, n));
    }

    /// <summary>
    /// The tag of an (account, password) pair as ingest stores it: kind <c>credential</c>, value
    /// <see cref="Credential.Pair"/> (normalised account, line feed, password). Null when the account or the password
    /// is not one. The password is hashed and dropped; only the keyed tag leaves.
    /// </summary>
    public Tag? MakeCredential(ReadOnlySpan<char> account, ReadOnlySpan<char> password) =>
        Credential.Pair(account, password) is { } pair ? Make(IdentifierKind.Credential, pair) : null;

    /// <summary>The tag of a value that is not an identifier kind (an owner's customer number): label ‖ 0x00 ‖ value.</summary>
    public Tag MakeLabeled(string label, ReadOnlySpan<char> value)
    {
        _hmac.AppendData(Encoding.UTF8.GetBytes(label + "\0"));
        _hmac.AppendData(Encoding.UTF8.GetBytes(value.ToArray()));
        Span<byte> mac = stackalloc byte[32];
        _hmac.GetHashAndReset(mac);
        return Tag.Read(mac);
    }

    /// <summary>The tag of a canonical value already in UTF-8.</summary>
    public Tag Make(IdentifierKind kind, ReadOnlySpan<byte> canonicalUtf8)
    {
        _hmac.AppendData(_prefixes[(byte)kind] ?? throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a known identifier kind"));
        _hmac.AppendData(canonicalUtf8);
        Span<byte> mac = stackalloc byte[32];
        _hmac.GetHashAndReset(mac);
        return Tag.Read(mac);
    }

    public void Dispose() => _hmac.Dispose();
}
