using Tracemark.Identifiers;
using Tracemark.Identifiers.Kinds;
using Tracemark.Scanning.Detection.Recognizers;
using Tracemark.Scanning.Reading;

namespace Tracemark.Scanning.Detection;

/// <summary>Per-column counts for the report: values seen, found as identifiers, masked, and not valid for the column's kind.</summary>
internal struct ColumnCounts
{
    public long Values;
    public long Found;
    public long Masked;
    public long Invalid;
}

/// <summary>
/// What detection found in one batch: findings (values kept in one character buffer), the person slots they
/// belong to with each slot's legal categories, and per-column counts. Reused between batches.
/// </summary>
internal sealed class BatchResult
{
    private char[] _values = new char[16 * 1024];
    private int _valuesLength;

    public Table Table { get; set; } = null!;

    public long Sequence { get; set; }

    public int Records { get; set; }

    public long BytesRead { get; set; }

    /// <summary>Ticks of the newest record time seen in the batch (0: none).</summary>
    public long NewestTicks { get; set; }

    public int Count { get; private set; }

    public IdentifierKind[] Kinds { get; private set; } = new IdentifierKind[1024];

    public float[] Confidences { get; private set; } = new float[1024];

    public long[] RecordNumbers { get; private set; } = new long[1024];

    public int[] Columns { get; private set; } = new int[1024];

    public int[] SlotEntries { get; private set; } = new int[1024];

    public string[] Reasons { get; private set; } = new string[1024];

    /// <summary>The finding's record within the batch and field within the record (for rewriting it in place).</summary>
    public int[] BatchRecords { get; private set; } = new int[1024];

    public int[] Fields { get; private set; } = new int[1024];

    /// <summary>Span of the value as written, in UTF-16 positions of the field's text (of the piece, for a long line).</summary>
    public int[] Utf16Starts { get; private set; } = new int[1024];

    public int[] Utf16Ends { get; private set; } = new int[1024];

    /// <summary>Free-text findings: span in code points of the field's text (of the whole line, for a long line's
    /// piece); -1 for values read from an identifier column.</summary>
    public long[] Starts { get; private set; } = new long[1024];

    public long[] Ends { get; private set; } = new long[1024];

    /// <summary>Free-text findings: the recognizer, context word and validation (null for column values).</summary>
    public string?[] Recognizers { get; private set; } = new string?[1024];

    public string?[] ContextWords { get; private set; } = new string?[1024];

    public string?[] ValidationTexts { get; private set; } = new string?[1024];

    /// <summary>Each finding's key, computed here on the detection thread so that the one aggregation thread only
    /// looks keys up: a linking key (resident ID, mobile) when <see cref="Linked"/>, else a distinct-count hash
    /// (0 for masked forms, which are not counted as distinct identifiers).</summary>
    public long[] Keys { get; private set; } = new long[1024];

    public bool[] Linked { get; private set; } = new bool[1024];

    private int[] _valueStart = new int[1024];
    private int[] _valueLength = new int[1024];

    /// <summary>Person slots with at least one finding: their categories (by slot entry index).</summary>
    public List<Category> SlotCategories { get; } = [];

    public ColumnCounts[] ColumnStats { get; private set; } = new ColumnCounts[16];

    // Credential findings: the password's shape and the (normalised account, password) pair, in finding order. The
    // pair goes only to the scan's observer (the store's keyed tagger, the exposure publisher), never to any output.
    private char[] _pairs = new char[1024];
    private int _pairsLength;

    public List<CredentialEntry> Credentials { get; } = [];

    public ReadOnlySpan<char> Pair(in CredentialEntry entry) => _pairs.AsSpan(entry.Start, entry.Length);

    /// <summary>Attaches a password's shape and the pair to the finding added last (a credential).</summary>
    public void AddCredential(PasswordShape shape, ReadOnlySpan<char> account, ReadOnlySpan<char> password)
    {
        var length = account.Length + 1 + password.Length;
        if (_pairsLength + length > _pairs.Length)
        {
            Array.Resize(ref _pairs, Math.Max(_pairs.Length * 2, _pairsLength + length));
        }

        account.CopyTo(_pairs.AsSpan(_pairsLength));
        _pairs[_pairsLength + account.Length] = '\n';
        password.CopyTo(_pairs.AsSpan(_pairsLength + account.Length + 1));
        Credentials.Add(new CredentialEntry(Count - 1, shape, _pairsLength, length));
        _pairsLength += length;
    }

