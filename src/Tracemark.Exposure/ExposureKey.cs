using System.Text;
using Tracemark.Exposure.Crypto;
using Tracemark.Store;
using Tracemark.Store.Tags;

namespace Tracemark.Exposure;

/// <summary>
/// The OPRF server's secret: a 32-byte seed in a key file (mode 0600) kept out of the published folder. Each epoch's
/// key pair is derived from it (RFC 9497 DeriveKeyPair, info "tracemark exposure epoch N"), so rotating the key is
/// publishing under a new epoch; the seed itself never leaves the machine that publishes and serves.
/// </summary>
internal sealed class ExposureKey
{
    private const string Header = "tracemark-exposure-key-v1";

    private readonly byte[] _seed;

    private ExposureKey(byte[] seed, string path)
    {
        _seed = seed;
        Path = path;
    }

    public string Path { get; }

    /// <summary>$TRACEMARK_EXPOSURE_KEY, else exposure.key in Tracemark's data folder.</summary>
    public static string DefaultPath()
    {
        var env = Environment.GetEnvironmentVariable("TRACEMARK_EXPOSURE_KEY");
        return string.IsNullOrWhiteSpace(env) ? System.IO.Path.Combine(StoreLocation.DataFolder(), "exposure.key") : env;
    }

    /// <summary>Loads the key file; creates it when <paramref name="create"/> and it does not exist yet.</summary>
    public static ExposureKey Open(string path, bool create)
    {
        byte[] seed;
        try
        {
            seed = File.Exists(path) ? KeyFile.Read(path, Header)
                : create ? KeyFile.Create(path, Header)
                : throw new StoreException($"no exposure key at {path}: publish creates it (or give --exposure-key FILE)");
        }
        catch (StoreException e)
        {
            throw new ExposureException(e.Message);
        }

        return new ExposureKey(seed, path);
    }

    /// <summary>The VOPRF key pair of an epoch.</summary>
    public KeyPair ForEpoch(int epoch)
    {
        var secret = new byte[OprfSuite.ScalarBytes];
        var pub = new byte[OprfSuite.ElementBytes];
        OprfSuite.Voprf.DeriveKeyPair(_seed, Encoding.ASCII.GetBytes($"tracemark exposure epoch {epoch}"), secret, pub);
        return new KeyPair(secret, pub);
    }
}

/// <summary>An epoch's VOPRF key pair (scalar and element, RFC 9497 serialization).</summary>
internal sealed record KeyPair(byte[] Secret, byte[] Public);

/// <summary>A problem with the exposure index, key or service, in plain words.</summary>
public sealed class ExposureException(string message) : Exception(message);
