namespace Tracemark.People;

/// <summary>
/// A keyed permutation of [0, domain): a balanced Feistel network on the smallest even-bit-width power of two
/// covering the domain, with cycle-walking back into range. Used to give each person unique identifiers
/// (distinct indexes map to distinct values) without keeping a set of those already issued.
/// </summary>
internal sealed class Feistel
{
    private const int Rounds = 4;
    private readonly long _domain;
    private readonly int _halfBits;
    private readonly ulong _halfMask;
    private readonly ulong[] _keys;

    public Feistel(long domain, ulong key)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(domain, 2);
        _domain = domain;
        var bits = 64 - System.Numerics.BitOperations.LeadingZeroCount((ulong)(domain - 1));
        _halfBits = (bits + 1) / 2;
        _halfMask = (1UL << _halfBits) - 1;
        _keys = new ulong[Rounds];
        for (var i = 0; i < Rounds; i++)
        {
            _keys[i] = SynthRandom.Mix(key + (ulong)i + 1);
        }
    }

    public long Domain => _domain;

    public long Permute(long value)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(value);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(value, _domain);
        var x = (ulong)value;
        do
        {
            x = Round(x);
        }
        while (x >= (ulong)_domain);

        return (long)x;
    }

    private ulong Round(ulong x)
    {
        var left = x >> _halfBits;
        var right = x & _halfMask;
        foreach (var k in _keys)
        {
            var f = SynthRandom.Mix(right ^ k) & _halfMask;
            (left, right) = (right, left ^ f);
        }

        return (left << _halfBits) | right;
    }
}