    public ReadOnlySpan<char> Value(int finding) => _values.AsSpan(_valueStart[finding], _valueLength[finding]);

    public void Clear()
    {
        Count = 0;
        _valuesLength = 0;
        Records = 0;
        NewestTicks = 0;
        SlotCategories.Clear();
        Array.Clear(ColumnStats);
        Credentials.Clear();
        _pairs.AsSpan(0, _pairsLength).Clear();
        _pairsLength = 0;
    }

    public ref ColumnCounts Stats(int column)
    {
        var index = column + 1; // column -1 (free text pieces) is stats slot 0
        if (index >= ColumnStats.Length)
        {
            var grown = new ColumnCounts[Math.Max(index + 1, ColumnStats.Length * 2)];
            ColumnStats.CopyTo(grown, 0);
            ColumnStats = grown;
        }

        return ref ColumnStats[index];
    }

    public void Add(IdentifierKind kind, ReadOnlySpan<char> value, float confidence, string reason, long record, int column, int slotEntry, in Place place)
    {
        if (Count == Kinds.Length)
        {
            var n = Count * 2;
            Kinds = Resize(Kinds, n);
            Confidences = Resize(Confidences, n);
            RecordNumbers = Resize(RecordNumbers, n);
            Columns = Resize(Columns, n);
            SlotEntries = Resize(SlotEntries, n);
            Reasons = Resize(Reasons, n);
            BatchRecords = Resize(BatchRecords, n);
            Fields = Resize(Fields, n);
            Utf16Starts = Resize(Utf16Starts, n);
            Utf16Ends = Resize(Utf16Ends, n);
            Starts = Resize(Starts, n);
            Ends = Resize(Ends, n);
            Recognizers = Resize(Recognizers, n);
            ContextWords = Resize(ContextWords, n);
            ValidationTexts = Resize(ValidationTexts, n);
            Keys = Resize(Keys, n);
            Linked = Resize(Linked, n);
            _valueStart = Resize(_valueStart, n);
            _valueLength = Resize(_valueLength, n);
        }

        if (_valuesLength + value.Length > _values.Length)
        {
            Array.Resize(ref _values, Math.Max(_values.Length * 2, _valuesLength + value.Length));
        }

        value.CopyTo(_values.AsSpan(_valuesLength));
        Kinds[Count] = kind;
        Confidences[Count] = confidence;
        Reasons[Count] = reason;
        Linked[Count] = Analysis.IdentifierKey.TryLinkKey(kind, value, out var key);
        Keys[Count] = Linked[Count] ? key : kind.IsMasked() ? 0 : (long)Analysis.IdentifierKey.Hash(kind, value);
        RecordNumbers[Count] = record;
        Columns[Count] = column;
        SlotEntries[Count] = slotEntry;
        BatchRecords[Count] = place.BatchRecord;
        Fields[Count] = place.Field;
        Utf16Starts[Count] = place.Utf16Start;
        Utf16Ends[Count] = place.Utf16End;
        Starts[Count] = place.Start;
        Ends[Count] = place.End;
        Recognizers[Count] = place.Recognizer;
        ContextWords[Count] = place.ContextWord;
        ValidationTexts[Count] = place.Validation;
        _valueStart[Count] = _valuesLength;
        _valueLength[Count] = value.Length;
        _valuesLength += value.Length;
        Count++;
    }

    private static T[] Resize<T>(T[] array, int size)
    {
        Array.Resize(ref array, size);
        return array;
    }
}

/// <summary>A credential finding's password shape and where its (account, password) pair is kept.</summary>
internal readonly record struct CredentialEntry(int Finding, PasswordShape Shape, int Start, int Length);

/// <summary>Where a finding is, and for free text why (see <see cref="BatchResult"/>'s arrays of the same names).</summary>
internal readonly record struct Place(int BatchRecord, int Field, int Utf16Start, int Utf16End, long Start, long End, string? Recognizer, string? ContextWord, string? Validation);

