using Tracemark.Identifiers;

namespace Tracemark.Synthetic.Truth;

/// <summary>
/// Counts distinct persons the way a scanner links them: each person slot of a record is a node; nodes sharing a
/// valid resident ID or mobile number are one person; a slot with detectable personal data (a valid or masked item)
/// but neither key is a person on its own; a slot holding only mistyped values is no person. Because IDs and mobiles are unique per synthetic person, the components of one person are: the slots with
/// an ID, the slots with a mobile (one component if any slot has both), plus each keyless slot. Memory is a few
/// bytes per member of the population, whatever the number of records.
/// </summary>
internal sealed class PersonTally
{
    private const byte HasId = 1;
    private const byte HasMobile = 2;
    private const byte Linked = 4;

    private static readonly IdentifierKind[] DistinctKinds =
        [IdentifierKind.ResidentId, IdentifierKind.Mobile, IdentifierKind.BankCard, IdentifierKind.Email, IdentifierKind.Qq];

    private readonly byte[] _flags;
    private readonly byte[] _kinds;
    private long _keyless;

    public PersonTally(long population)
    {
        _flags = new byte[population];
        _kinds = new byte[population];
    }

    /// <summary>Adds one person slot of one record.</summary>
    public void AddSlot(long person, IEnumerable<TruthItem> slotItems)
    {
        var id = false;
        var mobile = false;
        var personal = false;
        foreach (var item in slotItems)
        {
            // Mistyped values are not detectable personal data; decoys are not personal at all.
            if (item.Status is ItemStatus.Decoy or ItemStatus.Invalid)
            {
                continue;
            }

            personal = true;
            if (item.Status != ItemStatus.Valid)
            {
                continue;
            }

            id |= item.Kind == IdentifierKind.ResidentId;
            mobile |= item.Kind == IdentifierKind.Mobile;
            var bit = Array.IndexOf(DistinctKinds, item.Kind);
            if (bit >= 0)
            {
                _kinds[person] |= (byte)(1 << bit);
            }
        }

        if (id || mobile)
        {
            _flags[person] |= (byte)((id ? HasId : 0) | (mobile ? HasMobile : 0) | (id && mobile ? Linked : 0));
        }
        else if (personal)
        {
            _keyless++;
        }
    }

    /// <summary>Adds another dataset's tally: flags and kinds are unions, keyless slots add up.</summary>
    public void Merge(PersonTally other)
    {
        for (var i = 0; i < _flags.Length; i++)
        {
            _flags[i] |= other._flags[i];
            _kinds[i] |= other._kinds[i];
        }

        _keyless += other._keyless;
    }

    /// <summary>Distinct persons so far.</summary>
    public long Persons()
    {
        var n = _keyless;
        foreach (var f in _flags)
        {
            n += (f & Linked) != 0 ? 1 : ((f & HasId) != 0 ? 1 : 0) + ((f & HasMobile) != 0 ? 1 : 0);
        }

        return n;
    }

    /// <summary>Distinct valid values per kind for the kinds unique per person.</summary>
    public Dictionary<string, long> Distinct()
    {
        var counts = new long[DistinctKinds.Length];
        foreach (var k in _kinds)
        {
            for (var b = 0; b < DistinctKinds.Length; b++)
            {
                if ((k & (1 << b)) != 0)
                {
                    counts[b]++;
                }
            }
        }

        return DistinctKinds.Select((kind, i) => (kind, i)).ToDictionary(t => t.kind.Code(), t => counts[t.i]);
    }
}
