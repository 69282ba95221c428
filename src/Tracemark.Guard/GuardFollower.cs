using Tracemark.Store;
using Tracemark.Store.GuardState;
using Tracemark.Store.Owner;

namespace Tracemark.Guard;

/// <summary>An alert raised by a follow run, with its key in the store's ledger.</summary>
public sealed record GuardRaised(string Key, GuardAlert Alert, string Json);

/// <summary>What one read of the followed log did: the alerts it raised, the rows it took, the rows it refused (with file and line), and whether more of the file is waiting.</summary>
public sealed record GuardPoll(IReadOnlyList<GuardRaised> Alerts, long Rows, IReadOnlyList<string> Problems, bool More);

/// <summary>
/// `tracemark guard --follow`: reads a growing access log as `tail -f` does and raises alerts as rows arrive. What it
/// keeps is in the store (<see cref="IGuardState"/>): every row it took (the journal), its position in the log, and
/// the alerts it raised. The engine is deterministic, so at start the imported history followed by the journal
/// rebuilds the state the last run had; the log is then read on from the stored position, so a restart neither
/// raises an alert twice nor misses a row. Rows, position and alerts of one read are committed together before the
/// alerts are handed out; an alert the last run raised but did not get to print is handed out again
/// (<see cref="Unprinted"/>).
/// </summary>
public sealed class GuardFollower : IDisposable
{
    // One read takes at most this much of the log, so memory stays bounded however far behind the follower starts.
    private const int MaxChunk = 8 << 20;

    private readonly IGuardState _state;
    private readonly GuardReplay.Owner _owner;
    private readonly GuardReplay.AccessLines _lines;
    private readonly GuardReplay.FileRows _rows;
    private readonly List<GuardAlert> _raised = [];
    private readonly string _path;
    private GuardCursor _cursor;
    private bool _header;
    private long _skipped;

    private readonly IGuardAlertCodec _codec;

    private GuardFollower(KnownLeakStore store, string path, IGuardAlertCodec codec, string? canaryFile, GuardOptions? options)
    {
        _codec = codec;
        _path = Path.GetFullPath(path);
        _state = store.GuardState;
        var problems = new List<string>();
        _owner = GuardReplay.Load(store, canaryFile, problems, options, _raised.Add);

        // The imported history teaches the baselines; its alerts are `tracemark guard`'s to print, not the follower's.
        GuardReplay.Feed(store, _owner, long.MinValue, long.MaxValue);
        HistoryEnd = _owner.Engine.LastTime;
        _raised.Clear();
        JournalRows = _state.Journal(r =>
        {
            _owner.Engine.Observe(_owner.Access(r));
            return true;
        });

        // Alerts of journalled rows are in the ledger (written with the rows); any that is not is recorded now.
        var ledger = _state.Alerts();
        var known = ledger.Select(e => e.Key).ToHashSet(StringComparer.Ordinal);
        var missing = _raised.Select(a => (Key: GuardAlertKey.Of(a), Json: codec.Write(a))).Where(a => !known.Contains(a.Key)).ToList();
        _state.Record(missing, printed: false);
        _raised.Clear();
        Unprinted = [.. ledger.Where(e => !e.Printed).Select(e => new GuardRaised(e.Key, codec.Read(e.Json), e.Json)), .. missing.Select(m => new GuardRaised(m.Key, codec.Read(m.Json), m.Json))];
        StartProblems = problems;
        _cursor = _state.Cursor(_path) ?? new GuardCursor(_path, 0, 0, 0);
        _lines = new GuardReplay.AccessLines(_path);
        _rows = new GuardReplay.FileRows(store, _path, []);
    }

    /// <summary>Rebuilds the guard from the store and takes up <paramref name="path"/> where the last run left it (its start when never followed).</summary>
    /// <param name="store">The store the owner's data was imported into; it also keeps the follower's state.</param>
    /// <param name="path">The growing access log (time,channel_id,customer_id,action,device,ip).</param>
    /// <param name="codec">Writes each alert's record for the ledger and reads it back.</param>
    /// <param name="canaryFile">Optional CSV of planted canary customers (as for `tracemark guard --canaries`).</param>
    /// <param name="options">Thresholds.</param>
    public static GuardFollower Start(KnownLeakStore store, string path, IGuardAlertCodec codec, string? canaryFile = null, GuardOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(codec);
        return new GuardFollower(store, path, codec, canaryFile, options);
    }

    /// <summary>Alerts raised before this start that no run printed (the last one stopped between committing and printing).</summary>
    public IReadOnlyList<GuardRaised> Unprinted { get; }

    /// <summary>Problems met loading the canary file.</summary>
    public IReadOnlyList<string> StartProblems { get; }

    /// <summary>Rows of earlier follow runs replayed from the journal at start.</summary>
    public long JournalRows { get; }

    /// <summary>The time of the last imported history row (Unix seconds; long.MinValue when none).</summary>
    public long HistoryEnd { get; }

    /// <summary>Where the follower is in the log.</summary>
    public GuardCursor Position => _cursor;

