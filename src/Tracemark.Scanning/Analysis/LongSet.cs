namespace Tracemark.Scanning.Analysis;

/// <summary>
/// A set of 64-bit values with open addressing and linear probing. Hand-written because HashSet&lt;ulong&gt; touches
/// two cache lines per insert (bucket, then entry) and spends about 20 bytes per value: with millions of distinct
/// names and addresses it took 14 % of a scan (perf, 2026-11-22). Here an insert is usually one cache line and a
/// value costs 8–16 bytes. Zero is kept in a flag so that an empty slot can be 0.
/// </summary>
internal sealed class LongSet
{
    private ulong[] _slots = new ulong[1024];
    private int _count;
    private bool _hasZero;

    public long Count => _count + (_hasZero ? 1 : 0);

    /// <summary>Adds a value; true when it was not there.</summary>
    public bool Add(ulong value)
    {
        if (value == 0)
        {
            var added = !_hasZero;
            _hasZero = true;
            return added;
        }

        if ((_count + 1) * 4 > _slots.Length * 3)
        {
            Grow();
        }

        return Insert(_slots, value);
    }

    private bool Insert(ulong[] slots, ulong value)
    {
        var mask = slots.Length - 1;
        var i = (int)(Mix(value) & (ulong)mask);
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
                _count++;
                return true;
            }

            i = (i + 1) & mask;
        }
    }

    private void Grow()
    {
        var old = _slots;
        _slots = new ulong[old.Length * 2];
        _count = 0;
        foreach (var v in old)
        {
            if (v != 0)
            {
                Insert(_slots, v);
            }
        }

        LargeTables.Released(old.Length);
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

/// <summary>A map from 64-bit keys to dense indexes 0, 1, 2 … (open addressing; see <see cref="LongSet"/>).</summary>
internal sealed class LongIndex
{
    private long[] _keys = new long[1024];
    private int[] _values = new int[1024];
    private bool[] _used = new bool[1024];

    public int Count { get; private set; }

    /// <summary>The index of <paramref name="key"/>, assigning the next one when new.</summary>
    public int GetOrAdd(long key)
    {
        if ((Count + 1) * 4 > _keys.Length * 3)
        {
            Grow();
        }

        var mask = _keys.Length - 1;
        var i = (int)(LongSet.Mix((ulong)key) & (ulong)mask);
        while (_used[i])
        {
            if (_keys[i] == key)
            {
                return _values[i];
            }

            i = (i + 1) & mask;
        }

        _used[i] = true;
        _keys[i] = key;
        _values[i] = Count;
        return Count++;
    }

    /// <summary>Every key with its index.</summary>
    public IEnumerable<(long Key, int Index)> Entries()
    {
        for (var i = 0; i < _keys.Length; i++)
        {
            if (_used[i])
            {
                yield return (_keys[i], _values[i]);
            }
        }
    }

    private void Grow()
    {
        var keys = _keys;
        var values = _values;
        var used = _used;
        _keys = new long[keys.Length * 2];
        _values = new int[keys.Length * 2];
        _used = new bool[keys.Length * 2];
        var mask = _keys.Length - 1;
        for (var j = 0; j < keys.Length; j++)
        {
            if (!used[j])
            {
                continue;
            }

            var i = (int)(LongSet.Mix((ulong)keys[j]) & (ulong)mask);
            while (_used[i])
            {
                i = (i + 1) & mask;
            }

            _used[i] = true;
            _keys[i] = keys[j];
            _values[i] = values[j];
        }

        LargeTables.Released(keys.Length);
    }
}

/// <summary>
/// Returns a grown table's old arrays to the system at once. Large tables double, so without a collection the
/// garbage of every earlier size stays mapped and peak memory approaches twice the live tables (measured: 3.9 GB
/// for 50 million distinct mobiles).
/// </summary>
internal static class LargeTables
{
    private const int Threshold = 1 << 22;

    public static void Released(int oldLength)
    {
        if (oldLength >= Threshold)
        {
            GC.Collect(2, GCCollectionMode.Forced, blocking: true);
        }
    }
}
