using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace Tracemark.Scanning.Analysis;

/// <summary>
/// A set of 64-bit values with open addressing and linear probing, split into 256 shards by the top bits of the
/// mixed value. Hand-written because HashSet&lt;ulong&gt; touches two cache lines per insert (bucket, then entry) and
/// spends about 20 bytes per value: with millions of distinct names and addresses it took 14 % of a scan (perf,
/// 2026-11-22). Here an insert is usually one cache line and a value costs 8–21 bytes. Shards grow one at a time, so
/// growing never holds an old and a new copy of the whole table (one table doubling held 1.5× its size at once).
/// Zero is kept in a flag so that an empty slot can be 0.
/// </summary>
internal sealed class LongSet
{
    private readonly ulong[]?[] _shards = new ulong[]?[Shards.Count];
    private readonly int[] _counts = new int[Shards.Count];
    private long _count;
    private bool _hasZero;

    public long Count => _count + (_hasZero ? 1 : 0);

    /// <summary>Bytes held by the slots.</summary>
    public long Bytes => _shards.Sum(s => (long)(s?.Length ?? 0) * sizeof(ulong));

    /// <summary>Every value, in no particular order.</summary>
    public IEnumerable<ulong> Values()
    {
        if (_hasZero)
        {
            yield return 0;
        }

        foreach (var slots in _shards)
        {
            if (slots is null)
            {
                continue;
            }

            foreach (var v in slots)
            {
                if (v != 0)
                {
                    yield return v;
                }
            }
        }
    }

    /// <summary>Adds a value; true when it was not there.</summary>
    public bool Add(ulong value)
    {
        if (value == 0)
        {
            var added = !_hasZero;
            _hasZero = true;
            return added;
        }

        var h = Mix(value);
        var s = Shards.Of(h);
        var slots = _shards[s] ??= new ulong[Shards.Initial];
        if ((_counts[s] + 1) * 4 > slots.Length * 3)
        {
            slots = Grow(s, slots);
        }

        var mask = slots.Length - 1;
        var i = (int)(h & (ulong)mask);
        while (true)
        {
            var at = slots[i];
            if (at == value)
            {
                return false;
            }

            if (at == 0)
            {
                slots[i] = value;
                _counts[s]++;
                _count++;
                return true;
            }

            i = (i + 1) & mask;
        }
    }

    /// <summary>Asks the processor to bring the slot where <paramref name="value"/> would go into the cache, so that
    /// an <see cref="Add"/> a few findings later does not wait for memory (a hint: nothing changes if it is wrong).</summary>
    public void Prefetch(ulong value)
    {
        var h = Mix(value);
        if (_shards[Shards.Of(h)] is { } slots)
        {
            Shards.Prefetch(ref slots[(int)(h & (ulong)(slots.Length - 1))]);
        }
    }

    private ulong[] Grow(int shard, ulong[] old)
    {
        var slots = new ulong[old.Length * 2];
        var mask = slots.Length - 1;
        foreach (var v in old)
        {
            if (v != 0)
            {
                var i = (int)(Mix(v) & (ulong)mask);
                while (slots[i] != 0)
                {
                    i = (i + 1) & mask;
                }

                slots[i] = v;
            }
        }

        _shards[shard] = slots;
        LargeTables.Released((long)old.Length * sizeof(ulong));
        return slots;
    }

    // Values are already hashes or dense digit keys; mixing spreads dense keys (consecutive mobiles) over slots.
    internal static ulong Mix(ulong x)
    {
        x ^= x >> 33;
        x *= 0xff51afd7ed558ccdUL;
        x ^= x >> 33;
        return x;
    }
}

/// <summary>
/// A map from 64-bit keys to dense indexes 0, 1, 2 … (open addressing in 256 shards; see <see cref="LongSet"/>). A
/// slot is the key and its index, 12 bytes; shards grow at 80 % load, so a key costs 15–30 bytes.
/// </summary>
internal sealed class LongIndex
{
    private readonly long[]?[] _keys = new long[]?[Shards.Count];
    private readonly int[]?[] _values = new int[]?[Shards.Count];
    private readonly int[] _counts = new int[Shards.Count];
    private int _zero = -1;

    public int Count { get; private set; }

    /// <summary>Bytes held by the slots.</summary>
    public long Bytes => _keys.Sum(k => (long)(k?.Length ?? 0) * (sizeof(long) + sizeof(int)));

    /// <summary>The index of <paramref name="key"/>, assigning the next one when new.</summary>
    public int GetOrAdd(long key)
    {
        // 0 marks an empty slot; the key 0 itself (never a scan's key, which carries a kind tag) is kept aside.
        if (key == 0)
        {
            return _zero >= 0 ? _zero : _zero = Count++;
        }

        var h = LongSet.Mix((ulong)key);
        var s = Shards.Of(h);
        var keys = _keys[s];
        if (keys is null)
        {
            keys = _keys[s] = new long[Shards.Initial];
            _values[s] = new int[Shards.Initial];
        }

        if ((_counts[s] + 1) * 5 > keys.Length * 4)
        {
            keys = Grow(s, keys, _values[s]!);
        }

        var values = _values[s]!;
        var mask = keys.Length - 1;
        var i = (int)(h & (ulong)mask);
        while (true)
        {
            var at = keys[i];
            if (at == key)
            {
                return values[i];
            }

            if (at == 0)
            {
                keys[i] = key;
                values[i] = Count;
                _counts[s]++;
                return Count++;
            }

            i = (i + 1) & mask;
        }
    }

