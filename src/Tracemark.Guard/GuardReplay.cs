using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using System.Text;
using Tracemark.Store;
using Tracemark.Store.Owner;
using Tracemark.Store.Tags;
using Masking = Tracemark.Identifiers.Masking;

namespace Tracemark.Guard;

/// <summary>What a guard run did: its alerts, the rows it read, and the rows it could not use (with file and line).</summary>
public sealed record GuardResult(IReadOnlyList<GuardAlert> Alerts, long Rows, IReadOnlyList<string> Problems)
{
    /// <summary>Each channel's daily activity, when the replay was asked to keep it (for <see cref="GuardReport"/>).</summary>
    internal GuardActivity? Activity { get; init; }

    /// <summary>The channels the replay knew, in the engine's order.</summary>
    internal IReadOnlyList<GuardChannel> Channels { get; init; } = [];

    /// <summary>Each channel's masked name for the report (<see cref="GuardReplay.Pseudonyms"/>), when the replay was asked to keep its activity.</summary>
    internal IReadOnlyDictionary<string, string> Pseudonyms { get; init; } = new Dictionary<string, string>();
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
        return new GuardResult(owner.Engine.Alerts, rows, problems) { Activity = activity, Channels = owner.Engine.ChannelList, Pseudonyms = report ? Pseudonyms(store, owner.Engine.ChannelList) : new Dictionary<string, string>() };
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
        using var rowsOf = new SpanRows(store, owner, path, problems);
        using var stream = AccessLines.OpenRead(path);
        using var reader = new AccessBytes(stream, path);
        var header = reader.ReadHeader();
        rowsOf.Columns(reader);

        // This thread parses, the engine's thread detects (Feed); the time order is checked here, where the line is
        // known, so the engine never refuses a row.
        var rows = header ? Feed(owner.Engine, sink => Parse(reader, rowsOf, sink, path, problems, from, to)) : 0;

        owner.Engine.Finish();
        return new GuardResult(owner.Engine.Alerts, rows, problems) { Activity = activity, Channels = owner.Engine.ChannelList, Pseudonyms = report ? Pseudonyms(store, owner.Engine.ChannelList) : new Dictionary<string, string>() };
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static long Parse(AccessBytes reader, SpanRows rowsOf, RowSink sink, string path, List<string> problems, long from, long to)
    {
        long taken = 0;
        var last = long.MinValue;
        while (reader.Next())
        {
            if (!rowsOf.TryRow(reader, out var row) || row.Time < from || row.Time >= to)
            {
                continue;
            }

            if (row.Time < last)
            {
                Problem(problems, path, reader.Line, $"time {Encoding.UTF8.GetString(reader.Field(rowsOf.TimeColumn))} is earlier than the row before: a log goes forward in time");
                continue;
            }

            last = row.Time;
            sink.Add(row);
            taken++;
        }

        return taken;
    }

    /// <summary>
    /// Feeds the imported history to the engine on two cores: this thread reads the store and turns names into numbers,
    /// the engine runs on another (<see cref="Feed(GuardEngine, Func{RowSink, long})"/>). Returns the rows read.
    /// </summary>
    internal static long Feed(KnownLeakStore store, Owner owner, long from, long until) =>
        Feed(owner.Engine, sink => store.OwnerData.ReplaySpans(from, until, (in ReplaySpanRow r) =>
        {
            sink.Add(owner.Access(r));
            return true;
        }));

    /// <summary>
    /// Runs <paramref name="produce"/> on this thread and the engine on another, rows passed in batches through a
    /// bounded queue (memory bounded by the queue, not the history; time order kept: one producer, one consumer).
    /// Alerts are raised on the engine's thread. Returns what <paramref name="produce"/> returns.
    /// </summary>
    internal static long Feed(GuardEngine engine, Func<RowSink, long> produce)
    {
        using var sink = new RowSink(engine);
        long read = 0;
        try
        {
            read = produce(sink);
            sink.Complete();
        }
        catch (OperationCanceledException) when (sink.Failed is not null)
        {
            // the engine failed: its exception is thrown below
        }
        catch
        {
            sink.Abort();
            throw;
        }
        finally
        {
            sink.Join();
        }

        if (sink.Failed is not null)
        {
            ExceptionDispatchInfo.Capture(sink.Failed).Throw();
        }

        return read;
    }

    /// <summary>The producer's end of <see cref="Feed(GuardEngine, Func{RowSink, long})"/>: rows added here reach the engine in order.</summary>
    internal sealed class RowSink : IDisposable
    {
        private const int BatchSize = 4096;
        private readonly CancellationTokenSource _stop = new();
        private readonly BlockingCollection<(GuardAccess[] Rows, int Count)> _full = new(boundedCapacity: 8);
        private readonly BlockingCollection<GuardAccess[]> _free = [];
        private readonly Thread _consumer;
        private GuardAccess[] _batch;
        private int _n;

