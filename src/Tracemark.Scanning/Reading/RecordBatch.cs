namespace Tracemark.Scanning.Reading;

/// <summary>
/// Up to <see cref="Capacity"/> records of one table, their fields stored as ranges into one character buffer, so
/// reading allocates nothing per field. Batches are reused: <see cref="Clear"/> before filling again.
/// </summary>
internal sealed class RecordBatch
{
    public const int Capacity = 1024;

    // Pieces of one long line are separate records: without a text bound, one batch could hold a whole
    // many-megabyte line, and every pooled batch would keep a buffer that size.
    private const int TextBudget = 1 << 20;

    private char[] _text = new char[64 * 1024];
    private int[] _fieldStart = new int[8 * Capacity];
    private int[] _fieldLength = new int[8 * Capacity];
    private int[] _fieldColumn = new int[8 * Capacity];
    private readonly int[] _firstField = new int[Capacity + 1];
    private readonly long[] _number = new long[Capacity];
    private readonly long[] _line = new long[Capacity];
    private readonly int[] _ownedFrom = new int[Capacity];
    private readonly int[] _ownedTo = new int[Capacity];
    private readonly long[] _offset = new long[Capacity];
    private int _textLength;
    private int _fieldCount;

    /// <summary>The table these records belong to.</summary>
    public Table Table { get; set; } = null!;

    /// <summary>Records in the batch.</summary>
    public int Count { get; private set; }

    public bool IsFull => Count == Capacity || _textLength >= TextBudget;

    /// <summary>Characters held (for progress and batching decisions).</summary>
    public int TextLength => _textLength;

    public void Clear()
    {
        Count = 0;
        _textLength = 0;
        _fieldCount = 0;
    }

    /// <summary>Starts a record with its raw number (row index, or line number for text).</summary>
    public void BeginRecord(long number, int ownedFrom = 0, int ownedTo = int.MaxValue, long offset = 0)
    {
        _number[Count] = number;
        _line[Count] = number;
        _offset[Count] = offset;
        _ownedFrom[Count] = ownedFrom;
        _ownedTo[Count] = ownedTo;
        _firstField[Count] = _fieldCount;
        _firstField[Count + 1] = _fieldCount;
        Count++;
    }

    /// <summary>Adds a field to the current record.</summary>
    public void AddField(int column, ReadOnlySpan<char> text)
    {
        var start = Append(text);
        AddRange(column, start, text.Length);
    }

    /// <summary>Appends text to the buffer without making a field (for fields built in pieces); returns its start.</summary>
    public int Append(ReadOnlySpan<char> text)
    {
        if (_textLength + text.Length > _text.Length)
        {
            Array.Resize(ref _text, Math.Max(_text.Length * 2, _textLength + text.Length));
        }

        text.CopyTo(_text.AsSpan(_textLength));
        var start = _textLength;
        _textLength += text.Length;
        return start;
    }

    /// <summary>Room for at least <paramref name="length"/> characters after the text held, to be written in place
    /// and then made a field with <see cref="AddWritten"/>.</summary>
    public Span<char> Room(int length)
    {
        if (_textLength + length > _text.Length)
        {
            Array.Resize(ref _text, Math.Max(_text.Length * 2, _textLength + length));
        }

        return _text.AsSpan(_textLength, length);
    }

    /// <summary>Adds a field of the <paramref name="length"/> characters written into <see cref="Room"/>.</summary>
    public void AddWritten(int column, int length)
    {
        var start = _textLength;
        _textLength += length;
        AddRange(column, start, length);
    }

    /// <summary>Adds a field whose text was appended with <see cref="Append"/>.</summary>
    public void AddRange(int column, int start, int length)
    {
        if (_fieldCount == _fieldStart.Length)
        {
            Array.Resize(ref _fieldStart, _fieldCount * 2);
            Array.Resize(ref _fieldLength, _fieldCount * 2);
            Array.Resize(ref _fieldColumn, _fieldCount * 2);
        }

        _fieldStart[_fieldCount] = start;
        _fieldLength[_fieldCount] = length;
        _fieldColumn[_fieldCount] = column;
        _fieldCount++;
        _firstField[Count] = _fieldCount;
    }

    /// <summary>Removes the last record (a reader that finds its header row hands it over separately).</summary>
    public void DropLast()
    {
        Count--;
        _fieldCount = _firstField[Count];
        _textLength = _fieldCount > 0 ? _fieldStart[_fieldCount - 1] + _fieldLength[_fieldCount - 1] : 0;
    }

    public long Number(int record) => _number[record];

    /// <summary>
    /// The line of a text file a record starts on: its raw number, except after records whose quoted fields span
    /// lines (a CSV address over two lines), where the record number falls behind the line.
    /// </summary>
    public long Line(int record) => _line[record];

    /// <summary>Sets the line the current record starts on, when it differs from its number.</summary>
    public void SetLine(long line) => _line[Count - 1] = line;

    /// <summary>
    /// For a piece of an over-long line: candidates starting in [from, to) of its text belong to this piece; the
    /// others to its neighbours (pieces overlap so that context and identifiers at the seams are seen whole).
    /// </summary>
    public (int From, int To) Owned(int record) => (_ownedFrom[record], _ownedTo[record]);

    /// <summary>Code points of the line before this piece (0 unless the record is a piece of a long line).</summary>
    public long Offset(int record) => _offset[record];

    public int FieldCount(int record) => _firstField[record + 1] - _firstField[record];

    public ReadOnlySpan<char> Field(int record, int index)
    {
        var f = _firstField[record] + index;
        return _text.AsSpan(_fieldStart[f], _fieldLength[f]);
    }

    public int Column(int record, int index) => _fieldColumn[_firstField[record] + index];
}