    /// <summary>Every key with its index.</summary>
    public IEnumerable<(long Key, int Index)> Entries()
    {
        if (_zero >= 0)
        {
            yield return (0, _zero);
        }

        for (var s = 0; s < Shards.Count; s++)
        {
            if (_keys[s] is not { } keys)
            {
                continue;
            }

            var values = _values[s]!;
            for (var i = 0; i < keys.Length; i++)
            {
                if (keys[i] != 0)
                {
                    yield return (keys[i], values[i]);
                }
            }
        }
    }

    /// <summary>Brings the slot of <paramref name="key"/> into the cache ahead of a <see cref="GetOrAdd"/> (see
    /// <see cref="LongSet.Prefetch"/>).</summary>
    public void Prefetch(long key)
    {
        var h = LongSet.Mix((ulong)key);
        var s = Shards.Of(h);
        if (_keys[s] is { } keys)
        {
            var i = (int)(h & (ulong)(keys.Length - 1));
            Shards.Prefetch(ref keys[i]);
            Shards.Prefetch(ref _values[s]![i]);
        }
    }

    private long[] Grow(int shard, long[] oldKeys, int[] oldValues)
    {
        var keys = new long[oldKeys.Length * 2];
        var values = new int[keys.Length];
        var mask = keys.Length - 1;
        for (var j = 0; j < oldKeys.Length; j++)
        {
            if (oldKeys[j] == 0)
            {
                continue;
            }

            var i = (int)(LongSet.Mix((ulong)oldKeys[j]) & (ulong)mask);
            while (keys[i] != 0)
            {
                i = (i + 1) & mask;
            }

            keys[i] = oldKeys[j];
            values[i] = oldValues[j];
        }

        _keys[shard] = keys;
        _values[shard] = values;
        LargeTables.Released((long)oldKeys.Length * (sizeof(long) + sizeof(int)));
        return keys;
    }
}

/// <summary>Shard choice for the hash tables: the top 8 bits of the mixed value (the low bits pick the slot).</summary>
internal static class Shards
{
    public const int Count = 256;

    public const int Initial = 16;

    public static int Of(ulong mixed) => (int)(mixed >> 56);

    // Tables of millions of slots do not fit in the cache: an insert at a random slot waited about 100 ns for memory,
    // and these waits were the largest single cost of the aggregation thread (LongSet.Add 6 %, LongIndex 4 % of a JSON
    // Lines scan, issue 16). Prefetching a few findings ahead overlaps the waits. No library offers a prefetch.
    public static unsafe void Prefetch<T>(ref T slot)
    {
        if (Sse.IsSupported)
        {
            Sse.Prefetch0(Unsafe.AsPointer(ref slot));
        }
    }
}

/// <summary>
/// Growable arrays in fixed chunks of 64 K elements: growing adds a chunk and never copies, so a table of a few
/// hundred million nodes never holds two copies at once.
/// </summary>
internal sealed class ChunkedArray<T>
    where T : struct
{
    private const int Bits = 16;
    private const int Mask = (1 << Bits) - 1;
    private T[][] _chunks = [];
    private int _allocated;

    public ref T this[int index] => ref _chunks[index >> Bits][index & Mask];

    /// <summary>Makes index <paramref name="index"/> addressable.</summary>
    public void Ensure(int index)
    {
        var chunk = index >> Bits;
        if (chunk < _allocated)
        {
            return;
        }

        if (chunk >= _chunks.Length)
        {
            // Only the directory of chunk references doubles (8 bytes a chunk).
            Array.Resize(ref _chunks, Math.Max(chunk + 1, _chunks.Length * 2));
        }

        for (; _allocated <= chunk; _allocated++)
        {
            _chunks[_allocated] = new T[1 << Bits];
        }
    }

    public long Bytes => (long)_allocated * (1 << Bits) * System.Runtime.CompilerServices.Unsafe.SizeOf<T>();
}

/// <summary>
/// Returns grown tables' old arrays to the system once they add up: without a collection the garbage of every
/// earlier size stays mapped and peak memory approaches twice the live tables (measured: 3.9 GB for 50 million
/// distinct mobiles before tables were sharded).
/// </summary>
internal static class LargeTables
{
    private const long Threshold = 64L << 20;
    private static long _released;

    public static void Released(long bytes)
    {
        if (Interlocked.Add(ref _released, bytes) >= Threshold)
        {
            Interlocked.Exchange(ref _released, 0);
            GC.Collect(2, GCCollectionMode.Forced, blocking: true);
        }
    }
}