    /// <summary>Rows at the start of a log never followed before that were older than what the guard had already seen (the imported history), skipped.</summary>
    public long Skipped => _skipped;

    /// <summary>Records that a raised alert was printed, so a restart does not hand it out again.</summary>
    public void Printed(string key) => _state.Printed(key);

    /// <summary>
    /// Reads the complete lines appended since the last read (up to a bounded chunk; <see cref="GuardPoll.More"/> says
    /// whether more is waiting), feeds them to the guard and commits rows, position and alerts in one transaction. A
    /// line still being written (no line break yet, or inside quotes) waits for the next read. A file shorter than the
    /// position is a new log (rotated or truncated) and is read from its start.
    /// </summary>
    public GuardPoll Poll()
    {
        var problems = new List<string>();
        if (!File.Exists(_path))
        {
            return new GuardPoll([], 0, problems, false);
        }

        using var stream = GuardReplay.AccessLines.OpenRead(_path);
        var length = stream.Length;
        if (length < _cursor.Offset)
        {
            problems.Add($"{_path}: the file is now shorter ({length:N0} bytes) than where guard had read to ({_cursor.Offset:N0}): read as a new log from its start");
            _cursor = _cursor with { Offset = 0, Line = 0 };
            _header = false;
        }

        if (_cursor.Offset > 0 && !_header && !ReadHeader(stream))
        {
            return new GuardPoll([], 0, problems, false);
        }

        var take = (int)Math.Min(length - _cursor.Offset, MaxChunk);
        if (take <= 0)
        {
            return new GuardPoll([], 0, problems, false);
        }

        var buffer = new byte[take];
        stream.Position = _cursor.Offset;
        stream.ReadExactly(buffer);
        var end = Array.LastIndexOf(buffer, (byte)'\n');
        if (end < 0)
        {
            if (take < MaxChunk)
            {
                return new GuardPoll([], 0, problems, false); // a line still being written
            }

            // A "line" of 8 MB is not a log line: skipped so that the follower is not stuck on it.
            problems.Add($"{_path} line {_cursor.Line + 1}: longer than {MaxChunk:N0} bytes, skipped up to byte {_cursor.Offset + take:N0}");
            Commit(_cursor with { Offset = _cursor.Offset + take }, []);
            return new GuardPoll([], 0, problems, true);
        }

        var starts = new List<int> { 0 };
        for (var i = 0; i <= end; i++)
        {
            if (buffer[i] == '\n')
            {
                starts.Add(i + 1);
            }
        }

        var consumed = end + 1;
        var accepted = new List<ReplayRow>();
        var firstLine = _cursor.Line;
        using (var chunk = new MemoryStream(buffer, 0, end + 1, writable: false))
        {
            foreach (var record in _lines.Read(chunk, firstLine, header: _cursor.Offset == 0))
            {
                if (!record.Complete)
                {
                    consumed = starts[(int)(record.Line - firstLine - 1)]; // inside quotes still open: wait for the rest
                    break;
                }

                if (!_rows.TryRow(_lines, record, out var row))
                {
                    continue;
                }

                if (_cursor.Rows == 0 && accepted.Count == 0 && row.Time < _owner.Engine.LastTime)
                {
                    _skipped++; // the start of a log whose beginning was imported as history
                    continue;
                }

                if (!_owner.Engine.Observe(_owner.Access(row)))
                {
                    GuardReplay.Problem(problems, _path, record.Line, $"time {_lines.Field(record.Fields, "time")} is earlier than the row before: a log goes forward in time");
                    continue;
                }

                accepted.Add(row);
            }
        }

        _header |= _cursor.Offset == 0 && consumed > 0;
        problems.AddRange(_rows.TakeProblems());
        var lines = starts.Count(s => s > 0 && s <= consumed);
        var alerts = Commit(new GuardCursor(_path, _cursor.Offset + consumed, firstLine + lines, _cursor.Rows + accepted.Count), accepted);
        return new GuardPoll(alerts, accepted.Count, problems, _cursor.Offset < length);
    }

    public void Dispose() => _rows.Dispose();

    private List<GuardRaised> Commit(GuardCursor cursor, List<ReplayRow> rows)
    {
        var alerts = _raised.Select(a => new GuardRaised(GuardAlertKey.Of(a), a, _codec.Write(a))).ToList();
        _raised.Clear();
        _state.Advance(cursor, rows, [.. alerts.Select(a => (a.Key, a.Json))]);
        _cursor = cursor;
        return alerts;
    }

    // Resuming inside a log: its columns are on its first line.
    private bool ReadHeader(FileStream stream)
    {
        stream.Position = 0;
        var first = new List<byte>();
        int b;
        while ((b = stream.ReadByte()) >= 0 && b != '\n')
        {
            first.Add((byte)b);
        }

        if (b < 0)
        {
            return false;
        }

        first.Add((byte)'\n');
        using var header = new MemoryStream([.. first], writable: false);
        foreach (var unused in _lines.Read(header, 0, header: true))
        {
            // the header only: no records
        }

        _header = true;
        return true;
    }
}
