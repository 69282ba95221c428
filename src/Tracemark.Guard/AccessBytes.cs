using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;
using Tracemark.Store;

namespace Tracemark.Guard;

/// <summary>
/// The access log's CSV read from its bytes: a header line, comma-separated fields with RFC 4180 quotes, as
/// <see cref="GuardReplay.AccessLines"/> reads it (a last line without its line break, or one ending inside quotes, is
/// truncated; a carriage return outside quotes is dropped) but without a string per field: a replay of 100 M rows
/// would otherwise make 600 M strings. Fields are slices of the read buffer; only a quoted field or one holding a
/// carriage return is copied (unescaped) into a second buffer. Hand-written because the CSV libraries the project
/// uses hand out strings (docs/benchmarks.md, guard).
/// </summary>
internal sealed class AccessBytes : IDisposable
{
    // A record longer than this is not an access row: it is reported and skipped, so that a stray quote cannot make
    // the reader hold the rest of a large file in memory.
    private const int MaxRecord = 1 << 20;

    private readonly Stream _stream;
    private readonly string _path;
    private byte[] _buffer;
    private byte[] _copy = ArrayPool<byte>.Shared.Rent(1 << 12);
    private int _start;
    private int _end;
    private bool _eof;
    private long _line;
    private int[] _fieldStart = new int[16];
    private int[] _fieldLength = new int[16];
    private bool[] _fieldCopied = new bool[16];
    private Dictionary<string, int> _columns = new(StringComparer.OrdinalIgnoreCase);

    public AccessBytes(Stream stream, string path, params string[] required)
        : this(stream, path, 1 << 18, required)
    {
    }

    /// <summary>With a read buffer of at least <paramref name="bufferSize"/> bytes (tests use tiny ones, so that records cross refills).</summary>
    internal AccessBytes(Stream stream, string path, int bufferSize, params string[] required)
    {
        (_stream, _path) = (stream, path);
        _buffer = ArrayPool<byte>.Shared.Rent(bufferSize);
        Required = required.Length == 0 ? ["time", "channel_id", "customer_id", "action"] : required;
    }

    private string[] Required { get; }

    /// <summary>Fields in the header.</summary>
    public int Width { get; private set; }

    /// <summary>Fields in the current record.</summary>
    public int Count { get; private set; }

    /// <summary>The file line the current record starts on.</summary>
    public long Line { get; private set; }

    /// <summary>False when the file ended inside the current record (no line break, or inside quotes).</summary>
    public bool Complete { get; private set; }

    /// <summary>Set when the current record was longer than any access row could be and was skipped.</summary>
    public bool TooLong { get; private set; }

    /// <summary>The column of a header name, or −1.</summary>
    public int Column(string name) => _columns.TryGetValue(name, out var i) ? i : -1;

    /// <summary>A field of the current record, trimmed; empty when the column is missing or the record is short.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public ReadOnlySpan<byte> Field(int column)
    {
        if ((uint)column >= (uint)Count)
        {
            return [];
        }

        var span = (_fieldCopied[column] ? _copy : _buffer).AsSpan(_fieldStart[column], _fieldLength[column]);
        return span[Ascii.Trim(span)];
    }

    /// <summary>Reads the header: column names, trimmed and case-insensitive, the first of a repeated name counting. False for an empty file.</summary>
    public bool ReadHeader()
    {
        if (!Next())
        {
            return false;
        }

        _columns = new(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < Count; i++)
        {
            _columns.TryAdd(Encoding.UTF8.GetString(Field(i)).Trim(), i);
        }

        Width = Count;
        var missing = Required.Where(r => !_columns.ContainsKey(r)).ToList();
        if (missing.Count > 0)
        {
            throw new StoreException($"{_path} line 1: missing column(s) {string.Join(", ", missing)}");
        }

        return true;
    }

    /// <summary>The next record other than a blank line; false at the end of the file.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool Next()
    {
        while (Record())
        {
            if (!(Count == 1 && _fieldLength[0] == 0 && Complete))
            {
                return true;
            }
        }

        return false;
    }

    // One record from _start; refills the buffer and starts the record again when it runs past the bytes read.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool Record()
    {
        while (true)
        {
            if (_start == _end && !Fill())
            {
                return false;
            }

            if (_line == 0 && _buffer.AsSpan(_start, _end - _start).StartsWith("\uFEFF"u8))
            {
                _start += 3;
            }

            var parsed = Parse(out var lines);
            if (parsed >= 0)
            {
                Line = _line + 1;
                _line += lines;
                _start = parsed;
                return true;
            }

            if (_end - _start >= MaxRecord)
            {
                SkipLongRecord();
                return true;
            }

            if (!Fill())
            {
                // The file ends inside the record: parse what there is as truncated.
                Parse(out lines, atEnd: true);
                Line = _line + 1;
                _line += lines;
                _start = _end;
                return true;
            }
        }
    }

