namespace Tracemark.People;

/// <summary>
/// Small, fast, seedable generator (SplitMix64). Every value Synthetic produces comes from a generator seeded by
/// (seed, stream, index), so a record's content depends only on those numbers: output is identical whatever the
/// order or thread it is produced on, and nothing has to be remembered between records.
/// </summary>
public struct SynthRandom
{
    private ulong _state;

    public SynthRandom(ulong seed) => _state = seed;

    public SynthRandom(ulong seed, ulong stream, ulong index) => _state = Mix(Mix(seed ^ Mix(stream + 0x9E3779B97F4A7C15UL)) ^ index);

    public ulong NextULong()
    {
        _state += 0x9E3779B97F4A7C15UL;
        return Mix(_state);
    }

    /// <summary>Uniform in [0, max).</summary>
    public int Next(int max) => (int)((NextULong() >> 33) * (ulong)max >> 31);

    /// <summary>Uniform in [min, max).</summary>
    public int Next(int min, int max) => min + Next(max - min);

    /// <summary>Uniform in [0, max) for large ranges.</summary>
    public long NextLong(long max) => (long)(NextULong() % (ulong)max);

    public double NextDouble() => (NextULong() >> 11) * (1.0 / (1UL << 53));

    public bool Chance(double p) => NextDouble() < p;

    public T Pick<T>(IReadOnlyList<T> items) => items[Next(items.Count)];

    /// <summary>One of <paramref name="items"/>, for choices written in place (no array per call).</summary>
    public T PickOf<T>(params ReadOnlySpan<T> items) => items[Next(items.Length)];

    public static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
