using System.Buffers;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using Tracemark.Scanning.Input;

namespace Tracemark.Scanning.Reading;

/// <summary>
/// JSON Lines (one object per line; a broken line is reported and skipped) and JSON documents (streamed: records
/// are the objects of the first array of objects, e.g. a top-level array or {"data": [...]}; a document without one
/// is a single record). Fields are the string and number values, named by key path ("user.phone"); array elements
/// share their array's name. Column names are resolved without allocating once seen.
/// </summary>
internal sealed class JsonRecordReader : IRecordReader
{
    private static readonly JsonReaderOptions Options = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true, MaxDepth = 256 };

    private readonly TextWindow _window;
    private readonly Table _table;
    private readonly Action<ScanError> _errors;
    private readonly bool _lines;
    private readonly bool _raw;
    private readonly Encoder _encoder = new UTF8Encoding(false, false).GetEncoder();
    private readonly List<Dictionary<string, int>> _children = [];
    private readonly Dictionary<string, int> _rootChildren = new(StringComparer.Ordinal);
    private byte[] _bytes = new byte[256 * 1024];
    private char[] _chars = new char[4096];
    private int _byteLength;
    private long _replacementsSeen;
    private long _line;
    private bool _failed;

    // Document mode: streaming state across calls.
    private JsonReaderState _state = new(Options);
    private readonly List<int> _stack = [];        // JSON Lines: column of each open container
    private readonly List<int> _path = [];        // column of each open container (-1 for the root)
    private readonly List<bool> _isArray = [];
    private int _pendingColumn = -1;
    private int _recordDepth = -1;
    private long _records;
    private bool _inRecord;
    private bool _documentDone;
    private readonly List<(int Column, string Value)> _outside = [];

    // Values of columns the plan never reads are not transcoded (see AddValue); false keeps every value's text.
    private readonly bool _skipUnread;

    // Flat JSON Lines records are read by TryParseFlat; false reads every line with Utf8JsonReader (tests hold the two
    // to the same records, fields and errors).
    private readonly bool _flat;

    // rawUtf8: the window holds UTF-8, so JSON Lines are parsed from its bytes as read.
    public JsonRecordReader(TextWindow window, Table table, bool lines, Action<ScanError> errors, bool rawUtf8 = false, bool skipUnread = true, bool flat = true)
    {
        _skipUnread = skipUnread;
        _flat = flat;
        _window = window;
        _table = table;
        _lines = lines;
        _raw = lines && rawUtf8;
        _errors = errors;
        if (_raw)
        {
            _window.BeginBytes();
        }
    }

    public long BytesRead => _window.BytesRead;

    /// <summary>Lines read by the flat reader rather than Utf8JsonReader (for tests).</summary>
    internal long FlatLines { get; private set; }

    public bool Read(RecordBatch batch)
    {
        batch.Clear();
        batch.Table = _table;
        if (_raw)
        {
            ReadRawLines(batch);
        }
        else if (_lines)
        {
            ReadLines(batch);
        }
        else if (!_failed && !_documentDone)
        {
            ReadDocument(batch);
        }

        LineReader.ReportReplacements(_window, _table, batch, _errors, ref _replacementsSeen);
        return batch.Count > 0;
    }

    private void ReadLines(RecordBatch batch)
    {
        while (!batch.IsFull)
        {
            var span = _window.Available;
            var newline = span.IndexOf('\n');
            if (newline < 0 && _window.Fill())
            {
                continue;
            }

            span = _window.Available;
            if (span.IsEmpty)
            {
                return;
            }

            if (newline < 0 && !_window.AtEnd)
            {
                // A line longer than the window cannot be one JSON record we can hold: report and skip it.
                _line++;
                _errors(new ScanError(_table.Source, _line, $"JSON line longer than {TextWindow.MaxWindow / (1024 * 1024)} MB; skipped"));
                SkipToNewline();
                continue;
            }

            var length = newline >= 0 ? newline : span.Length;
            var line = span[..length].TrimEnd('\r');
            _line++;
            if (!line.IsWhiteSpace())
            {
                ParseLine(line, batch);
            }

            _window.Advance(newline >= 0 ? newline + 1 : span.Length);
        }
    }

    // UTF-8 JSON Lines straight from the bytes read: no decoding to UTF-16 and re-encoding for Utf8JsonReader; only
    // the values are transcoded. Lines and errors are exactly those of ReadLines: a line that is not valid UTF-8 is
    // decoded with replacement characters and parsed as ReadLines would.
    private void ReadRawLines(RecordBatch batch)
    {
        while (!batch.IsFull)
        {
            var span = _window.AvailableBytes;
            var newline = span.IndexOf((byte)'\n');
            if (newline < 0 && _window.FillBytes())
            {
                continue;
            }

            span = _window.AvailableBytes;
            if (span.IsEmpty)
            {
                return;
            }

            var length = newline >= 0 ? newline : span.Length;
            if ((newline < 0 && !_window.BytesAtEnd) || (length > TextWindow.MaxWindow - 1024 && Encoding.UTF8.GetCharCount(span[..length]) > TextWindow.MaxWindow - 1024))
            {
                _line++;
                _errors(new ScanError(_table.Source, _line, $"JSON line longer than {TextWindow.MaxWindow / (1024 * 1024)} MB; skipped"));
                SkipRawToNewline();
                continue;
            }

            var line = span[..length].TrimEnd((byte)'\r');

            _line++;
            if (_window.InvalidUtf8Seen && !Utf8.IsValid(line))
            {
                var chars = Encoding.UTF8.GetChars(line.ToArray()).AsSpan().TrimEnd('\r');
                if (!chars.IsWhiteSpace())
                {
                    ParseLine(chars, batch);
                }
            }
            else if (!IsWhiteSpace(line))
            {
                ParseUtf8Line(line, batch);
            }

            _window.AdvanceBytes(newline >= 0 ? newline + 1 : span.Length);
        }
    }

    // As ReadOnlySpan<char>.IsWhiteSpace on the decoded line: decoded only when a non-ASCII character could be a space.
    private static bool IsWhiteSpace(ReadOnlySpan<byte> line)
    {
        foreach (var b in line)
        {
            if (b >= 0x80)
            {
                return Encoding.UTF8.GetString(line).AsSpan().IsWhiteSpace();
            }

            if (!char.IsWhiteSpace((char)b))
            {
                return false;
            }
        }

        return true;
    }

    private void SkipRawToNewline()
    {
        while (true)
        {
            var span = _window.AvailableBytes;
            var nl = span.IndexOf((byte)'\n');
            if (nl >= 0)
            {
                _window.AdvanceBytes(nl + 1);
                return;
            }

            _window.AdvanceBytes(span.Length);
            if (!_window.FillBytes())
            {
                return;
            }
        }
    }

    private void SkipToNewline()
    {
        while (true)
        {
            var span = _window.Available;
            var nl = span.IndexOf('\n');
            if (nl >= 0)
            {
                _window.Advance(nl + 1);
                return;
            }

            _window.Advance(span.Length);
            if (!_window.Fill())
            {
                return;
            }
        }
    }

    private void ParseLine(ReadOnlySpan<char> line, RecordBatch batch)
    {
        var needed = Encoding.UTF8.GetMaxByteCount(line.Length);
        if (needed > _bytes.Length)
        {
            _bytes = new byte[needed];
        }

        var n = Encoding.UTF8.GetBytes(line, _bytes);
        ParseUtf8Line(_bytes.AsSpan(0, n), batch);
    }

    private void ParseUtf8Line(ReadOnlySpan<byte> line, RecordBatch batch)
    {
        var count = batch.Count;
        batch.BeginRecord(_line);
        if (_flat)
        {
            if (TryParseFlat(line, batch))
            {
                FlatLines++;
                return;
            }

            // Not a line the flat reader takes: start the record over and read it with Utf8JsonReader.
            batch.DropLast();
            batch.BeginRecord(_line);
        }

        var reader = new Utf8JsonReader(line, isFinalBlock: true, new JsonReaderState(Options));
        try
        {
            var stack = _stack;
            stack.Clear();
            var pending = -1;
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        pending = ChildColumn(stack.Count > 0 ? stack[^1] : -1, ref reader);
                        break;
                    case JsonTokenType.StartObject or JsonTokenType.StartArray:
                        stack.Add(pending >= 0 ? pending : stack.Count > 0 ? stack[^1] : -1);
                        pending = -1;
                        break;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        stack.RemoveAt(stack.Count - 1);
                        break;
                    case JsonTokenType.String or JsonTokenType.Number:
                        AddValue(batch, pending >= 0 ? pending : stack.Count > 0 ? stack[^1] : -1, ref reader);
                        pending = -1;
                        break;
                    default:
                        pending = -1;
                        break;
                }
            }
        }
        catch (JsonException ex)
        {
            // Keep nothing of a broken line: its fields could be misattributed.
            while (batch.Count > count)
            {
                batch.DropLast();
            }

            _errors(new ScanError(_table.Source, _line, "invalid JSON, line skipped: " + Plain(ex)));
        }
    }

    private void ReadDocument(RecordBatch batch)
    {
        while (!batch.IsFull || _inRecord)
        {
            if (!FillBytes() && _byteLength == 0)
            {
                FinishDocument(batch);
                return;
            }

            var final = _window.AtEnd && _window.Available.IsEmpty;
            var reader = new Utf8JsonReader(_bytes.AsSpan(0, _byteLength), final, _state);
            var progressed = false;
            try
            {
                // A full batch is handed on only between records: an open record must end in the batch it began in.
                while ((!batch.IsFull || _inRecord) && reader.Read())
                {
                    progressed = true;
                    Token(ref reader, batch);
                }
            }
            catch (JsonException ex)
            {
                DropOpenRecord(batch);
                _errors(new ScanError(_table.Source, _records + 1, "invalid JSON; the rest of the document was not read: " + Plain(ex)));
                _failed = true;
                return;
            }

            var consumed = (int)reader.BytesConsumed;
            _state = reader.CurrentState;
            _bytes.AsSpan(consumed, _byteLength - consumed).CopyTo(_bytes);
            _byteLength -= consumed;
            if (final && _byteLength == 0)
            {
                FinishDocument(batch);
                return;
            }

            if (!progressed && !FillBytes())
            {
                if (_byteLength >= _bytes.Length)
                {
                    _errors(new ScanError(_table.Source, _records + 1, "a JSON value is larger than the read window; the rest of the document was not read"));
                    _failed = true;
                    return;
                }

                if (final)
                {
                    DropOpenRecord(batch);
                    _errors(new ScanError(_table.Source, _records + 1, "the JSON document ends early (truncated); the unfinished record was not used"));
                    FinishDocument(batch);
                    return;
                }
            }
        }
    }

    private void Token(ref Utf8JsonReader reader, RecordBatch batch)
    {
        var depth = _path.Count;
        switch (reader.TokenType)
        {
            case JsonTokenType.PropertyName:
                _pendingColumn = ChildColumn(_path.Count > 0 ? _path[^1] : -1, ref reader);
                return;
            case JsonTokenType.StartArray:
                _path.Add(Current());
                _isArray.Add(true);
                _pendingColumn = -1;
                return;
            case JsonTokenType.StartObject:
                if (_recordDepth < 0 && depth > 0 && _isArray[^1])
                {
                    _recordDepth = depth;
                }

                if (depth == _recordDepth && _isArray[^1])
                {
                    _records++;
                    batch.BeginRecord(_records);
                    _inRecord = true;

                    // Inside a record, names are relative to it.
                    _path.Add(-1);
                }
                else
                {
                    _path.Add(Current());
                }

                _isArray.Add(false);
                _pendingColumn = -1;
                return;
            case JsonTokenType.EndObject or JsonTokenType.EndArray:
                _path.RemoveAt(_path.Count - 1);
                _isArray.RemoveAt(_isArray.Count - 1);
                if (reader.TokenType == JsonTokenType.EndObject && _path.Count == _recordDepth)
                {
                    _inRecord = false;
                }

                return;
            case JsonTokenType.String or JsonTokenType.Number:
                if (_inRecord)
                {
                    AddValue(batch, Current(), ref reader);
                }
                else
                {
                    _outside.Add((Current(), ValueText(ref reader).ToString()));
                }

                _pendingColumn = -1;
                return;
            default:
                _pendingColumn = -1;
                return;
        }
    }

    // Values outside any record array: one more record at the end (record 1 when the document had no array of records).
    private void FinishDocument(RecordBatch batch)
    {
        if (batch.IsFull)
        {
            // Finished on the next call, with an empty batch: the values outside records must not be lost.
            return;
        }

        _documentDone = true;
        if (_outside.Count == 0)
        {
            return;
        }

        batch.BeginRecord(_records == 0 ? 1 : _records + 1);
        foreach (var (column, value) in _outside)
        {
            batch.AddField(column, value);
        }

        _outside.Clear();
    }

    // A record cut off by an error or the end of input: its fields could be misleading, so it is not kept.
    private void DropOpenRecord(RecordBatch batch)
    {
        if (_inRecord && batch.Count > 0)
        {
            batch.DropLast();
            _records--;
            _inRecord = false;
        }
    }

    private int Current() => _pendingColumn >= 0 ? _pendingColumn : _path.Count > 0 ? _path[^1] : -1;

    private bool FillBytes()
    {
        if (_window.Available.IsEmpty && !_window.Fill())
        {
            return false;
        }

        var chars = _window.Available;
        var room = _bytes.Length - _byteLength;
        if (room < 16)
        {
            if (_bytes.Length >= TextWindow.MaxWindow * 3)
            {
                return false;
            }

            Array.Resize(ref _bytes, _bytes.Length * 2);
            room = _bytes.Length - _byteLength;
        }

        // Convert as many characters as fit; the encoder carries a surrogate pair split across calls.
        _encoder.Convert(chars, _bytes.AsSpan(_byteLength, room), flush: _window.AtEnd, out var used, out var produced, out _);
        _window.Advance(used);
        _byteLength += produced;
        return used > 0;
    }

    // Property names as read (UTF-8, unescaped) with their parent and column. Records of a JSON Lines file repeat the
    // same names in the same order, so the name after the last one found is tried first; decoding every name and
    // looking it up by its characters was 4 % of a JSON Lines scan (issue 16). Bounded: files whose names vary (maps
    // keyed by values) fall back to the lookup below for names beyond the first few dozen.
    private readonly List<(int Parent, byte[] Raw, int Column)> _rawNames = [];
    private int _nextRawName;
    private const int MaxRawNames = 64;

    private int ChildColumn(int parent, ref Utf8JsonReader reader) =>
        reader.ValueIsEscaped || reader.HasValueSequence ? ChildColumnByText(parent, ValueText(ref reader)) : ChildColumn(parent, reader.ValueSpan);

    // A name by its bytes as written (not escaped, valid UTF-8).
    private int ChildColumn(int parent, ReadOnlySpan<byte> raw)
    {
        var names = CollectionsMarshal.AsSpan(_rawNames);
        for (int k = _nextRawName, tried = 0; tried < names.Length; tried++, k = k + 1 == names.Length ? 0 : k + 1)
        {
            ref readonly var known = ref names[k];
            if (known.Parent == parent && raw.SequenceEqual(known.Raw))
            {
                _nextRawName = k + 1 == names.Length ? 0 : k + 1;
                return known.Column;
            }
        }

        var column = ChildColumnByText(parent, Decode(raw));
        if (_rawNames.Count < MaxRawNames)
        {
            _rawNames.Add((parent, raw.ToArray(), column));
            _nextRawName = 0;
        }

        return column;
    }

    private int ChildColumnByText(int parent, ReadOnlySpan<char> name)
    {
        var children = parent < 0 ? _rootChildren : Children(parent);
        var lookup = children.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.TryGetValue(name, out var column))
        {
            return column;
        }

        var full = parent < 0 ? name.ToString() : string.Concat(_table.Columns[parent], ".", name);
        column = _table.ColumnOf(full);
        children[name.ToString()] = column;
        return column;
    }

    private Dictionary<string, int> Children(int parent)
    {
        while (_children.Count <= parent)
        {
            _children.Add(new Dictionary<string, int>(StringComparer.Ordinal));
        }

        return _children[parent];
    }

    // Decoding only what detection reads (issue 16): once the table is planned, a value of a column the plan skips
    // (uid, nickname, order_no, balance … — five of the twelve values of a typical app record) is neither transcoded
    // nor copied; the detector only asks whether it is blank, so it gets an empty field or a one-character stand-in.
    // Values whose blankness needs decoding (escaped, non-ASCII, split across buffers) are read as before.
    private const string Unread = "\u2026";

    private void AddValue(RecordBatch batch, int column, ref Utf8JsonReader reader)
    {
        if (_skipUnread && column >= 0 && _table.Plan is { } plan && column < plan.Unread.Length && plan.Unread[column]
            && !reader.HasValueSequence && !reader.ValueIsEscaped && IsAsciiBlank(reader.ValueSpan) is { } blank)
        {
            batch.AddField(column, blank ? [] : Unread);
            return;
        }

        batch.AddField(column, ValueText(ref reader));
    }

    // Whether ASCII text is blank as ReadOnlySpan<char>.IsWhiteSpace would say; null when it holds non-ASCII bytes.
    private static bool? IsAsciiBlank(ReadOnlySpan<byte> value)
    {
        if (!Ascii.IsValid(value))
        {
            return null;
        }

        foreach (var b in value)
        {
            if (!char.IsWhiteSpace((char)b))
            {
                return false;
            }
        }

        return true;
    }

    private ReadOnlySpan<char> Decode(ReadOnlySpan<byte> raw)
    {
        if (_chars.Length < raw.Length)
        {
            _chars = new char[Math.Max(raw.Length, _chars.Length * 2)];
        }

        return _chars.AsSpan(0, Encoding.UTF8.GetChars(raw, _chars));
    }

    // Hand-written for speed (issue 16): Utf8JsonReader took about 28 ns a token, 0.3 CPU-s of the 139 MB JSON Lines
    // bench file (10 M tokens), a third of the reading thread. Nearly every line of a leak's JSON Lines export is one
    // flat object of names and string, number or literal values; this reads exactly such a line, a strict subset of
    // what Utf8JsonReader accepts, giving the same fields in the same columns. At anything else — nesting, an escape,
    // a control character, a comment, a trailing comma, a number or literal not written as JSON requires, text after
    // the object, bytes that are not UTF-8 — it returns false, having registered no name that Utf8JsonReader would not
    // also read before that point, and the caller reads the line again with Utf8JsonReader (its fields and errors as
    // before). A property test holds the two paths to the same records, fields and errors.
    private static readonly SearchValues<byte> StringStops = SearchValues.Create(
        [.. Enumerable.Range(0, 0x20).Select(b => (byte)b), (byte)'"', (byte)'\\']);

    private bool TryParseFlat(ReadOnlySpan<byte> line, RecordBatch batch)
    {
        var i = SkipSpace(line, 0);
        if (i >= line.Length || line[i] != '{')
        {
            return false;
        }

        i = SkipSpace(line, i + 1);
        if (i < line.Length && line[i] == '}')
        {
            return SkipSpace(line, i + 1) == line.Length;
        }

        while (true)
        {
            if (!TryString(line, ref i, out var name))
            {
                return false;
            }

            i = SkipSpace(line, i);
            if (i >= line.Length || line[i] != ':')
            {
                return false;
            }

            i = SkipSpace(line, i + 1);
            if (i >= line.Length)
            {
                return false;
            }

            var column = ChildColumn(-1, name);
            var c = line[i];
            if (c == '"')
            {
                if (!TryString(line, ref i, out var value) || !TryAddRaw(batch, column, value))
                {
                    return false;
                }
            }
            else if (c == '-' || (uint)(c - '0') <= 9)
            {
                var start = i;
                if (!TryNumber(line, ref i) || !TryAddRaw(batch, column, line[start..i]))
                {
                    return false;
                }
            }
            else if (!TryLiteral(line, ref i))
            {
                return false;
            }

            // After a value: a space, a comma or the end of the object (a number or literal must not run on).
            i = SkipSpace(line, i);
            if (i >= line.Length)
            {
                return false;
            }

            if (line[i] == '}')
            {
                return SkipSpace(line, i + 1) == line.Length;
            }

            if (line[i] != ',')
            {
                return false;
            }

            // A trailing comma (allowed by the options) is left to Utf8JsonReader.
            i = SkipSpace(line, i + 1);
        }
    }

    private static int SkipSpace(ReadOnlySpan<byte> line, int i)
    {
        while (i < line.Length && line[i] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
        {
            i++;
        }

        return i;
    }

    // A string with no escape or control character; i is on its opening quote and ends after the closing one.
    private static bool TryString(ReadOnlySpan<byte> line, ref int i, out ReadOnlySpan<byte> text)
    {
        text = default;
        if (i >= line.Length || line[i] != '"')
        {
            return false;
        }

        var rest = line[(i + 1)..];
        var end = rest.IndexOfAny(StringStops);
        if (end < 0 || rest[end] != '"')
        {
            return false;
        }

        text = rest[..end];
        i += end + 2;
        return true;
    }

    // A number as JSON writes it: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?
    private static bool TryNumber(ReadOnlySpan<byte> line, ref int i)
    {
        if (line[i] == '-')
        {
            i++;
        }

        if (i >= line.Length || !char.IsAsciiDigit((char)line[i]))
        {
            return false;
        }

        if (line[i] == '0')
        {
            i++;
        }
        else
        {
            i = Digits(line, i);
        }

        if (i < line.Length && line[i] == '.')
        {
            var from = ++i;
            i = Digits(line, i);
            if (i == from)
            {
                return false;
            }
        }

        if (i < line.Length && (line[i] | 0x20) == 'e')
        {
            i++;
            if (i < line.Length && line[i] is (byte)'+' or (byte)'-')
            {
                i++;
            }

            var from = i;
            i = Digits(line, i);
            if (i == from)
            {
                return false;
            }
        }

        return i < line.Length && line[i] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' or (byte)',' or (byte)'}';
    }

    private static int Digits(ReadOnlySpan<byte> line, int i)
    {
        while (i < line.Length && char.IsAsciiDigit((char)line[i]))
        {
            i++;
        }

        return i;
    }

    // true, false or null: not a field (Utf8JsonReader's path skips them too).
    private static bool TryLiteral(ReadOnlySpan<byte> line, ref int i)
    {
        var rest = line[i..];
        var length = rest.StartsWith("true"u8) || rest.StartsWith("null"u8) ? 4 : rest.StartsWith("false"u8) ? 5 : 0;
        if (length == 0 || rest.Length == length || rest[length] is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' or (byte)',' or (byte)'}'))
        {
            return false;
        }

        i += length;
        return true;
    }

    // A value's field, as AddValue would make it, transcoded straight into the batch; false for bytes that are not UTF-8.
    private bool TryAddRaw(RecordBatch batch, int column, ReadOnlySpan<byte> value)
    {
        if (_skipUnread && column >= 0 && _table.Plan is { } plan && column < plan.Unread.Length && plan.Unread[column]
            && IsAsciiBlank(value) is { } blank)
        {
            batch.AddField(column, blank ? [] : Unread);
            return true;
        }

        if (Utf8.ToUtf16(value, batch.Room(value.Length), out _, out var written, replaceInvalidSequences: false) != OperationStatus.Done)
        {
            return false;
        }

        batch.AddWritten(column, written);
        return true;
    }

    // The token's text: strings unescaped, numbers as written.
    private ReadOnlySpan<char> ValueText(ref Utf8JsonReader reader)
    {
        var length = reader.HasValueSequence ? (int)reader.ValueSequence.Length : reader.ValueSpan.Length;
        if (_chars.Length < length)
        {
            _chars = new char[Math.Max(length, _chars.Length * 2)];
        }

        if (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName)
        {
            var n = reader.CopyString(_chars);
            return _chars.AsSpan(0, n);
        }

        var raw = reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan;
        var count = Encoding.UTF8.GetChars(raw, _chars);
        return _chars.AsSpan(0, count);
    }

    private static string Plain(JsonException ex) =>
        ex.LineNumber is { } line && ex.BytePositionInLine is { } pos
            ? string.Create(CultureInfo.InvariantCulture, $"{ex.Message.Split(". ")[0]} (line {line + 1}, byte {pos + 1})")
            : ex.Message;

    public void Dispose() => _window.Dispose();
}
