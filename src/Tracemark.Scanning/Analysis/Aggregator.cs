using System.Text.Encodings.Web;
using System.Text.Json;
using Tracemark.Identifiers;
using Tracemark.Identifiers.Kinds;
using Tracemark.Scanning.Detection;
using Tracemark.Scanning.Reading;

namespace Tracemark.Scanning.Analysis;

/// <summary>
/// Consumes detection results in input order on one thread: writes findings (JSON Lines), links persons, counts
/// distinct values per kind, and keeps per-table column profiles.
/// </summary>
internal sealed class Aggregator : IDisposable
{
    private static readonly JsonWriterOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };

    private readonly Utf8JsonWriter? _findings;
    private readonly Stream? _findingsStream;
    // Indexed by (byte)kind: arrays, not dictionaries keyed by an enum, on the per-finding path.
    private readonly LongSet?[] _distinct = new LongSet?[256];
    private readonly long[] _occurrences = new long[256];
    private readonly Dictionary<Table, TableState> _tables = [];
    private readonly List<Table> _tableOrder = [];
    private int[] _slotNode = new int[64];
    private readonly List<string>?[] _examples = new List<string>?[256];

    private readonly IFindingObserver? _observer;
    private readonly IPersonObserver? _persons;
    // Person slots are numbered per batch; this makes their numbers scan-wide for IPersonObserver.
    private long _slotBase;
    private readonly long[] _passwordShapes = new long[5];
    private long _newestTicks;

    public Aggregator(Stream? findings, IFindingObserver? observer = null)
    {
        _observer = observer;
        _persons = observer as IPersonObserver;
        _findingsStream = findings;
        _findings = findings is null ? null : new Utf8JsonWriter(findings, JsonOptions);
    }

    public PersonGraph Persons { get; } = new();

    public long Records { get; private set; }

    public DateTime? NewestRecord => _newestTicks == 0 ? null : new DateTime(_newestTicks, DateTimeKind.Unspecified);

    private sealed class TableState
    {
        public long Records;
        public readonly long[] Findings = new long[256];
        public ColumnCounts[] Columns = [];
    }

    public void Add(BatchResult result)
    {
        var table = result.Table;
        if (!_tables.TryGetValue(table, out var state))
        {
            state = new TableState();
            _tables[table] = state;
            _tableOrder.Add(table);
        }

        state.Records += result.Records;
        Records += result.Records;
        _newestTicks = Math.Max(_newestTicks, result.NewestTicks);
        MergeColumns(state, result);

        var slots = result.SlotCategories.Count;
        if (_slotNode.Length < slots)
        {
            _slotNode = new int[Math.Max(slots, _slotNode.Length * 2)];
        }

        Array.Fill(_slotNode, -1, 0, slots);
        for (var i = 0; i < Math.Min(PrefetchDistance, result.Count); i++)
        {
            Prefetch(result, i);
        }

        var credential = 0;
        for (var i = 0; i < result.Count; i++)
        {
            if (i + PrefetchDistance < result.Count)
            {
                Prefetch(result, i + PrefetchDistance);
            }

            var kind = result.Kinds[i];
            var value = result.Value(i);
            _occurrences[(byte)kind]++;
            KeepExample(kind, value);
            state.Findings[(byte)kind]++;
            if (kind == IdentifierKind.Credential)
            {
                // The observer (store tagger, exposure publisher) gets the (account, password) pair; the findings get
                // the account and the password's shape only.
                var entry = result.Credentials[credential++];
                _passwordShapes[(byte)entry.Shape]++;
                WriteFinding(result, i, table, entry.Shape.Code());
                Observe(kind, result.Pair(entry), table.Source, result, i);
            }
            else
            {
                WriteFinding(result, i, table, null);
                if (_observer is not null && !kind.IsMasked())
                {
                    Observe(kind, value, table.Source, result, i);
                }
            }

            if (result.Linked[i])
            {
                var node = Persons.Node(result.Keys[i]);
                var entry = result.SlotEntries[i];
                if (entry >= 0)
                {
                    if (_slotNode[entry] < 0)
                    {
                        _slotNode[entry] = node;
                    }
                    else
                    {
                        Persons.Union(_slotNode[entry], node);
                    }
                }
            }
            else if (!kind.IsMasked())
            {
                (_distinct[(byte)kind] ??= new LongSet()).Add((ulong)result.Keys[i]);
            }
        }

        // Each slot with personal data is part of a person: linked through its keys, or a person of its own.
        for (var s = 0; s < slots; s++)
        {
            var category = result.SlotCategories[s] | Category.Other;
            _persons?.Person(_slotBase + s, LegalTiers.Code(LegalTiers.MostSensitive(category)));
            if (_slotNode[s] >= 0)
            {
                Persons.AddCategory(_slotNode[s], category);
            }
            else
            {
                Persons.AddKeyless(category);
            }
        }

        _slotBase += slots;
    }

    private void Observe(IdentifierKind kind, ReadOnlySpan<char> value, string source, BatchResult result, int i)
    {
        if (_persons is not null)
        {
            var slot = result.SlotEntries[i];
            _persons.Observe(kind, value, source, result.RecordNumbers[i], slot >= 0 ? _slotBase + slot : -1);
        }
        else
        {
            // A credential reaches here without an observer too (its pair is only for the observer, when there is one).
            _observer?.Observe(kind, value, source, result.RecordNumbers[i]);
        }
    }

    // How many findings ahead the table slots are prefetched: far enough to cover a memory access (about 100 ns) with
    // the work of the findings between, near enough that the lines are still cached when used.
    private const int PrefetchDistance = 8;

    private void Prefetch(BatchResult result, int i)
    {
        if (result.Linked[i])
        {
            Persons.Prefetch(result.Keys[i]);
        }
        else if (!result.Kinds[i].IsMasked())
        {
            _distinct[(byte)result.Kinds[i]]?.Prefetch((ulong)result.Keys[i]);
        }
    }

    private static void MergeColumns(TableState state, BatchResult result)
    {
        if (state.Columns.Length < result.ColumnStats.Length)
        {
            var grown = new ColumnCounts[result.ColumnStats.Length];
            state.Columns.CopyTo(grown, 0);
            state.Columns = grown;
        }

        for (var c = 0; c < result.ColumnStats.Length; c++)
        {
            ref var into = ref state.Columns[c];
            var from = result.ColumnStats[c];
            into.Values += from.Values;
            into.Found += from.Found;
            into.Masked += from.Masked;
            into.Invalid += from.Invalid;
        }
    }

    private void WriteFinding(BatchResult result, int i, Table table, string? passwordShape)
    {
        if (_findings is null)
        {
            return;
        }

        var w = _findings;
        w.WriteStartObject();
        w.WriteString("source", table.Source);
        w.WriteNumber("record", result.RecordNumbers[i]);
        var column = result.Columns[i];
        if (column < 0 || table.Format == TableFormat.Text)
        {
            // A plain-text line is one column only to the reader; to the user it is free text (no field).
            w.WriteNull("field");
        }
        else if (column < table.Columns.Count && table.Columns[column] is { Length: > 0 } header)
        {
            w.WriteString("field", header);
        }
        else
        {
            w.WriteNumber("field", column + 1);
        }

        w.WriteString("kind", result.Kinds[i].Code());
        w.WriteString("value", result.Value(i));
        if (passwordShape is not null)
        {
            w.WriteString("password", passwordShape);
        }

        w.WriteNumber("confidence", Math.Round(result.Confidences[i], 2));
        w.WriteString("reason", result.Reasons[i]);
        if (result.Recognizers[i] is { } recognizer)
        {
            // Free text: where the value is written in the field (code points, end exclusive) and Presidio's
            // explanation, structured.
            w.WriteNumber("start", result.Starts[i]);
            w.WriteNumber("end", result.Ends[i]);
            w.WriteStartObject("explanation");
            w.WriteString("recognizer", recognizer);
            w.WriteStartArray("context_words");
            if (result.ContextWords[i] is { } word)
            {
                w.WriteStringValue(ReferenceEquals(word, Evidence.HeaderContext) && column >= 0 && column < table.Columns.Count && table.Columns[column] is { } named ? named : word);
            }

            w.WriteEndArray();
            w.WriteString("validation", result.ValidationTexts[i]);
            w.WriteEndObject();
        }

        w.WriteEndObject();
        w.Flush();
        _findingsStream!.WriteByte((byte)'\n');
        w.Reset();
    }

    /// <summary>The distinct-value hashes of each kind that is not linked (names, cards, addresses …).</summary>
    public IEnumerable<(IdentifierKind Kind, LongSet Values)> DistinctSets() =>
        Kinds().Where(k => _distinct[(byte)k] is not null).Select(k => (k, _distinct[(byte)k]!));

    /// <summary>Distinct valid identifiers per kind code (IDs and mobiles exact, others by 64-bit hash).</summary>
    public Dictionary<string, long> DistinctKinds()
    {
        var counts = new Dictionary<string, long>();
        foreach (var kind in Kinds())
        {
            if (_distinct[(byte)kind] is { } set)
            {
                counts[kind.Code()] = set.Count;
            }
        }

        long ids = 0, mobiles = 0;
        foreach (var key in Persons.AllKeys())
        {
            if (IdentifierKey.IsResidentId(key))
            {
                ids++;
            }
            else
            {
                mobiles++;
            }
        }

        if (ids > 0)
        {
            counts[IdentifierKind.ResidentId.Code()] = ids;
        }

        if (mobiles > 0)
        {
            counts[IdentifierKind.Mobile.Code()] = mobiles;
        }

        return counts;
    }

    // A few values per kind so people can judge findings (shown masked unless --reveal; never in summary JSON).
    private void KeepExample(IdentifierKind kind, ReadOnlySpan<char> value)
    {
        var list = _examples[(byte)kind] ??= [];

        if (list.Count >= 3)
        {
            return;
        }

        foreach (var v in list)
        {
            if (value.SequenceEqual(v))
            {
                return;
            }
        }

        list.Add(value.ToString());
    }

    public Dictionary<string, IReadOnlyList<string>> Examples() => Kinds().Where(k => _examples[(byte)k] is not null)
        .ToDictionary(k => k.Code(), k => (IReadOnlyList<string>)_examples[(byte)k]!);

    private static IEnumerable<IdentifierKind> Kinds() => IdentifierKinds.All;

    public Dictionary<string, long> Occurrences() => Counts(_occurrences);

    /// <summary>Credentials per password shape (plain, md5, sha1, bcrypt, hash); empty when there were none.</summary>
    public Dictionary<string, long> PasswordShapes() => Enum.GetValues<PasswordShape>()
        .Where(s => _passwordShapes[(byte)s] > 0).ToDictionary(s => s.Code(), s => _passwordShapes[(byte)s]);

    private static Dictionary<string, long> Counts(long[] byKind) =>
        Kinds().Where(k => byKind[(byte)k] > 0).ToDictionary(k => k.Code(), k => byKind[(byte)k]);

    public List<TableSummary> Tables() => [.. _tableOrder.Select(t =>
    {
        var state = _tables[t];
        var columns = new List<ColumnProfile>();
        var plan = t.Plan;
        if (plan is not null)
        {
            for (var c = -1; c < plan.Columns.Count; c++)
            {
                var counts = c + 1 < state.Columns.Length ? state.Columns[c + 1] : default;
                if (c < 0 && counts.Values == 0)
                {
                    continue;
                }

                var reading = c < 0 ? Profiler.FreeTextReading : plan.Columns[c];
                var describe = reading.Role switch
                {
                    ColumnRole.Identifier => $"{string.Join("/", reading.Kinds.Select(k => k.Code()))} ({reading.Reason})",
                    ColumnRole.FreeText => $"free text ({reading.Reason})",
                    _ => $"skipped ({reading.Reason})",
                };
                columns.Add(new ColumnProfile(c < 0 || t.Format == TableFormat.Text ? "(lines read as free text)" : t.ColumnName(c), describe, counts.Values, counts.Found, counts.Masked, counts.Invalid));
            }
        }

        return new TableSummary(t.Source, FormatName(t.Format), t.Encoding, state.Records,
            Counts(state.Findings), columns);
    })];

    internal static string FormatName(TableFormat format) => format switch
    {
        TableFormat.Text => "text",
        TableFormat.Dump => "dump",
        TableFormat.Csv => "csv",
        TableFormat.Tsv => "tsv",
        TableFormat.JsonLines => "jsonl",
        TableFormat.Json => "json",
        TableFormat.Xlsx => "xlsx",
        _ => "xls",
    };

    public void Dispose()
    {
        _findings?.Dispose();
        _findingsStream?.Flush();
    }
}
