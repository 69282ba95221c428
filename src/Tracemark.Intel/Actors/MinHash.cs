namespace Tracemark.Intel.Actors;

/// <summary>
/// MinHash signatures of a post's character 3-grams (the post's own words: handles and long numbers blanked, digits
/// folded to 0, spaces and punctuation dropped), so reposts of one ad with a new price or contact still match; banded for locality-sensitive lookup (8 bands of 4 rows: pairs
/// at Jaccard 0.8 share a band with probability 0.98, pairs at 0.4 with 0.19, and candidates are then checked).
/// </summary>
internal static class MinHash
{
    public const int Hashes = 32;
    public const int Bands = 8;
    public const int Rows = Hashes / Bands;

    /// <summary>Shortest normalized text worth comparing (handles and long numbers are already blanked out): short
    /// formulaic ads ("出四件套 1200一套") are alike across sellers by accident; the same long ad is not.</summary>
    public const int MinLength = 40;

    /// <summary>Shortest text signed at all: a short ad is compared only with the ads of a renumbered contact
    /// (<see cref="ActorLinker"/>), where the contact, not the text alone, says who it may be.</summary>
    public const int MinShortLength = 16;

    private static readonly ulong[] Seeds = MakeSeeds();

    /// <summary>The signature of a text of at least <see cref="MinLength"/> characters (normalized), or null.</summary>
    public static uint[]? Signature(ReadOnlySpan<char> text) => Signature(text, out var shortText) is { } s && !shortText ? s : null;

    /// <summary>The signature of a text of at least <see cref="MinShortLength"/> characters; <paramref name="shortText"/>
    /// says it is shorter than <see cref="MinLength"/>.</summary>
    public static uint[]? Signature(ReadOnlySpan<char> text, out bool shortText)
    {
        shortText = false;
        Span<char> norm = text.Length <= 2048 ? stackalloc char[text.Length] : new char[text.Length];
        var n = 0;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c) || char.IsPunctuation(c) || char.IsSymbol(c))
            {
                continue;
            }

            norm[n++] = char.IsAsciiDigit(c) ? '0' : char.ToLowerInvariant(c);
        }

        if (n < MinShortLength)
        {
            return null;
        }

        shortText = n < MinLength;

        var signature = new uint[Hashes];
        signature.AsSpan().Fill(uint.MaxValue);
        for (var i = 0; i + 3 <= n; i++)
        {
            var shingle = Mix(norm[i] | ((ulong)norm[i + 1] << 16) | ((ulong)norm[i + 2] << 32));
            for (var h = 0; h < Hashes; h++)
            {
                // One hash, many permutations: multiply-xorshift with a per-row seed.
                var v = (uint)(((shingle ^ Seeds[h]) * 0x9E3779B97F4A7C15UL) >> 32);
                if (v < signature[h])
                {
                    signature[h] = v;
                }
            }
        }

        return signature;
    }

    public static double Similarity(uint[] a, uint[] b)
    {
        var same = 0;
        for (var i = 0; i < Hashes; i++)
        {
            same += a[i] == b[i] ? 1 : 0;
        }

        return same / (double)Hashes;
    }

    public static ulong BandKey(uint[] signature, int band)
    {
        var key = (ulong)band;
        for (var i = band * Rows; i < (band + 1) * Rows; i++)
        {
            key = Mix(key ^ signature[i]);
        }

        return key;
    }

    private static ulong Mix(ulong z)
    {
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private static ulong[] MakeSeeds()
    {
        var seeds = new ulong[Hashes];
        var x = 0x243F6A8885A308D3UL;
        for (var i = 0; i < seeds.Length; i++)
        {
            x += 0x9E3779B97F4A7C15UL;
            var z = x;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            seeds[i] = z ^ (z >> 31);
        }

        return seeds;
    }
}
