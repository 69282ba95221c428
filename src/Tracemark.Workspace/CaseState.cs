using System.Globalization;
using System.Security.Cryptography;
using Tracemark.Identifiers;
using Tracemark.Scanning;
using Tracemark.Store;
using Tracemark.Store.Tags;

namespace Tracemark.Workspace;

/// <summary>
/// What a case's next job needs so that it scans only the new files: the scan part of every file merged so far (keyed
/// tags and counts, no identifier; see <see cref="ScanPart"/>), the ids of those files, and — when a known-leak store
/// is set — the distinct store tags of the case's identifiers, so the comparison covers every file without reading
/// one again. Kept beside the evidence (mode 0600), written whole to a temporary file and renamed into place, so a
/// job that stops half-way leaves the previous state.
/// </summary>
internal sealed class CaseState
{
    private const string Magic = "TMCASE1";

    public CaseState(IReadOnlyCollection<long> files, ScanPart? part, IReadOnlyList<StoreTag> tags)
    {
        Files = files;
        Part = part;
        Tags = tags;
    }

    /// <summary>The files merged so far.</summary>
    public IReadOnlyCollection<long> Files { get; }

    /// <summary>Their merged scan, or null before the first.</summary>
    public ScanPart? Part { get; }

    /// <summary>Sorted, distinct store tags of their identifiers (empty without a store).</summary>
    public IReadOnlyList<StoreTag> Tags { get; }

    public static CaseState Empty { get; } = new([], null, []);

    public static string PathOf(WorkspaceOptions options, long caseId) => Path.Combine(options.Data, "results", $"case-{caseId.ToString(CultureInfo.InvariantCulture)}.state");

    /// <summary>The secret the parts' tags are made with: 32 random bytes made on first use, readable by the server only.</summary>
    public static byte[] Key(WorkspaceOptions options)
    {
        var path = Path.Combine(options.Data, "workspace.key");
        if (File.Exists(path))
        {
            var key = File.ReadAllBytes(path);
            return key.Length == 32 ? key : throw new IOException($"{path}: the workspace key must be 32 bytes, not {key.Length}; restore it from a backup (without it, cases are scanned again from their files)");
        }

        Directory.CreateDirectory(options.Data);
        var fresh = RandomNumberGenerator.GetBytes(32);
        using (var file = Secret(path + ".new"))
        {
            file.Write(fresh);
        }

        File.Move(path + ".new", path, overwrite: false);
        return fresh;
    }

    internal static FileStream Secret(string path)
    {
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        return new FileStream(path, options);
    }

    /// <summary>The case's state, or <see cref="Empty"/> when it has none (or one this server cannot read: its files are scanned again).</summary>
    public static CaseState Load(WorkspaceOptions options, long caseId, byte[] key)
    {
        var path = PathOf(options, caseId);
        if (!File.Exists(path))
        {
            return Empty;
        }

        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
            using var r = new BinaryReader(file);
            // A state made under another key (the key file was replaced) would not link with new parts.
            if (r.ReadString() != Magic || !r.ReadBytes(8).AsSpan().SequenceEqual(Fingerprint(key)))
            {
                return Empty;
            }

            var files = new List<long>();
            for (var n = r.ReadInt32(); n > 0; n--)
            {
                files.Add(r.ReadInt64());
            }

            var tags = new StoreTag[r.ReadInt32()];
            for (var i = 0; i < tags.Length; i++)
            {
                tags[i] = new StoreTag(new Tag(r.ReadUInt64(), r.ReadUInt64()), r.ReadByte());
            }

            return new CaseState(files, ScanPart.Read(file), tags);
        }
        catch (Exception e) when (e is EndOfStreamException or InvalidDataException)
        {
            return Empty;
        }
    }

    private static byte[] Fingerprint(byte[] key) => HMACSHA256.HashData(key, "tracemark case state"u8)[..8];

    public void Save(WorkspaceOptions options, long caseId, byte[] key)
    {
        var path = PathOf(options, caseId);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using (var file = Secret(path + ".new"))
        {
            using var w = new BinaryWriter(file, System.Text.Encoding.UTF8, leaveOpen: true);
            w.Write(Magic);
            w.Write(Fingerprint(key));
            w.Write(Files.Count);
            foreach (var f in Files)
            {
                w.Write(f);
            }

            w.Write(Tags.Count);
            foreach (var t in Tags)
            {
                w.Write(t.Tag.High);
                w.Write(t.Tag.Low);
                w.Write(t.Kind);
            }

            w.Flush();
            Part!.Write(file);
        }

        File.Move(path + ".new", path, overwrite: true);
    }

    /// <summary>Two sorted, distinct tag lists as one.</summary>
    public static List<StoreTag> Union(IReadOnlyList<StoreTag> a, IReadOnlyList<StoreTag> b)
    {
        var merged = new List<StoreTag>(a.Count + b.Count);
        int i = 0, j = 0;
        while (i < a.Count || j < b.Count)
        {
            var c = i == a.Count ? 1 : j == b.Count ? -1 : a[i].Tag.CompareTo(b[j].Tag);
            merged.Add(c <= 0 ? a[i] : b[j]);
            i += c <= 0 ? 1 : 0;
            j += c >= 0 ? 1 : 0;
        }

        return merged;
    }
}

