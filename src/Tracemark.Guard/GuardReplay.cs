using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.ExceptionServices;
using System.Text;
using Tracemark.Store;
using Tracemark.Store.Owner;
using Tracemark.Store.Tags;

namespace Tracemark.Guard;

/// <summary>What a guard run did: its alerts, the rows it read, and the rows it could not use (with file and line).</summary>
public sealed record GuardResult(IReadOnlyList<GuardAlert> Alerts, long Rows, IReadOnlyList<string> Problems)
{
    /// <summary>Each channel's daily activity, when the replay was asked to keep it (for <see cref="GuardReport"/>).</summary>
    internal GuardActivity? Activity { get; init; }

    /// <summary>The channels the replay knew, in the engine's order.</summary>
    internal IReadOnlyList<GuardChannel> Channels { get; init; } = [];
}

/// <summary>
/// `tracemark guard`: replays the owner's access history from the store (docs/owner-data.md) in time order — or an
/// access file as it stands — through a <see cref="GuardEngine"/>. Channels, customers' units and canaries come from
/// the store; the store holds customer numbers as keyed tags only, so a file's customers are matched by tag.
/// </summary>
public static class GuardReplay
{
    private const int MaxProblems = 100;

    /// <summary>The imported history between <paramref name="since"/> and <paramref name="until"/> (both optional).</summary>
    /// <param name="store">The store the owner's data was imported into.</param>
    /// <param name="since">First time replayed; the whole history when null (alerts need the history before them to have baselines).</param>
    /// <param name="until">Replay stops before this time.</param>
    /// <param name="canaryFile">Optional CSV with a customer_id column: customers planted as canaries (besides those `tracemark canary issue` registered).</param>
    /// <param name="options">Thresholds.</param>
    /// <param name="raised">Called as each alert is raised.</param>
    /// <param name="report">Also keep each channel's daily activity, for <see cref="GuardReport"/>.</param>
    public static GuardResult FromStore(KnownLeakStore store, DateTimeOffset? since = null, DateTimeOffset? until = null, string? canaryFile = null, GuardOptions? options = null, Action<GuardAlert>? raised = null, bool report = false)
    {
        ArgumentNullException.ThrowIfNull(store);
        var problems = new List<string>();
        var owner = Load(store, canaryFile, problems, options, raised);
        var activity = report ? owner.Engine.KeepActivity() : null;
        var rows = Feed(store, owner, since?.ToUnixTimeSeconds() ?? long.MinValue, until?.ToUnixTimeSeconds() ?? long.MaxValue);
        owner.Engine.Finish();
        return new GuardResult(owner.Engine.Alerts, rows, problems) { Activity = activity, Channels = owner.Engine.ChannelList };
    }

    /// <summary>
    /// An access file (time,channel_id,customer_id,action,device,ip) read in its own order against the store's channels
    /// and customers, as a running guard reads a log: rows naming an unknown channel or customer, rows earlier than the
    /// one before, and truncated or unreadable lines are listed with their line and skipped.
    /// </summary>
    public static GuardResult FromFile(KnownLeakStore store, string path, DateTimeOffset? since = null, DateTimeOffset? until = null, string? canaryFile = null, GuardOptions? options = null, Action<GuardAlert>? raised = null, bool report = false)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(path);
        var problems = new List<string>();
        var owner = Load(store, canaryFile, problems, options, raised);
        var activity = report ? owner.Engine.KeepActivity() : null;
        var from = since?.ToUnixTimeSeconds() ?? long.MinValue;
        var to = until?.ToUnixTimeSeconds() ?? long.MaxValue;
        using var rowsOf = new FileRows(store, path, problems);
        long rows = 0;
        var reader = new AccessLines(path);
        foreach (var record in reader.Read())
        {
            if (!rowsOf.TryRow(reader, record, out var row) || row.Time < from || row.Time >= to)
            {
                continue;
            }

            if (!owner.Engine.Observe(owner.Access(row)))
            {
                Problem(problems, path, record.Line, $"time {reader.Field(record.Fields, "time")} is earlier than the row before: a log goes forward in time");
                continue;
            }

            rows++;
        }

