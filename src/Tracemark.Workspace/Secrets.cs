using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Konscious.Security.Cryptography;

namespace Tracemark.Workspace;

/// <summary>
/// API tokens and passwords: only Argon2id hashes are stored (OWASP's minimum: 19 MiB, 2 passes, 1 lane). A token
/// is "tm_" + a 16-hex-digit id that finds its user + "_" + 43 characters of secret (32 random bytes).
/// </summary>
internal static class Secrets
{
    private const int MemoryKiB = 19 * 1024;
    private const int Passes = 2;

    public static string Hash(string secret)
    {
        var salt = RandomNumberGenerator.GetBytes(16);
        var hash = Derive(secret, salt, MemoryKiB, Passes);
        return string.Create(CultureInfo.InvariantCulture, $"argon2id$m={MemoryKiB},t={Passes},p=1${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}");
    }

    public static bool Verify(string secret, string stored)
    {
        var parts = stored.Split('$');
        if (parts.Length != 4 || parts[0] != "argon2id")
        {
            return false;
        }

        var settings = parts[1].Split(',').Select(p => p.Split('=')).ToDictionary(p => p[0], p => int.Parse(p[1], CultureInfo.InvariantCulture), StringComparer.Ordinal);
        var expected = Convert.FromBase64String(parts[3]);
        var actual = Derive(secret, Convert.FromBase64String(parts[2]), settings["m"], settings["t"]);
        return CryptographicOperations.FixedTimeEquals(expected, actual);
    }

    public static (string Id, string Token, string Secret) NewToken()
    {
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return (id, $"tm_{id}_{secret}", secret);
    }

    /// <summary>Splits a token into its id and secret; false for anything not shaped like one.</summary>
    public static bool TryParse(string token, out string id, out string secret)
    {
        id = secret = string.Empty;
        if (token.Length != 3 + 16 + 1 + 43 || !token.StartsWith("tm_", StringComparison.Ordinal) || token[19] != '_')
        {
            return false;
        }

        id = token[3..19];
        secret = token[20..];
        return id.All(char.IsAsciiHexDigitLower);
    }

    private static byte[] Derive(string secret, byte[] salt, int memory, int passes)
    {
        using var argon = new Argon2id(Encoding.UTF8.GetBytes(secret)) { Salt = salt, MemorySize = memory, Iterations = passes, DegreeOfParallelism = 1 };
        return argon.GetBytes(32);
    }
}