/// <summary>A known-leak store tag with the kind it was made from.</summary>
internal readonly record struct StoreTag(Tag Tag, byte Kind);

/// <summary>
/// Collects the store tags of a scan's findings as the scan goes (on its aggregating thread), as sorted distinct runs
/// so that repeats never pile up: a run is sorted and merged in when a million tags are waiting. With
/// <paramref name="byRecord"/> (the store holds owner data, so the case is traced) it also keeps each record's tags
/// in input order, which is what <c>Tracer.Trace</c> weighs — as `tracemark trace` reads a sample.
/// </summary>
internal sealed class StoreTagCollector(Tagger tagger, bool byRecord = false) : IFindingObserver
{
    private const int Run = 1 << 20;
    private readonly List<StoreTag> _waiting = [];
    private readonly Dictionary<(string Source, long Record), int> _recordAt = [];
    private List<StoreTag> _done = [];

    /// <summary>Per record that holds an identifier of a kind the store keeps, its tags (empty without byRecord).</summary>
    public List<List<Tag>> Records { get; } = [];

    public void Observe(IdentifierKind kind, ReadOnlySpan<char> canonical, string source, long record)
    {
        if (!KnownLeakStore.StoresKind(kind))
        {
            return;
        }

        var tag = tagger.Make(kind, canonical);
        if (byRecord)
        {
            if (!_recordAt.TryGetValue((source, record), out var at))
            {
                at = Records.Count;
                _recordAt[(source, record)] = at;
                Records.Add([]);
            }

            Records[at].Add(tag);
        }

        _waiting.Add(new StoreTag(tag, (byte)kind));
        if (_waiting.Count >= Run)
        {
            Flush();
        }
    }

    /// <summary>Every tag seen, sorted and distinct.</summary>
    public List<StoreTag> Tags()
    {
        Flush();
        return _done;
    }

    private void Flush()
    {
        _waiting.Sort((x, y) => x.Tag.CompareTo(y.Tag));
        var distinct = new List<StoreTag>(_waiting.Count);
        foreach (var t in _waiting)
        {
            if (distinct.Count == 0 || distinct[^1].Tag != t.Tag)
            {
                distinct.Add(t);
            }
        }

        _waiting.Clear();
        _done = CaseState.Union(_done, distinct);
    }
}

/// <summary>
/// The per-record store tags of a traced case (keyed tags only, no identifier), kept beside its state
/// (case-ID.records, mode 0600) so that a job traces every file of the case while reading only the new ones. It names
/// the files it covers: a case whose earlier files were merged before owner data was imported has none for them, and
/// its files are then read again.
/// </summary>
internal sealed class CaseRecords(IReadOnlyCollection<long> files, List<List<Tag>> records)
{
    private const string Magic = "TMRECS1";

    public IReadOnlyCollection<long> Files { get; } = files;

    public List<List<Tag>> Records { get; } = records;

    public static string PathOf(WorkspaceOptions options, long caseId) => Path.Combine(options.Data, "results", $"case-{caseId.ToString(CultureInfo.InvariantCulture)}.records");

    /// <summary>The case's record tags, or none (covering no file) when it has none or they cannot be read.</summary>
    public static CaseRecords Load(WorkspaceOptions options, long caseId)
    {
        var path = PathOf(options, caseId);
        if (!File.Exists(path))
        {
            return new([], []);
        }

        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
            using var r = new BinaryReader(file);
            if (r.ReadString() != Magic)
            {
                return new([], []);
            }

            var files = new List<long>();
            for (var n = r.ReadInt32(); n > 0; n--)
            {
                files.Add(r.ReadInt64());
            }

            var records = new List<List<Tag>>(r.ReadInt32());
            for (var i = records.Capacity; i > 0; i--)
            {
                var tags = new List<Tag>(r.ReadInt32());
                for (var j = tags.Capacity; j > 0; j--)
                {
                    tags.Add(new Tag(r.ReadUInt64(), r.ReadUInt64()));
                }

                records.Add(tags);
            }

            return new(files, records);
        }
        catch (Exception e) when (e is EndOfStreamException or InvalidDataException or ArgumentOutOfRangeException)
        {
            return new([], []);
        }
    }

    /// <summary>Written whole to a temporary file and renamed into place, like the state.</summary>
    public void Save(WorkspaceOptions options, long caseId)
    {
        var path = PathOf(options, caseId);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using (var file = CaseState.Secret(path + ".new"))
        {
            using var w = new BinaryWriter(file, System.Text.Encoding.UTF8, leaveOpen: true);
            w.Write(Magic);
            w.Write(Files.Count);
            foreach (var f in Files)
            {
                w.Write(f);
            }

            w.Write(Records.Count);
            foreach (var tags in Records)
            {
                w.Write(tags.Count);
                foreach (var t in tags)
                {
                    w.Write(t.High);
                    w.Write(t.Low);
                }
            }
        }

        File.Move(path + ".new", path, overwrite: true);
    }
}