/// <summary>
/// Applies a table's plan to a batch: identifier columns are validated as their kinds (masked forms reported as
/// partial), free-text columns and lines go through the text scanner. Findings below the minimum confidence are
/// dropped. One instance per worker thread.
/// </summary>
internal sealed class Detector(float minConfidence) : IFindingSink
{
    private readonly TextScanner _text = new();
    private readonly char[] _canonical = new char[Identifier.MaxCanonicalLength];
    private char[] _blanked = new char[256];
    // The person slot entry of each slot in the current record: valid where the stamp is the record's (a dictionary
    // cleared per record cost 1 % of a JSON Lines scan; slots are small numbers, a table's person roles).
    private int[] _slotEntry = new int[8];
    private long[] _slotStamp = new long[8];
    private long _stamp;
    private BatchResult _result = null!;
    private long _record;
    private int _batchRecord;
    private int _field;
    private int _fieldBase;
    private long _lineOffset;
    private RecordBatch _batch = null!;
    private int _column;
    private int _slot;
    private Category _category;

    public void Detect(RecordBatch batch, BatchResult result)
    {
        result.Clear();
        result.Table = batch.Table;
        _result = result;
        _batch = batch;
        var table = batch.Table;
        var plan = table.Plan!;
        for (var r = 0; r < batch.Count; r++)
        {
            var raw = batch.Number(r);
            if (table.HeaderRow && raw == 1)
            {
                continue;
            }

            var fields = batch.FieldCount(r);

            // A seller's banner in a dump ("# 实时一手料 …") is read as free text but is not a record of the data.
            var banner = table.Format == TableFormat.Dump && fields > 0 && IsBanner(batch.Field(r, 0));

            // A piece of an over-long line continues the record before it: count the line once.
            if (batch.Owned(r).From == 0 && !banner)
            {
                result.Records++;
            }

            _record = table.RecordNumber(raw);
            _batchRecord = r;
            _lineOffset = batch.Offset(r);
            _stamp++;

            // A dump line not split by the file's separator: split by another dump separator into the same columns
            // (张三|138…|110… in a ----file), or, failing that, read as free text (a banner).
            var asText = (banner || (plan.ModalFields > 1 && fields == 1)) && table.Format == TableFormat.Dump;
            var (ownedFrom, ownedTo) = batch.Owned(r);
            if (asText && !banner && TrySplit(batch.Field(r, 0), plan))
            {
                continue;
            }

            for (var f = 0; f < fields; f++)
            {
                _field = f;
                _fieldBase = 0;
                ReadField(asText ? -1 : batch.Column(r, f), plan, batch.Field(r, f), ownedFrom, ownedTo);
            }

            if (!asText && plan.Credentials is { } credentials)
            {
                ReadCredential(r, credentials, plan);
            }
        }
    }

    // A record of a table with account and password columns: one credential finding, placed on the password (so
    // redaction blanks it), valued as the normalised account.
    private void ReadCredential(int r, CredentialColumns columns, ColumnPlan plan)
    {
        int accountField = -1, passwordField = -1;
        for (var f = 0; f < _batch.FieldCount(r); f++)
        {
            var column = _batch.Column(r, f);
            accountField = column == columns.Account ? f : accountField;
            passwordField = column == columns.Password ? f : passwordField;
        }

        if (accountField < 0 || passwordField < 0)
        {
            return;
        }

        var raw = _batch.Field(r, passwordField);
        var password = raw.Trim();
        _field = passwordField;
        _fieldBase = raw.Length - raw.TrimStart().Length;
        _column = columns.Password;
        _slot = plan.For(columns.Account).Slot;
        _category = plan.Category;
        AddCredential(_batch.Field(r, accountField), password, columns.Headed, columns.Headed ? 0.95f : 0.85f, columns.Reason, Whole(password));
    }

    private bool AddCredential(ReadOnlySpan<char> account, ReadOnlySpan<char> password, bool headed, float confidence, string reason, in Place place)
    {
        Span<char> canonical = stackalloc char[Identifier.MaxCanonicalLength];
        if (!CredentialRecognizer.TryRead(account, password, headed, canonical, out var length, out var shape))
        {
            return false;
        }

        var before = _result.Count;
        Add(IdentifierKind.Credential, canonical[..length], confidence, reason + "; password " + shape.Code(), place);
        if (_result.Count > before)
        {
            _result.AddCredential(shape, canonical[..length], password.Trim());
        }

        return true;
    }

