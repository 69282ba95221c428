using System.Security.Cryptography;
using System.Text;

namespace Tracemark.Store.Tags;

/// <summary>
/// The secret that makes tags: 32 random bytes in a key file (mode 0600) beside the database, never inside it.
/// Without it, tags in a store cannot be matched to anything, which is the point if the database leaks; it also
/// means a lost key makes the store useless (docs/store.md).
/// </summary>
internal sealed class StoreKey
{
    private const string Header = "tracemark-store-key-v1";

    private StoreKey(byte[] secret, string path)
    {
        Secret = secret;
        Path = path;
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, secret);
        hmac.AppendData("tracemark key check"u8);
        Check = Convert.ToHexStringLower(hmac.GetHashAndReset().AsSpan(0, 16));
    }

    public byte[] Secret { get; }

    public string Path { get; }

    /// <summary>
    /// A keyed fingerprint stored in the database, so a store opened with the wrong key file is refused
    /// instead of answering "nothing known" for everything.
    /// </summary>
    public string Check { get; }

    public static bool Exists(string path) => File.Exists(path);

    /// <summary>Reads the key file; a clear <see cref="StoreException"/> when it is unreadable or not a key.</summary>
    public static StoreKey Load(string path) => Load(path, Header);

    /// <summary>Reads a key file of another purpose (<paramref name="header"/> names it, e.g. the exposure key).</summary>
    public static StoreKey Load(string path, string header)
    {
        string text;
        try
        {
            text = File.ReadAllText(path, Encoding.ASCII).Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StoreException($"cannot read the key file {path}: {e.Message}");
        }

        var parts = text.Split(' ', 2);
        byte[]? secret = null;
        if (parts.Length == 2 && parts[0] == header)
        {
            try
            {
                secret = Convert.FromBase64String(parts[1]);
            }
            catch (FormatException)
            {
            }
        }

        if (secret is not { Length: 32 })
        {
            throw new StoreException($"{path} is not a Tracemark key file (expected '{header} <32 bytes in base64>')");
        }

        return new StoreKey(secret, path);
    }

    /// <summary>Creates a new key file readable by its owner only; refuses to overwrite one.</summary>
    public static StoreKey Create(string path) => Create(path, Header);

    /// <summary>Creates a key file of another purpose (see <see cref="Load(string, string)"/>).</summary>
    public static StoreKey Create(string path, string header)
    {
        var secret = RandomNumberGenerator.GetBytes(32);
        var folder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path));
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
        }

        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        try
        {
            using var stream = new FileStream(path, options);
            stream.Write(Encoding.ASCII.GetBytes($"{header} {Convert.ToBase64String(secret)}\n"));
            stream.Flush(flushToDisk: true);
        }
        catch (IOException e)
        {
            throw new StoreException($"cannot create the key file {path}: {e.Message}");
        }

        return new StoreKey(secret, path);
    }
}