/// <summary>
/// The case's files uploaded as posts (chat exports, forum crawls, post lists: `kind=posts`), by id in
/// case-ID.posts.json (mode 0600). They are scanned like every file, and read by <c>Tracemark.Intel</c> as well.
/// </summary>
internal static class CasePosts
{
    private static readonly Lock Gate = new();

    public static string PathOf(WorkspaceOptions options, long caseId) => Path.Combine(options.Data, "results", $"case-{caseId.ToString(CultureInfo.InvariantCulture)}.posts.json");

    public static IReadOnlyList<long> Load(WorkspaceOptions options, long caseId)
    {
        var path = PathOf(options, caseId);
        if (!File.Exists(path))
        {
            return [];
        }

        using var file = File.OpenRead(path);
        return System.Text.Json.JsonSerializer.Deserialize(file, WorkspaceJson.Default.IReadOnlyListInt64) ?? [];
    }

    /// <summary>Adds files to the list (uploads of one case may run at once: one writer at a time, whole file renamed into place).</summary>
    public static void Add(WorkspaceOptions options, long caseId, IEnumerable<long> files)
    {
        lock (Gate)
        {
            IReadOnlyList<long> all = [.. Load(options, caseId), .. files];
            var path = PathOf(options, caseId);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            using (var file = CaseState.Secret(path + ".new"))
            {
                System.Text.Json.JsonSerializer.Serialize(file, all, WorkspaceJson.Default.IReadOnlyListInt64);
            }

            File.Move(path + ".new", path, overwrite: true);
        }
    }
}

/// <summary>
/// The incident a lead opened for a case (<see cref="CaseIncidentJson"/>, mode 0600): the incident itself lives in the
/// known-leak store, as `tracemark incident` keeps it; the case names it and lists the files the jobs added to it.
/// </summary>
internal static class CaseIncident
{
    private static readonly Lock Gate = new();

    public static string PathOf(WorkspaceOptions options, long caseId) => Path.Combine(options.Data, "results", $"case-{caseId.ToString(CultureInfo.InvariantCulture)}.incident.json");

    public static CaseIncidentJson? Load(WorkspaceOptions options, long caseId)
    {
        var path = PathOf(options, caseId);
        if (!File.Exists(path))
        {
            return null;
        }

        using var file = File.OpenRead(path);
        return System.Text.Json.JsonSerializer.Deserialize(file, WorkspaceJson.Default.CaseIncidentJson);
    }

    /// <summary>
    /// Opens the case's incident with <paramref name="open"/> (which writes it to the store) unless the case has one;
    /// false when it has. One opener at a time, so two leads cannot give one case two incidents.
    /// </summary>
    public static bool Create(WorkspaceOptions options, long caseId, string name, Action open)
    {
        lock (Gate)
        {
            if (Load(options, caseId) is not null)
            {
                return false;
            }

            open();
            Save(options, caseId, new CaseIncidentJson(name, [], []));
            return true;
        }
    }

    /// <summary>Records files added to the incident (the job's), with what could not be read in them.</summary>
    public static void Added(WorkspaceOptions options, long caseId, IEnumerable<long> files, IReadOnlyList<string> problems)
    {
        lock (Gate)
        {
            var incident = Load(options, caseId) ?? throw new IOException($"case {caseId.ToString(CultureInfo.InvariantCulture)} has no incident");
            Save(options, caseId, incident with { Files = [.. incident.Files, .. files], Problems = problems });
        }
    }

    private static void Save(WorkspaceOptions options, long caseId, CaseIncidentJson incident)
    {
        var path = PathOf(options, caseId);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using (var file = CaseState.Secret(path + ".new"))
        {
            System.Text.Json.JsonSerializer.Serialize(file, incident, WorkspaceJson.Default.CaseIncidentJson);
        }

        File.Move(path + ".new", path, overwrite: true);
    }
}
