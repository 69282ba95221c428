using System.Text;
using Tracemark.Identifiers;
using Tracemark.Synthetic.Output;
using Tracemark.Synthetic.Truth;

namespace Tracemark.Synthetic.Shapes;

/// <summary>A kind of leak file: its content, file name, format and encoding.</summary>
internal abstract class LeakShape
{
    public abstract string Name { get; }

    public abstract string FileName { get; }

    public abstract string Format { get; }

    public abstract Encoding Encoding { get; }

    /// <summary>Person slots per record (a courier record holds a sender and a recipient).</summary>
    public virtual int Slots => 1;

    /// <summary>Writes <see cref="ShapeRun.Records"/> records to <paramref name="output"/>.</summary>
    public abstract void Write(Stream output, ShapeRun run);
}

/// <summary>Everything a shape needs while writing one dataset, and the bookkeeping of truth and counts.</summary>
internal sealed class ShapeRun(
    Population population,
    ulong seed,
    int dataset,
    long records,
    double noise,
    Action<RecordTruth>? truth,
    PersonTally tally,
    Action<long>? progress)
{
    private readonly Dictionary<(string Status, string Kind), long> _counts = [];

    public long Records => records;

    public Population Population => population;

    public long Written { get; private set; }

    public IReadOnlyDictionary<(string Status, string Kind), long> Counts => _counts;

    /// <summary>Starts record <paramref name="index"/> (0-based) of this dataset with persons drawn for each slot.</summary>
    public RecordContext Begin(long index, int slots, Encoding encoding, long? samePersonAs = null)
    {
        var rng = new SynthRandom(seed, 200 + (ulong)dataset, (ulong)index);
        var persons = new SyntheticPerson[slots];
        for (var s = 0; s < slots; s++)
        {
            // Draws with replacement from the shared population: people repeat within and across files.
            var key = samePersonAs ?? index;
            var pick = new SynthRandom(seed, 300 + (ulong)dataset, ((ulong)key * 8) + (ulong)s);
            persons[s] = population.Get(pick.NextLong(population.Size));
        }

        return new RecordContext(rng, persons, noise, encoding.CodePage == 936);
    }

    /// <summary>Records the truth of a finished record and counts it.</summary>
    public void Commit(RecordContext record, string source, long recordNumber)
    {
        truth?.Invoke(new RecordTruth(source, recordNumber, [.. record.Persons.Select(p => p.Index)], record.Items));
        for (var s = 0; s < record.Persons.Length; s++)
        {
            var slot = s;
            var items = record.Items.Where(i => i.Slot == slot).ToList();
            tally.AddSlot(record.Persons[s].Index, items);
        }

        foreach (var item in record.Items)
        {
            var key = (item.Status.ToString().ToLowerInvariant(), item.Kind.Code());
            _counts[key] = _counts.GetValueOrDefault(key) + 1;
        }

        Written++;
        if ((Written & 1023) == 0)
        {
            progress?.Invoke(1024);
        }
    }

    public void Finish() => progress?.Invoke(Written & 1023);
}

/// <summary>One record being generated: its people, random stream and truth items.</summary>
internal sealed class RecordContext(SynthRandom rng, SyntheticPerson[] persons, double noise, bool gbk)
{
    private SynthRandom _rng = rng;

    public SyntheticPerson[] Persons { get; } = persons;

    public List<TruthItem> Items { get; } = [];

    public ref SynthRandom Rng => ref _rng;

    /// <summary>The person's identifier of <paramref name="kind"/>, disfigured by noise; null when it went missing.</summary>
    public string? Id(int slot, IdentifierKind kind, string? field, double? noiseRate = null)
    {
        var canonical = Canonical(Persons[slot], kind);
        if (canonical is null)
        {
            return null;
        }

        var outcome = Noise.Apply(kind, canonical, noiseRate ?? noise, ref _rng);
        if (outcome is not { } o)
        {
            return null;
        }

        Items.Add(new TruthItem(field, o.Kind, o.Value, o.Written, o.Status, slot));
        return o.Written;
    }

    /// <summary>A valid identifier written as is: record-level (slot -1, e.g. a waybill) or of a person slot.</summary>
    public string Item(IdentifierKind kind, string? field, string value, int slot = -1)
    {
        Items.Add(new TruthItem(field, kind, value, value, ItemStatus.Valid, slot));
        return value;
    }

    /// <summary>A decoy under a header that says what it is; the truth keeps the look-alike it contains.</summary>
    public string Decoy(string? field, Decoys.Decoy decoy)
    {
        Items.Add(new TruthItem(field, decoy.Imitates, decoy.LooksLike, decoy.Written, ItemStatus.Decoy, -1));
        return decoy.Written;
    }

    /// <summary>Free text made safe for the file's encoding.</summary>
    public string Text(string s) => gbk ? TextEncodings.FitGbk(s) : s;

    private string? Canonical(SyntheticPerson p, IdentifierKind kind) => kind switch
    {
        IdentifierKind.ResidentId => p.ResidentId,
        IdentifierKind.Mobile => p.Mobile,
        IdentifierKind.BankCard => p.BankCard,
        IdentifierKind.Email => p.Email,
        IdentifierKind.Qq => p.Qq,
        IdentifierKind.Name => p.Name,
        IdentifierKind.Address => Text(p.Address),
        IdentifierKind.VehiclePlate => p.Plate,
        IdentifierKind.Landline => p.Landline,
        IdentifierKind.Passport => p.Passport,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "synthetic people have no such identifier"),
    };
}
