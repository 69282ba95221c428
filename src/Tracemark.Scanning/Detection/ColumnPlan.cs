using System.Globalization;
using Tracemark.Identifiers;
using Tracemark.Identifiers.Kinds;
using Tracemark.Scanning.Reading;

namespace Tracemark.Scanning.Detection;

/// <summary>How one column is read, and why.</summary>
internal sealed record ColumnReading(ColumnRole Role, IdentifierKind[] Kinds, int Slot, float Confidence, string Reason)
{
    /// <summary>The column holds when the record happened (下单时间, 入住时间): the newest one grades freshness.</summary>
    public bool RecordTime { get; init; }
}

/// <summary>How every column of a table is read, the person slots, and the legal categories its records carry.</summary>
internal sealed class ColumnPlan
{
    private readonly List<ColumnReading> _columns;
    private readonly Table _table;

    public ColumnPlan(Table table, List<ColumnReading> columns, List<string> slotNames, Category category, int modalFields)
    {
        _table = table;
        _columns = columns;
        SlotNames = slotNames;
        Category = category;
        ModalFields = modalFields;
    }

    /// <summary>Person slots by index: "" (the record's person), "sender", "recipient" …</summary>
    public List<string> SlotNames { get; }

    /// <summary>Categories the table's headers mark its records with (bank cards add Property per record).</summary>
    public Category Category { get; private set; }

    /// <summary>The usual number of fields per record; a dump line with one field is read as free text.</summary>
    public int ModalFields { get; }

    public IReadOnlyList<ColumnReading> Columns => _columns;

    /// <summary>
    /// Columns, as planned from the first batch, whose values detection never reads (skipped without a record time and
    /// not a credential's account or password: row identifiers, nicknames, order numbers …); only whether a value is
    /// blank counts (<see cref="ColumnProfile.Values"/>).
    /// Fixed when the plan is made, before any worker sees it, so a reader may consult it on its own thread while
    /// workers add columns found later (those are never in it).
    /// </summary>
    public bool[] Unread { get; private set; } = [];

    // An account or password column is skipped as an identifier but read for the record's credential.
    internal void FixUnread() => Unread = [.. _columns.Select((c, i) => c.Role == ColumnRole.Skip && !c.RecordTime && i != Credentials?.Account && i != Credentials?.Password)];

    /// <summary>Reading of a column; columns first seen after planning (new JSON keys) are planned from their name.</summary>
    public ColumnReading For(int column)
    {
        if (column < 0)
        {
            return Profiler.FreeTextReading;
        }

        while (_columns.Count <= column)
        {
            var header = _columns.Count < _table.Columns.Count ? _table.Columns[_columns.Count] : null;
            _columns.Add(Profiler.FromHeader(header, this));
            Category |= HeaderWords.CategoryOf(header);
        }

        return _columns[column];
    }

    /// <summary>Index of a slot name, added when new.</summary>
    public int SlotOf(string name)
    {
        var i = SlotNames.IndexOf(name);
        if (i >= 0)
        {
            return i;
        }

        SlotNames.Add(name);
        return SlotNames.Count - 1;
    }

    internal void Add(ColumnReading reading) => _columns.Add(reading);

    internal void Replace(int column, ColumnReading reading) => _columns[column] = reading;

    /// <summary>The account and password columns, when the table holds credentials (CredentialRecognizer).</summary>
    public Recognizers.CredentialColumns? Credentials { get; internal set; }

    internal void AddCategory(Category category) => Category |= category;

    /// <summary>One line per column for the report and --explain.</summary>
    public IEnumerable<string> Describe() => _columns.Select((c, i) => string.Create(CultureInfo.InvariantCulture,
        $"{_table.ColumnName(i)}: {c.Role}{(c.Kinds.Length > 0 ? " " + string.Join("/", c.Kinds.Select(k => k.Code())) : string.Empty)} ({c.Reason})"));
}

/// <summary>
/// Makes a table's plan from its first batch: whether row 1 is a header, and for each column its kind from the
/// header words or, failing those, from a sample of its values; then person slots and categories.
/// </summary>
internal static class Profiler
{
    internal static readonly ColumnReading FreeTextReading = new(ColumnRole.FreeText, [], 0, 0, "free text");