        public RowSink(GuardEngine engine)
        {
            for (var i = 0; i < 10; i++)
            {
                _free.Add(new GuardAccess[BatchSize]);
            }

            _batch = _free.Take();
            _consumer = new Thread(() =>
            {
                try
                {
                    foreach (var (rows, count) in _full.GetConsumingEnumerable(_stop.Token))
                    {
                        Observe(engine, rows, count);
                        _free.Add(rows);
                    }
                }
                catch (OperationCanceledException) when (_stop.IsCancellationRequested)
                {
                    // the producer failed
                }
                catch (Exception e)
                {
                    Failed = e;
                    _stop.Cancel();
                }
            })
            { IsBackground = true, Name = "guard engine" };
            _consumer.Start();
        }

        // Optimised at once: a replay is one long run, and the rows must not wait for the JIT's tiers.
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private static void Observe(GuardEngine engine, GuardAccess[] rows, int count)
        {
            for (var i = 0; i < count; i++)
            {
                engine.Observe(rows[i]);
            }
        }

        /// <summary>The engine's exception, when it failed.</summary>
        public Exception? Failed { get; private set; }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Add(in GuardAccess row)
        {
            _batch[_n++] = row;
            if (_n == BatchSize)
            {
                _full.Add((_batch, _n), _stop.Token);
                _batch = _free.Take(_stop.Token);
                _n = 0;
            }
        }

        public void Complete()
        {
            if (_n > 0)
            {
                _full.Add((_batch, _n), _stop.Token);
                _n = 0;
            }

            _full.CompleteAdding();
        }

        public void Abort() => _stop.Cancel();

        public void Join() => _consumer.Join();

        public void Dispose()
        {
            _stop.Dispose();
            _full.Dispose();
            _free.Dispose();
        }
    }

