using Tracemark.Store.Backends;
using Tracemark.Store.Tags;

namespace Tracemark.Store.Owner;

/// <summary>One channel of the owner's channels file.</summary>
public sealed record ChannelRow(string Name, string Kind, string? Unit, string? ActiveFrom, string? ActiveTo);

/// <summary>
/// One customer: the keyed tag of its customer number and of each valid identifier, with its line in the file, and
/// the unit (outlet/route path) that serves it when the file says.
/// </summary>
public sealed record CustomerRow(long Line, Tag Key, IReadOnlyList<Tag> Identifiers, string? Unit = null);

/// <summary>One access row as a replay reads it, in time order: who (channel id) saw whom (customer id), when (Unix seconds), how, from where.</summary>
public readonly record struct ReplayRow(long Time, long Channel, long Customer, string Action, string? Device, string? Ip);

/// <summary>
/// One access row as the fast replay hands it over: the text fields are the database's UTF-8 bytes, valid only during
/// the call (nothing is allocated per row). A device or IP the row does not give is empty with its flag false.
/// </summary>
public readonly ref struct ReplaySpanRow(long time, long channel, long customer, ReadOnlySpan<byte> action, ReadOnlySpan<byte> device, bool hasDevice, ReadOnlySpan<byte> ip, bool hasIp)
{
    public long Time { get; } = time;

    public long Channel { get; } = channel;

    public long Customer { get; } = customer;

    public ReadOnlySpan<byte> Action { get; } = action;

    public ReadOnlySpan<byte> Device { get; } = device;

    public bool HasDevice { get; } = hasDevice;

    public ReadOnlySpan<byte> Ip { get; } = ip;

    public bool HasIp { get; } = hasIp;
}

/// <summary>Takes one row of a fast replay; false stops it.</summary>
public delegate bool ReplaySpanHandler(in ReplaySpanRow row);

/// <summary>A canary to register: its own key tag and the tags of its identifiers.</summary>
public sealed record CanaryRow(Tag Key, IReadOnlyList<Tag> Identifiers);

/// <summary>A file being imported: remembered by its SHA-256 so the same file again changes nothing.</summary>
public sealed record ImportFile(string ContentHash, string Name, string Kind);

/// <summary>One of the owner's channels as stored.</summary>
public sealed record OwnerChannel(long Id, string Name, string Kind, string? Unit);

/// <summary>An access row: which customer, which channel, when, and the device used.</summary>
public readonly record struct Access(long Customer, long Time, string? Device);

/// <summary>One access row as the import keeps it.</summary>
public readonly record struct AccessRow(long Customer, long Channel, long Time, string Action, string? Device, string? Ip) : IComparable<AccessRow>
{
    public int CompareTo(AccessRow other)
    {
        var c = Customer.CompareTo(other.Customer);
        if (c == 0)
        {
            c = Channel.CompareTo(other.Channel);
        }

        return c != 0 ? c : Time.CompareTo(other.Time);
    }

    public static bool operator <(AccessRow left, AccessRow right) => left.CompareTo(right) < 0;

    public static bool operator <=(AccessRow left, AccessRow right) => left.CompareTo(right) <= 0;

    public static bool operator >(AccessRow left, AccessRow right) => left.CompareTo(right) > 0;

    public static bool operator >=(AccessRow left, AccessRow right) => left.CompareTo(right) >= 0;
}

/// <summary>Per (customer, channel): first and last access and how many.</summary>
internal readonly record struct ReachRow(long Customer, long Channel, long First, long Last, long Accesses);

/// <summary>
/// Reach rows parked in a temporary file while the access rows are copied: PostgreSQL takes one COPY at a time per
/// connection, and merging the sorted runs a second time to produce them again cost 20 s at 11 M rows.
/// </summary>
internal sealed class ReachSpool : IDisposable
{
    private readonly FileStream _file = new(Path.Combine(Path.GetTempPath(), $"tracemark-reach-{Guid.NewGuid():N}"), FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
    private readonly BinaryWriter _writer;
    private long _rows;

    public ReachSpool() => _writer = new BinaryWriter(_file);

    public void Add(ReachRow row)
    {
        _writer.Write(row.Customer);
        _writer.Write(row.Channel);
        _writer.Write(row.First);
        _writer.Write(row.Last);
        _writer.Write(row.Accesses);
        _rows++;
    }

    public void CopyTo(IBulkWriter bulk)
    {
        _writer.Flush();
        _file.Position = 0;
        using var reader = new BinaryReader(_file, System.Text.Encoding.UTF8, leaveOpen: true);
        var row = new object?[5];
        for (var i = 0L; i < _rows; i++)
        {
            (row[0], row[1], row[2], row[3], row[4]) = (reader.ReadInt64(), reader.ReadInt64(), reader.ReadInt64(), reader.ReadInt64(), reader.ReadInt64());
            bulk.Add(row);
        }
    }

    public void Dispose() => _writer.Dispose();
}