    private const int SampleValues = 200;

    // Kinds a column can be recognized as from its values alone, with the share of sampled values that must be
    // valid (or validly masked): each kind's KindSpec.ColumnShare, in priority order so that a tie goes to the kind
    // identification would choose.
    private static readonly (IdentifierKind Kind, double Share)[] ValueKinds =
        [.. KindSpecs.ByPriority.Where(s => s.ColumnShare is not null).Select(s => (s.Kind, s.ColumnShare!.Value))];

    public static ColumnPlan Plan(Table table, RecordBatch first)
    {
        var slots = new List<string> { string.Empty };
        var modal = ModalFieldCount(first);
        if (table.Format is TableFormat.Csv or TableFormat.Tsv or TableFormat.Dump or TableFormat.Xlsx or TableFormat.Xls)
        {
            table.HeaderRow = IsHeaderRow(table, first);
            if (table.HeaderRow)
            {
                for (var f = 0; f < first.FieldCount(0); f++)
                {
                    // A free-text piece (an unclosed quote running past the window) has no column to name.
                    var column = first.Column(0, f);
                    if (column < 0)
                    {
                        continue;
                    }

                    while (table.Columns.Count <= column)
                    {
                        table.Columns.Add(null);
                    }

                    table.Columns[column] = first.Field(0, f).Trim().ToString();
                }
            }
        }

        var plan = new ColumnPlan(table, [], slots, Category.None, modal);
        var columnCount = Math.Max(table.Columns.Count, MaxColumn(first) + 1);
        var sampleStart = table.HeaderRow ? 1 : 0;
        for (var c = 0; c < columnCount; c++)
        {
            var header = c < table.Columns.Count ? table.Columns[c] : null;
            var reading = FromHeader(header, plan);
            if (reading.Role == ColumnRole.FreeText && reading.Reason == HeaderHint.Unknown.Reason)
            {
                reading = FromValues(first, sampleStart, c, modal, reading.Slot) ?? reading;
            }

            plan.Add(reading);
            plan.AddCategory(HeaderWords.CategoryOf(header));
        }

        plan.Credentials = Recognizers.CredentialRecognizer.Plan(table, plan, first, sampleStart, columnCount);
        plan.FixUnread();
        return plan;
    }

    /// <summary>Reading of a column from its header alone (unknown headers read as free text).</summary>
    internal static ColumnReading FromHeader(string? header, ColumnPlan plan)
    {
        var hint = HeaderWords.Classify(header);
        var slot = plan.SlotOf(HeaderWords.Slot(header));
        return new ColumnReading(hint.Role, hint.Kinds, slot, hint.Role == ColumnRole.Identifier ? 0.95f : 0.6f, hint.Reason)
        {
            RecordTime = hint.Role == ColumnRole.Skip && HeaderWords.IsRecordTime(header),
        };
    }

    private static ColumnReading? FromValues(RecordBatch batch, int start, int column, int modal, int slot)
    {
        Span<char> canonical = stackalloc char[Identifier.MaxCanonicalLength];
        var counts = new int[ValueKinds.Length];
        var knownBins = 0;
        var values = 0;
        for (var r = start; r < batch.Count && values < SampleValues; r++)
        {
            // A record with one field in a multi-field table is a banner or a differently separated line.
            if (modal > 1 && batch.FieldCount(r) == 1)
            {
                continue;
            }

            var text = FieldOf(batch, r, column).Trim();
            if (text.IsEmpty)
            {
                continue;
            }

            values++;
            for (var k = 0; k < ValueKinds.Length; k++)
            {
                var kind = ValueKinds[k].Kind;
                var v = Identifier.Check(kind, text, canonical);
                if (!v.IsValid && MaskedKind(kind) is { } masked)
                {
                    v = MaskedValue.Check(masked, text, canonical);
                }

                if (v.IsValid)
                {
                    counts[k]++;
                    if (kind == IdentifierKind.BankCard && v.Kind == IdentifierKind.BankCard && BankCard.Describe(canonical[..v.Length]).Issuer is not null)
                    {
                        knownBins++;
                    }
                }
            }
        }

        if (values == 0)
        {
            return null;
        }

        var best = -1;
        var bestShare = 0.0;
        for (var k = 0; k < ValueKinds.Length; k++)
        {
            var share = counts[k] / (double)values;
            if (share >= ValueKinds[k].Share && share > bestShare)
            {
                if (ValueKinds[k].Kind == IdentifierKind.BankCard && knownBins * 2 < counts[k])
                {
                    continue;
                }

                best = k;
                bestShare = share;
            }
        }

        if (best < 0)
        {
            return null;
        }

        var chosen = ValueKinds[best].Kind;
        return new ColumnReading(ColumnRole.Identifier, [chosen], slot, 0.85f,
            string.Create(CultureInfo.InvariantCulture, $"{bestShare:P0} of {values} sampled values are valid {chosen.Code()}"));
    }