        owner.Engine.Finish();
        return new GuardResult(owner.Engine.Alerts, rows, problems) { Activity = activity, Channels = owner.Engine.ChannelList };
    }

    /// <summary>
    /// Feeds the imported history to the engine on two cores: this thread reads the store and turns names into numbers,
    /// another runs the engine, in batches through a bounded queue (memory bounded by the queue, not the history).
    /// Alerts are raised on the engine's thread. Returns the rows read.
    /// </summary>
    internal static long Feed(KnownLeakStore store, Owner owner, long from, long until)
    {
        const int BatchSize = 4096;
        using var stop = new CancellationTokenSource();
        using var full = new BlockingCollection<(GuardAccess[] Rows, int Count)>(boundedCapacity: 8);
        using var free = new BlockingCollection<GuardAccess[]>();
        for (var i = 0; i < 10; i++)
        {
            free.Add(new GuardAccess[BatchSize]);
        }

        Exception? failed = null;
        var engine = owner.Engine;
        var consumer = new Thread(() =>
        {
            try
            {
                foreach (var (rows, count) in full.GetConsumingEnumerable(stop.Token))
                {
                    for (var i = 0; i < count; i++)
                    {
                        engine.Observe(rows[i]);
                    }

                    free.Add(rows);
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                // the reader failed
            }
            catch (Exception e)
            {
                failed = e;
                stop.Cancel();
            }
        })
        { IsBackground = true, Name = "guard engine" };
        consumer.Start();
        var batch = free.Take();
        var n = 0;
        long read = 0;
        try
        {
            read = store.OwnerData.ReplaySpans(from, until, (in ReplaySpanRow r) =>
            {
                batch[n++] = owner.Access(r);
                if (n == BatchSize)
                {
                    full.Add((batch, n), stop.Token);
                    batch = free.Take(stop.Token);
                    n = 0;
                }

                return true;
            });
            if (n > 0)
            {
                full.Add((batch, n), stop.Token);
            }

            full.CompleteAdding();
        }
        catch (OperationCanceledException) when (failed is not null)
        {
            // the engine failed: its exception is thrown below
        }
        catch
        {
            stop.Cancel();
            throw;
        }
        finally
        {
            consumer.Join();
        }

        if (failed is not null)
        {
            ExceptionDispatchInfo.Capture(failed).Throw();
        }

        return read;
    }

    private static string? Nullable(string text) => text.Length == 0 ? null : text;

    internal static void Problem(List<string> problems, string path, long line, string what)
    {
        if (problems.Count < MaxProblems)
        {
            problems.Add($"{path} line {line}: {what}");
        }
    }

    private static GuardAction Action(string text) => text.Trim().ToLowerInvariant() switch
    {
        "search" => GuardAction.Search,
        "export" => GuardAction.Export,
        "print" => GuardAction.Print,
        "api" => GuardAction.Api,
        _ => GuardAction.View,
    };

    private static GuardAction Action(ReadOnlySpan<byte> utf8)
    {
        var text = utf8[Ascii.Trim(utf8)];
        return Ascii.EqualsIgnoreCase(text, "view"u8) ? GuardAction.View
            : Ascii.EqualsIgnoreCase(text, "search"u8) ? GuardAction.Search
            : Ascii.EqualsIgnoreCase(text, "export"u8) ? GuardAction.Export
            : Ascii.EqualsIgnoreCase(text, "print"u8) ? GuardAction.Print
            : Ascii.EqualsIgnoreCase(text, "api"u8) ? GuardAction.Api
            : GuardAction.View;
    }

    /// <summary>The store's channels, units and canaries as a fresh engine, with the id maps a replay needs.</summary>
    internal sealed class Owner
    {
        private readonly Dictionary<long, int> _channels;
        private readonly Dictionary<string, int> _devices = new(StringComparer.Ordinal);
        private readonly Dictionary<string, int> _ips = new(StringComparer.Ordinal);

        public Owner(GuardEngine engine, Dictionary<long, int> channels) => (Engine, _channels) = (engine, channels);

        public GuardEngine Engine { get; }

        public int Channel(long id) => _channels.TryGetValue(id, out var c) ? c : -1;

        // Devices and addresses are numbered as they come; the engine only compares them.
        public int Device(string? name) => Number(_devices, name);

        public int Ip(string? name) => Number(_ips, name);

        public GuardAccess Access(in ReplayRow r) => new(r.Time, Channel(r.Channel), (int)r.Customer, Action(r.Action), Device(r.Device), Ip(r.Ip));

        public GuardAccess Access(in ReplaySpanRow r) => new(r.Time, Channel(r.Channel), (int)r.Customer, Action(r.Action), r.HasDevice ? Number(_devices, r.Device) : 0, r.HasIp ? Number(_ips, r.Ip) : 0);

        // The same numbering from the database's bytes: decoded on the stack and looked up by span, so a name already
        // numbered allocates nothing (nearly every row).
        private static int Number(Dictionary<string, int> map, ReadOnlySpan<byte> utf8)
        {
            if (utf8.Length > 128)
            {
                return Number(map, Encoding.UTF8.GetString(utf8));
            }

            Span<char> chars = stackalloc char[128];
            var length = Encoding.UTF8.GetChars(utf8, chars);
            var lookup = map.GetAlternateLookup<ReadOnlySpan<char>>();
            if (lookup.TryGetValue(chars[..length], out var n))
            {
                return n;
            }

            n = map.Count + 1;
            map[new string(chars[..length])] = n;
            return n;
        }

        private static int Number(Dictionary<string, int> map, string? name)
        {
            if (name is null)
            {
                return 0;
            }

            if (!map.TryGetValue(name, out var n))
            {
                n = map.Count + 1;
                map[name] = n;
            }

            return n;
        }
    }

    internal static Owner Load(KnownLeakStore store, string? canaryFile, List<string> problems, GuardOptions? options, Action<GuardAlert>? raised)
    {
        var data = store.OwnerData;
        var stored = data.Channels().OrderBy(c => c.Id).ToList();
        var index = stored.Select((c, i) => (c.Id, i)).ToDictionary(p => p.Id, p => p.i);
        var units = new List<string?>();
        data.CustomerUnits((customer, unit) =>
        {
            while (units.Count <= customer)
            {
                units.Add(null);
            }

            units[(int)customer] = unit;
        });
        var canaries = data.Canaries().Where(c => index.ContainsKey(c.Value)).ToDictionary(c => (int)c.Key, c => index[c.Value]);
        if (canaryFile is not null)
        {
            foreach (var (customer, channel) in CanaryFile(store, canaryFile, problems))
            {
                canaries[customer] = channel is { } name && stored.FindIndex(c => c.Name == name) is >= 0 and var i ? i : -1;
            }
        }

        var engine = new GuardEngine([.. stored.Select(c => new GuardChannel(c.Name, c.Kind, c.Unit))], units, canaries, options, raised);
        return new Owner(engine, index);
    }

    // customer_id[,channel_id]: the owner's customer numbers of planted canaries, matched by tag.
    private static List<(int Customer, string? Channel)> CanaryFile(KnownLeakStore store, string path, List<string> problems)
    {
        var customers = store.OwnerData.CustomerIds();
        using var tagger = store.CreateTagger();
        var reader = new AccessLines(path, "customer_id");
        var found = new List<(int Customer, string? Channel)>();
        foreach (var (line, fields, complete) in reader.Read())
        {
            var id = reader.Field(fields, "customer_id");
            if (!complete || id.Length == 0)
            {
                Problem(problems, path, line, "no customer_id");
                continue;
            }

            if (!customers.TryGetValue(tagger.MakeLabeled("customer", id), out var customer))
            {
                Problem(problems, path, line, "customer_id is not in the imported customers");
                continue;
            }

            found.Add(((int)customer, Nullable(reader.Field(fields, "channel_id"))));
        }

        return found;
    }

    /// <summary>
    /// Turns an access file's records into rows as the store holds them (store channel and customer ids, action, device
    /// and IP as given), listing each record that names an unknown channel or customer, has too few fields, is cut off or
    /// has no readable time.
    /// </summary>
    internal sealed class FileRows : IDisposable
    {
        private readonly Dictionary<Tag, long> _customers;
        private readonly Tagger _tagger;
        private readonly Dictionary<string, long> _channels;
        private readonly Dictionary<string, int> _customerOf = new(StringComparer.Ordinal);
        private readonly string _path;
        private readonly List<string> _problems;

        public FileRows(KnownLeakStore store, string path, List<string> problems)
        {
            _customers = store.OwnerData.CustomerIds();
            _tagger = store.CreateTagger();
            _channels = store.OwnerData.ChannelIds();
            (_path, _problems) = (path, problems);
        }

        public bool TryRow(AccessLines reader, (long Line, List<string> Fields, bool Complete) record, out ReplayRow row)
        {
            row = default;
            var (line, fields, complete) = record;
            if (!complete)
            {
                Problem(_problems, _path, line, "truncated line (the file ends inside it)");
                return false;
            }

            if (fields.Count < reader.Width)
            {
                Problem(_problems, _path, line, $"{fields.Count} fields where the header has {reader.Width}: truncated line");
                return false;
            }

            var channelName = reader.Field(fields, "channel_id");
            if (!_channels.TryGetValue(channelName, out var channel))
            {
                Problem(_problems, _path, line, $"channel '{channelName}' is not in the imported channels");
                return false;
            }

            var id = reader.Field(fields, "customer_id");
            if (!_customerOf.TryGetValue(id, out var customer))
            {
                customer = _customers.TryGetValue(_tagger.MakeLabeled("customer", id), out var c) ? (int)c : -1;
                _customerOf[id] = customer;
            }

            if (customer < 0)
            {
                Problem(_problems, _path, line, "customer_id is not in the imported customers");
                return false;
            }

            var timeText = reader.Field(fields, "time");
            if (!DateTimeOffset.TryParse(timeText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time))
            {
                Problem(_problems, _path, line, $"time '{timeText}' is not an ISO 8601 date and time");
                return false;
            }

            row = new ReplayRow(time.ToUnixTimeSeconds(), channel, customer, reader.Field(fields, "action"), Nullable(reader.Field(fields, "device")), Nullable(reader.Field(fields, "ip")));
            return true;
        }

        /// <summary>The problems listed since the last call (a follower reports them read by read).</summary>
        public List<string> TakeProblems()
        {
            var taken = new List<string>(_problems);
            _problems.Clear();
            return taken;
        }

        public void Dispose() => _tagger.Dispose();
    }

    /// <summary>
    /// A small CSV reader for access logs: UTF-8, a header line, comma-separated fields with RFC 4180 quotes. A last
    /// line without its line break, or one ending inside quotes, is reported as truncated: a log being written stops
    /// mid-line.
    /// </summary>
    internal sealed class AccessLines
    {
        private readonly string _path;
        private readonly string[] _required;
        private Dictionary<string, int> _columns = new(StringComparer.OrdinalIgnoreCase);

        public AccessLines(string path, params string[] required)
        {
            _path = path;
            _required = required.Length == 0 ? ["time", "channel_id", "customer_id", "action"] : required;
        }

        public int Width { get; private set; }

        public string Field(List<string> fields, string name) => _columns.TryGetValue(name, out var i) && i < fields.Count ? fields[i].Trim() : string.Empty;

        public IEnumerable<(long Line, List<string> Fields, bool Complete)> Read()
        {
            using var stream = OpenRead(_path);
            foreach (var record in Read(stream, 0, header: true))
            {
                yield return record;
            }
        }

        /// <summary>The records of <paramref name="stream"/>, whose first line is line <paramref name="line"/> + 1 of the file; with <paramref name="header"/>, that line is the header.</summary>
        public IEnumerable<(long Line, List<string> Fields, bool Complete)> Read(Stream stream, long line, bool header)
        {
            using var text = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, leaveOpen: true);
            var first = header;
            while (ReadRecord(text, ref line) is { } record)
            {
                if (first)
                {
                    first = false;
                    _columns = record.Fields.Select((h, i) => (h.Trim(), i)).GroupBy(p => p.Item1, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First().i, StringComparer.OrdinalIgnoreCase);
                    Width = record.Fields.Count;
                    var missing = _required.Where(r => !_columns.ContainsKey(r)).ToList();
                    if (missing.Count > 0)
                    {
                        throw new StoreException($"{_path} line 1: missing column(s) {string.Join(", ", missing)}");
                    }

                    continue;
                }

                if (record.Fields.Count == 1 && record.Fields[0].Length == 0 && record.Complete)
                {
                    continue; // a blank line
                }

                yield return (record.Line, record.Fields, record.Complete);
            }
        }

        internal static FileStream OpenRead(string path)
        {
            try
            {
                return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1 << 16, FileOptions.SequentialScan);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new StoreException($"{path}: cannot be read ({e.Message})");
            }
        }

        private static (long Line, List<string> Fields, bool Complete)? ReadRecord(StreamReader text, ref long line)
        {
            if (text.Peek() < 0)
            {
                return null;
            }

            line++;
            var start = line;
            var fields = new List<string>();
            var field = new StringBuilder();
            var quoted = false;
            while (true)
            {
                var ch = text.Read();
                if (ch < 0)
                {
                    fields.Add(field.ToString());
                    return (start, fields, false);
                }

                if (quoted)
                {
                    if (ch == '"')
                    {
                        if (text.Peek() == '"')
                        {
                            text.Read();
                            field.Append('"');
                        }
                        else
                        {
                            quoted = false;
                        }
                    }
                    else
                    {
                        if (ch == '\n')
                        {
                            line++;
                        }

                        field.Append((char)ch);
                    }

                    continue;
                }

                switch (ch)
                {
                    case '"' when field.Length == 0:
                        quoted = true;
                        break;
                    case ',':
                        fields.Add(field.ToString());
                        field.Clear();
                        break;
                    case '\r':
                        break;
                    case '\n':
                        fields.Add(field.ToString());
                        return (start, fields, true);
                    default:
                        field.Append((char)ch);
                        break;
                }
            }
        }
    }
}