    // Free text holding a credential (账号:… 密码:…, or a whole line account----password): the credential, then the
    // text scanned with the password blanked — it is no identifier, and no output may show it.
    private bool ReadTextCredential(ReadOnlySpan<char> text, IdentifierKind[] headerKinds)
    {
        if (!CredentialRecognizer.TryLine(text, _canonical, out var found))
        {
            return false;
        }

        var evidence = new Evidence(found.PasswordStart, found.PasswordEnd, CredentialRecognizer.Name, found.ContextWord, CredentialRecognizer.Validation);
        if (!AddCredential(text[found.AccountStart..found.AccountEnd], text[found.PasswordStart..found.PasswordEnd], true, found.Confidence, found.Reason, FreeTextPlace(evidence)))
        {
            return false;
        }

        if (_blanked.Length < text.Length)
        {
            _blanked = new char[Math.Max(text.Length, _blanked.Length * 2)];
        }

        var copy = _blanked.AsSpan(0, text.Length);
        text.CopyTo(copy);
        copy[found.PasswordStart..found.PasswordEnd].Fill(' ');
        _text.Scan(copy, 0, int.MaxValue, headerKinds, this);
        copy.Clear();
        return true;
    }

    private static readonly string[] DumpSeparators = ["----", "|", "\t", "——"];

    // Reads a dump line split by another separator as the table's columns; false when no separator splits it.
    private bool TrySplit(ReadOnlySpan<char> line, ColumnPlan plan)
    {
        foreach (var separator in DumpSeparators)
        {
            if (line.IndexOf(separator.AsSpan()) < 0)
            {
                continue;
            }

            var column = 0;
            _field = 0;
            foreach (var range in line.Split(separator.AsSpan()))
            {
                _fieldBase = range.Start.GetOffset(line.Length);
                ReadField(column, plan, line[range], 0, int.MaxValue);
                column++;
            }

            return true;
        }

        return false;
    }

    // Free text reports only matches that start in [ownedFrom, ownedTo): a piece of an over-long line owns its
    // middle, and the overlap with its neighbours is read for context only.
    private void ReadField(int column, ColumnPlan plan, ReadOnlySpan<char> text, int ownedFrom, int ownedTo)
    {
        var reading = plan.For(column);
        _column = column;
        _slot = reading.Slot;
        _category = plan.Category;
        ref var stats = ref _result.Stats(column);
        var lead = 0;
        while (lead < text.Length && IsSpace(text[lead]))
        {
            lead++;
        }

        if (lead < text.Length)
        {
            stats.Values++;
        }

        switch (reading.Role)
        {
            case ColumnRole.Identifier:
                var end = text.Length;
                while (end > lead && IsSpace(text[end - 1]))
                {
                    end--;
                }

                _fieldBase += lead < end ? lead : 0;
                ReadIdentifier(text[lead..end], reading, ref stats);
                break;
            case ColumnRole.FreeText:
                if (ownedFrom > 0 || ownedTo < text.Length || !ReadTextCredential(text, reading.Kinds))
                {
                    _text.Scan(text, ownedFrom, ownedTo, reading.Kinds, this);
                }

                break;
            case ColumnRole.Skip when reading.RecordTime:
                if (RecordTime.TryParse(text.Trim(), out var time) && time.Ticks > _result.NewestTicks)
                {
                    _result.NewestTicks = time.Ticks;
                }

                break;
            default:
                break;
        }
    }

    // A line starting with '#' after white space. Trimmed with IsSpace: a dump line starts with a name, and
    // char.IsWhiteSpace's table lookup for its first Han character was 1 % of a dump scan (issue 16).
    private static bool IsBanner(ReadOnlySpan<char> field)
    {
        var i = 0;
        while (i < field.Length && IsSpace(field[i]))
        {
            i++;
        }

        return i < field.Length && field[i] == '#';
    }

    // char.IsWhiteSpace, without its Unicode table lookup for CJK ideographs: every field is trimmed, and the table
    // lookup for a field starting or ending in Han text was 1 % of a JSON Lines scan (issue 16).
    internal static bool IsSpace(char c) =>
        c < 0x80 ? c == ' ' || (uint)(c - '\t') <= '\r' - '\t' : (uint)(c - '\u4E00') > '\u9FFF' - '\u4E00' && char.IsWhiteSpace(c);