    internal static IdentifierKind? MaskedKind(IdentifierKind kind) => KindSpecs.For(kind).MaskedForm;

    // Row 1 is a header when it names columns (a known header word, or several digit-free labels over data that
    // has digits) and holds no identifier itself. Banner lines starting with '#' never are.
    private static bool IsHeaderRow(Table table, RecordBatch batch)
    {
        if (batch.Count == 0 || batch.FieldCount(0) == 0)
        {
            return false;
        }

        var firstCell = batch.Field(0, 0).TrimStart();
        if (!firstCell.IsEmpty && firstCell[0] == '#')
        {
            return false;
        }

        // A header-less credential dump's first line is data even when a header word hides in its password
        // ("owfPwCJ0A$Z9" holds "pw"): taken for headers, the password would be printed as a column name.
        if (Recognizers.CredentialRecognizer.FirstRowIsAPair(batch))
        {
            return false;
        }

        var known = 0;
        var labels = 0;
        var cells = batch.FieldCount(0);
        Span<char> canonical = stackalloc char[Identifier.MaxCanonicalLength];
        for (var f = 0; f < cells; f++)
        {
            var text = batch.Field(0, f).Trim();
            if (text.IsEmpty)
            {
                continue;
            }

            foreach (var kind in (ReadOnlySpan<IdentifierKind>)[IdentifierKind.Mobile, IdentifierKind.ResidentId, IdentifierKind.Email, IdentifierKind.BankCard])
            {
                if (Identifier.Check(kind, text, canonical).IsValid)
                {
                    return false;
                }
            }

            if (HeaderWords.Classify(text.ToString()).Reason != HeaderHint.Unknown.Reason)
            {
                known++;
            }

            if (text.Length <= 32 && !Ascii.ContainsDigit(text))
            {
                labels++;
            }
        }

        if (known > 0 && (known * 3 >= cells || cells <= 3))
        {
            return true;
        }

        // Unknown words: digit-free labels over rows that carry digits.
        return labels == cells && cells >= 2 && batch.Count > 1 && LaterRowsHaveDigits(batch) && table.Format != TableFormat.Dump;
    }

    private static bool LaterRowsHaveDigits(RecordBatch batch)
    {
        for (var r = 1; r < Math.Min(batch.Count, 20); r++)
        {
            for (var f = 0; f < batch.FieldCount(r); f++)
            {
                if (Ascii.ContainsDigit(batch.Field(r, f)))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static ReadOnlySpan<char> FieldOf(RecordBatch batch, int record, int column)
    {
        for (var f = 0; f < batch.FieldCount(record); f++)
        {
            if (batch.Column(record, f) == column)
            {
                return batch.Field(record, f);
            }
        }

        return default;
    }

    private static int MaxColumn(RecordBatch batch)
    {
        var max = -1;
        for (var r = 0; r < batch.Count; r++)
        {
            for (var f = 0; f < batch.FieldCount(r); f++)
            {
                max = Math.Max(max, batch.Column(r, f));
            }
        }

        return max;
    }

    private static int ModalFieldCount(RecordBatch batch)
    {
        var counts = new Dictionary<int, int>();
        for (var r = 0; r < batch.Count; r++)
        {
            var n = batch.FieldCount(r);
            counts[n] = counts.GetValueOrDefault(n) + 1;
        }

        return counts.Count == 0 ? 0 : counts.MaxBy(kv => kv.Value).Key;
    }
}
