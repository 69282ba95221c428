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
    public static StoreKey Load(string path)
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
        if (parts.Length == 2 && parts[0] == Header)
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
            throw new StoreException($"{path} is not a Tracemark key file (expected '{Header} <32 bytes in base64>')");
        }

        return new StoreKey(secret, path);
    }

    /// <summary>Creates a new key file readable by its owner only; refuses to overwrite one.</summary>
    public static StoreKey Create(string path)
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
            stream.Write(Encoding.ASCII.GetBytes($"{Header} {Convert.ToBase64String(secret)}\n"));
            stream.Flush(flushToDisk: true);
        }
        catch (IOException e)
        {
            throw new StoreException($"cannot create the key file {path}: {e.Message}");
        }

        return new StoreKey(secret, path);
    }
}