    /// <summary>
    /// Masked account names that an analyst can still tell apart: the first and last two characters, as every masked
    /// identifier shows them, then a keyed tag of the whole name (emp-05-04 → em*****04#3f9a). The tag is made with the
    /// store's key, so it is the same in every report from this store, and a guessed name cannot be checked against it
    /// without the key. The tag is lengthened until no two accounts share a masked name.
    /// </summary>
    internal static Dictionary<string, string> Pseudonyms(KnownLeakStore store, IReadOnlyList<GuardChannel> channels)
    {
        using var tagger = store.CreateTagger();
        var tags = channels.Select(c => (c.Name, Tag: tagger.MakeLabeled("guard-account", c.Name).ToString())).DistinctBy(t => t.Name, StringComparer.Ordinal).ToList();
        for (var length = 4; ; length += 2)
        {
            var masked = tags.ToDictionary(t => t.Name, t => $"{Masking.MaskUnknown(t.Name)}#{t.Tag[..length]}", StringComparer.Ordinal);
            if (masked.Values.Distinct(StringComparer.Ordinal).Count() == masked.Count || length + 2 > tags.Min(t => t.Tag.Length))
            {
                return masked;
            }
        }
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
        private readonly Dictionary<byte[], int> _devices = Utf8Keys.Map();
        private readonly Dictionary<byte[], int> _ips = Utf8Keys.Map();

        public Owner(GuardEngine engine, Dictionary<long, int> channels) => (Engine, _channels) = (engine, channels);

        public GuardEngine Engine { get; }

        public int Channel(long id) => _channels.TryGetValue(id, out var c) ? c : -1;

        // Devices and addresses are numbered as they come; the engine only compares them.
        public int Device(string? name) => Number(_devices, name);

        public int Ip(string? name) => Number(_ips, name);

        public GuardAccess Access(in ReplayRow r) => new(r.Time, Channel(r.Channel), (int)r.Customer, Action(r.Action), Device(r.Device), Ip(r.Ip));

        /// <summary>A device or IP address from a log's bytes (empty: not given).</summary>
        public int Device(ReadOnlySpan<byte> utf8) => utf8.IsEmpty ? 0 : Number(_devices, utf8);

        public int Ip(ReadOnlySpan<byte> utf8) => utf8.IsEmpty ? 0 : Number(_ips, utf8);

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public GuardAccess Access(in ReplaySpanRow r) => new(r.Time, Channel(r.Channel), (int)r.Customer, Action(r.Action), r.HasDevice ? Number(_devices, r.Device) : 0, r.HasIp ? Number(_ips, r.Ip) : 0);

        // Keyed by the name's UTF-8 bytes, so the database's and a log's bytes are looked up as they are: a name
        // already numbered (nearly every row) allocates nothing and is not decoded.
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private static int Number(Dictionary<byte[], int> map, ReadOnlySpan<byte> utf8)
        {
            var lookup = map.GetAlternateLookup<ReadOnlySpan<byte>>();
            if (lookup.TryGetValue(utf8, out var n))
            {
                return n;
            }

            n = map.Count + 1;
            lookup[utf8] = n;
            return n;
        }

        private static int Number(Dictionary<byte[], int> map, string? name) => name is null ? 0 : Number(map, Utf8Keys.Of(name));
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
    /// <see cref="FileRows"/> on <see cref="AccessBytes"/>: an access file's records straight to the engine's rows, names
    /// looked up from their bytes (a name already seen allocates nothing), the same problems listed in the same words.
    /// </summary>
    internal sealed class SpanRows : IDisposable
    {
        private readonly Dictionary<Tag, long> _customers;
        private readonly Tagger _tagger;
        private readonly Dictionary<string, int> _channels = new(StringComparer.Ordinal);
        // A name's bytes as the log has them → channel and customer numbers: each distinct name is decoded and looked
        // up (a customer by its keyed tag) once.
        private readonly Dictionary<byte[], int> _channelBytes = Utf8Keys.Map();
        private readonly Dictionary<byte[], int> _customerBytes = Utf8Keys.Map();
        private readonly Owner _owner;
        private readonly string _path;
        private readonly List<string> _problems;
        private int _channel;
        private int _customer;
        private int _action;
        private int _device;
        private int _ip;

        public SpanRows(KnownLeakStore store, Owner owner, string path, List<string> problems)
        {
            _customers = store.OwnerData.CustomerIds();
            _tagger = store.CreateTagger();
            foreach (var (name, id) in store.OwnerData.ChannelIds())
            {
                _channels[name] = owner.Channel(id);
            }

            (_owner, _path, _problems) = (owner, path, problems);
        }

        public int TimeColumn { get; private set; }

        public void Columns(AccessBytes reader)
        {
            (TimeColumn, _channel, _customer) = (reader.Column("time"), reader.Column("channel_id"), reader.Column("customer_id"));
            (_action, _device, _ip) = (reader.Column("action"), reader.Column("device"), reader.Column("ip"));
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public bool TryRow(AccessBytes reader, out GuardAccess row)
        {
            row = default;
            var line = reader.Line;
            if (reader.TooLong)
            {
                Problem(_problems, _path, line, "longer than any access row: skipped up to the next line");
                return false;
            }

            if (!reader.Complete)
            {
                Problem(_problems, _path, line, "truncated line (the file ends inside it)");
                return false;
            }

            if (reader.Count < reader.Width)
            {
                Problem(_problems, _path, line, $"{reader.Count} fields where the header has {reader.Width}: truncated line");
                return false;
            }

            var channelBytes = reader.Field(_channel);
            var channels = _channelBytes.GetAlternateLookup<ReadOnlySpan<byte>>();
            if (!channels.TryGetValue(channelBytes, out var channel))
            {
                var name = Encoding.UTF8.GetString(channelBytes).Trim();
                channel = _channels.TryGetValue(name, out var c) ? c : -1;
                if (channel < 0)
                {
                    Problem(_problems, _path, line, $"channel '{name}' is not in the imported channels");
                    return false;
                }

                channels[channelBytes] = channel;
            }

            var idBytes = reader.Field(_customer);
            var customers = _customerBytes.GetAlternateLookup<ReadOnlySpan<byte>>();
            if (!customers.TryGetValue(idBytes, out var customer))
            {
                var id = Encoding.UTF8.GetString(idBytes).Trim();
                customer = _customers.TryGetValue(_tagger.MakeLabeled("customer", id), out var c) ? (int)c : -1;
                if (customer >= 0)
                {
                    customers[idBytes] = customer; // only the imported customers: a file of unknown ids is not kept
                }
            }

            if (customer < 0)
            {
                Problem(_problems, _path, line, "customer_id is not in the imported customers");
                return false;
            }

            var timeBytes = reader.Field(TimeColumn);
            if (!AccessTime.TryParse(timeBytes, out var time))
            {
                Problem(_problems, _path, line, $"time '{Encoding.UTF8.GetString(timeBytes)}' is not an ISO 8601 date and time");
                return false;
            }

            row = new GuardAccess(time, channel, customer, Action(reader.Field(_action)), _owner.Device(reader.Field(_device)), _owner.Ip(reader.Field(_ip)));
            return true;
        }

        public void Dispose() => _tagger.Dispose();
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