    // Parses the record at _start. Returns the position after it, or −1 when the bytes read end before it does (and
    // it is not the end of the file); `lines` counts the line breaks it spans.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int Parse(out int lines, bool atEnd = false)
    {
        var data = _buffer.AsSpan(0, _end);
        var p = _start;
        var copied = 0;
        lines = 0;
        Count = 0;
        Complete = true;
        TooLong = false;
        while (true)
        {
            var field = Count;
            if (field == _fieldStart.Length)
            {
                Array.Resize(ref _fieldStart, field * 2);
                Array.Resize(ref _fieldLength, field * 2);
                Array.Resize(ref _fieldCopied, field * 2);
            }

            Count++;
            if (p < data.Length && data[p] == (byte)'"')
            {
                // Quoted: unescape into the copy buffer; what follows the closing quote up to the separator is kept too.
                var begin = copied;
                p++;
                var quoted = true;
                while (true)
                {
                    if (p >= data.Length)
                    {
                        if (!atEnd)
                        {
                            return -1;
                        }

                        Close(field, begin, ref copied, true);
                        Complete = false;
                        return data.Length;
                    }

                    var b = data[p];
                    if (quoted)
                    {
                        if (b == (byte)'"')
                        {
                            if (p + 1 >= data.Length && !atEnd)
                            {
                                return -1;
                            }

                            if (p + 1 < data.Length && data[p + 1] == (byte)'"')
                            {
                                Append(ref copied, b);
                                p += 2;
                                continue;
                            }

                            quoted = false;
                            p++;
                            continue;
                        }

                        lines += b == (byte)'\n' ? 1 : 0;
                        Append(ref copied, b);
                        p++;
                        continue;
                    }

                    if (b == (byte)',')
                    {
                        Close(field, begin, ref copied, true);
                        p++;
                        break;
                    }

                    if (b == (byte)'\n')
                    {
                        Close(field, begin, ref copied, true);
                        lines++;
                        return p + 1;
                    }

                    if (b != (byte)'\r')
                    {
                        Append(ref copied, b);
                    }

                    p++;
                }

                continue;
            }

            var rest = data[p..];
            var at = rest.IndexOfAny((byte)',', (byte)'\n');
            if (at < 0)
            {
                if (!atEnd)
                {
                    return -1;
                }

                Slice(field, p, rest.Length, ref copied);
                Complete = false;
                return data.Length;
            }

            Slice(field, p, at, ref copied);
            p += at + 1;
            if (rest[at] == (byte)'\n')
            {
                lines++;
                return p;
            }
        }
    }

    // An unquoted field: a slice of the buffer, or a copy without its carriage returns when it has any.
    private void Slice(int field, int start, int length, ref int copied)
    {
        var span = _buffer.AsSpan(start, length);
        if (span.IndexOf((byte)'\r') < 0)
        {
            (_fieldStart[field], _fieldLength[field], _fieldCopied[field]) = (start, length, false);
            return;
        }

        var begin = copied;
        foreach (var b in span)
        {
            if (b != (byte)'\r')
            {
                Append(ref copied, b);
            }
        }

        Close(field, begin, ref copied, true);
    }

    private void Close(int field, int begin, ref int copied, bool inCopy) =>
        (_fieldStart[field], _fieldLength[field], _fieldCopied[field]) = (begin, copied - begin, inCopy);

    private void Append(ref int copied, byte b)
    {
        if (copied == _copy.Length)
        {
            var bigger = ArrayPool<byte>.Shared.Rent(_copy.Length * 2);
            _copy.AsSpan().CopyTo(bigger);
            ArrayPool<byte>.Shared.Return(_copy);
            _copy = bigger;
        }

        _copy[copied++] = b;
    }

    // Skips a record longer than MaxRecord up to the next line break; it is reported as one field, incomplete.
    private void SkipLongRecord()
    {
        Line = _line + 1;
        while (true)
        {
            var at = _buffer.AsSpan(_start, _end - _start).IndexOf((byte)'\n');
            if (at >= 0)
            {
                _start += at + 1;
                break;
            }

            _start = _end;
            if (!Fill())
            {
                break;
            }
        }

        _line++;
        Count = 0;
        Complete = false;
        TooLong = true;
    }

    // Moves the unread bytes to the front (growing the buffer when a record fills it) and reads more; false at the end.
    private bool Fill()
    {
        if (_eof)
        {
            return false;
        }

        var unread = _end - _start;
        if (unread == _buffer.Length)
        {
            var bigger = ArrayPool<byte>.Shared.Rent(_buffer.Length * 2);
            _buffer.AsSpan(_start, unread).CopyTo(bigger);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = bigger;
        }
        else if (_start > 0)
        {
            _buffer.AsSpan(_start, unread).CopyTo(_buffer);
        }

        (_start, _end) = (0, unread);
        var read = _stream.Read(_buffer, _end, _buffer.Length - _end);
        if (read == 0)
        {
            _eof = true;
            return false;
        }

        _end += read;
        return true;
    }

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_buffer);
        ArrayPool<byte>.Shared.Return(_copy);
        _buffer = _copy = [];
    }
}
