using System.Reflection;
using System.Runtime.InteropServices;

namespace Tracemark.Exposure.Crypto;

/// <summary>
/// The libsodium functions the OPRF needs, bound by P/Invoke: no NuGet wrapper restores here, and Debian's
/// <c>libsodium23</c> ships only the versioned file name, so a resolver finds it. Every secret-dependent step
/// (scalar multiplication, scalar arithmetic, comparisons) goes through these constant-time functions.
/// </summary>
internal static partial class Sodium
{
    private const string Library = "sodium";

    static Sodium()
    {
        NativeLibrary.SetDllImportResolver(typeof(Sodium).Assembly, Resolve);
        if (sodium_init() < 0)
        {
            throw new InvalidOperationException("libsodium could not be initialised.");
        }
    }

    /// <summary>Forces the library to load now, so a missing libsodium is reported before any work starts.</summary>
    public static void EnsureLoaded() => _ = crypto_core_ristretto255_bytes();

    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? path)
    {
        if (name != Library)
        {
            return IntPtr.Zero;
        }

        foreach (var candidate in new[] { "libsodium.so.23", "libsodium.so.26", "libsodium.so", "libsodium.dylib", "libsodium" })
        {
            if (NativeLibrary.TryLoad(candidate, assembly, path, out var handle))
            {
                return handle;
            }
        }

        throw new DllNotFoundException("libsodium is not installed: install the Debian package libsodium23 (apt-get install libsodium23).");
    }

    [LibraryImport(Library)]
    private static partial int sodium_init();

    [LibraryImport(Library)]
    private static partial nuint crypto_core_ristretto255_bytes();

    [LibraryImport(Library)]
    public static partial int crypto_core_ristretto255_from_hash(Span<byte> p, ReadOnlySpan<byte> r);

    [LibraryImport(Library)]
    public static partial int crypto_core_ristretto255_is_valid_point(ReadOnlySpan<byte> p);

    [LibraryImport(Library)]
    public static partial int crypto_core_ristretto255_add(Span<byte> r, ReadOnlySpan<byte> p, ReadOnlySpan<byte> q);

    [LibraryImport(Library)]
    public static partial int crypto_scalarmult_ristretto255(Span<byte> q, ReadOnlySpan<byte> n, ReadOnlySpan<byte> p);

    [LibraryImport(Library)]
    public static partial int crypto_scalarmult_ristretto255_base(Span<byte> q, ReadOnlySpan<byte> n);

    [LibraryImport(Library)]
    public static partial void crypto_core_ristretto255_scalar_random(Span<byte> r);

    [LibraryImport(Library)]
    public static partial int crypto_core_ristretto255_scalar_invert(Span<byte> recip, ReadOnlySpan<byte> s);

    [LibraryImport(Library)]
    public static partial void crypto_core_ristretto255_scalar_add(Span<byte> z, ReadOnlySpan<byte> x, ReadOnlySpan<byte> y);

    [LibraryImport(Library)]
    public static partial void crypto_core_ristretto255_scalar_sub(Span<byte> z, ReadOnlySpan<byte> x, ReadOnlySpan<byte> y);

    [LibraryImport(Library)]
    public static partial void crypto_core_ristretto255_scalar_mul(Span<byte> z, ReadOnlySpan<byte> x, ReadOnlySpan<byte> y);

    [LibraryImport(Library)]
    public static partial void crypto_core_ristretto255_scalar_reduce(Span<byte> r, ReadOnlySpan<byte> s);

    [LibraryImport(Library)]
    public static partial int sodium_memcmp(ReadOnlySpan<byte> b1, ReadOnlySpan<byte> b2, nuint len);

    [LibraryImport(Library)]
    public static partial int sodium_is_zero(ReadOnlySpan<byte> n, nuint nlen);

    [LibraryImport(Library)]
    public static partial void sodium_memzero(Span<byte> pnt, nuint len);
}