    private void ReadIdentifier(ReadOnlySpan<char> text, ColumnReading reading, ref ColumnCounts stats)
    {
        if (text.IsEmpty)
        {
            return;
        }

        foreach (var kind in reading.Kinds)
        {
            var v = Identifier.Check(kind, text, _canonical);
            if (v.IsValid)
            {
                Add(kind, _canonical.AsSpan(0, v.Length), reading.Confidence, reading.Reason, Whole(text));
                return;
            }
        }

        foreach (var kind in reading.Kinds)
        {
            if (Profiler.MaskedKind(kind) is { } masked && MaskedValue.Check(masked, text, _canonical) is { IsValid: true } mv)
            {
                Add(masked, _canonical.AsSpan(0, mv.Length), reading.Confidence, reading.Reason + "; masked", Whole(text));
                return;
            }
        }

        stats.Invalid++;

        // Not a value of the column's kind: a longer cell may still carry identifiers in text (手机：138… 备用：139…).
        if (text.Length > 24)
        {
            _text.Scan(text, 0, int.MaxValue, reading.Kinds, this);
        }
    }

    // A whole cell read as its column's kind: its span in the field, no free-text explanation.
    private Place Whole(ReadOnlySpan<char> text) => new(_batchRecord, _field, _fieldBase, _fieldBase + text.Length, -1, -1, null, null, null);

    void IFindingSink.Add(IdentifierKind kind, ReadOnlySpan<char> canonical, float confidence, string reason) =>
        Add(kind, canonical, confidence, reason, new Place(_batchRecord, _field, _fieldBase, _fieldBase, -1, -1, null, null, null));

    void IFindingSink.Add(IdentifierKind kind, ReadOnlySpan<char> canonical, float confidence, string reason, in Evidence evidence) =>
        Add(kind, canonical, confidence, reason, FreeTextPlace(evidence));

    private Place FreeTextPlace(in Evidence evidence)
    {
        int start = _fieldBase + evidence.Start, end = _fieldBase + evidence.End;
        long cpStart = start, cpEnd = end;

        // Offsets are reported in code points (Python and Presidio index strings so); they differ from UTF-16
        // positions only after a surrogate pair, which the text scanner notes while folding, so the common case costs
        // nothing.
        if (_text.HasSurrogates || _fieldBase > 0)
        {
            var field = _batch.Field(_batchRecord, _field);
            cpStart -= LowSurrogates(field[..start]);
            cpEnd = cpStart + (end - start) - LowSurrogates(field[start..end]);
        }

        return new Place(_batchRecord, _field, start, end, _lineOffset + cpStart, _lineOffset + cpEnd, evidence.Recognizer, evidence.ContextWord, evidence.Validation);
    }

    private static int LowSurrogates(ReadOnlySpan<char> text)
    {
        var n = 0;
        int at;
        while ((at = text.IndexOfAnyInRange('\uDC00', '\uDFFF')) >= 0)
        {
            n++;
            text = text[(at + 1)..];
        }

        return n;
    }

    private void Add(IdentifierKind kind, ReadOnlySpan<char> canonical, float confidence, string reason, in Place place)
    {
        if (confidence < minConfidence)
        {
            return;
        }

        ref var stats = ref _result.Stats(_column);
        if (kind.IsMasked())
        {
            stats.Masked++;
        }
        else
        {
            stats.Found++;
        }

        // Waybills and credit codes identify parcels and companies, not people: they make no person slot.
        var entry = -1;
        if (IsPersonal(kind))
        {
            if (_slot >= _slotEntry.Length)
            {
                Array.Resize(ref _slotEntry, Math.Max(_slot + 1, _slotEntry.Length * 2));
                Array.Resize(ref _slotStamp, _slotEntry.Length);
            }

            if (_slotStamp[_slot] == _stamp)
            {
                entry = _slotEntry[_slot];
            }
            else
            {
                entry = _result.SlotCategories.Count;
                _result.SlotCategories.Add(_category);
                _slotEntry[_slot] = entry;
                _slotStamp[_slot] = _stamp;
            }
        }

        if (kind is IdentifierKind.BankCard && entry >= 0)
        {
            _result.SlotCategories[entry] |= Category.Property;
        }

        _result.Add(kind, canonical, confidence, reason, _record, _column, entry, place);
    }

    internal static bool IsPersonal(IdentifierKind kind) => KindSpecs.For(kind).IsPersonal;
}
