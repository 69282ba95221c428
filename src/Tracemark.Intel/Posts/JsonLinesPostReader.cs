using System.Text;
using System.Text.Json;
using Tracemark.Scanning.Input;

namespace Tracemark.Intel.Posts;

/// <summary>
/// JSON Lines, one post per line: {"time","author","channel","text"} (also "date", "from"/"user", "chat"/"group",
/// "message"/"content"). Lines are cut from the byte stream and parsed in place; a bad line is reported by number
/// and skipped. Input in another encoding than UTF-8 is decoded line by line first.
/// </summary>
internal static class JsonLinesPostReader
{
    /// <summary>Reads the lines of <paramref name="input"/> (closed when done), decoded as <paramref name="sniffed"/>
    /// says; <paramref name="path"/> names it in posts and problems.</summary>
    public static void Read(string path, Stream input, TextProbe sniffed, Action<Post> sink, Action<IntelProblem> problems)
    {
        if (sniffed.Encoding.CodePage != Encoding.UTF8.CodePage)
        {
            using var text = new StreamReader(input, sniffed.Encoding, detectEncodingFromByteOrderMarks: true);
            long n = 0;
            foreach (var (line, cut) in BoundedLines.Read(text))
            {
                n++;
                Line(path, n, Encoding.UTF8.GetBytes(line), cut, sink, problems);
            }

            return;
        }

        using var stream = input;

        // A byte-order mark is not part of the first record (JSON has no room for one).
        stream.ReadAtLeast(new byte[sniffed.BomLength], sniffed.BomLength, throwOnEndOfStream: false);
        var buffer = new byte[1 << 16];
        var length = 0;
        long number = 0;
        var skipping = false;
        while (true)
        {
            var read = stream.Read(buffer, length, buffer.Length - length);
            length += read;
            var start = 0;
            while (true)
            {
                var newline = Array.IndexOf(buffer, (byte)'\n', start, length - start);
                if (newline < 0)
                {
                    break;
                }

                number++;
                if (!skipping)
                {
                    Line(path, number, buffer.AsSpan(start, newline - start), false, sink, problems);
                }

                skipping = false;
                start = newline + 1;
            }

            if (read == 0)
            {
                if (length > start && !skipping)
                {
                    Line(path, number + 1, buffer.AsSpan(start, length - start), false, sink, problems);
                }

                return;
            }

            var tail = length - start;
            if (start == 0 && tail == buffer.Length)
            {
                if (buffer.Length >= BoundedLines.MaxChars * 4)
                {
                    // An over-long line: report it once and drop bytes until its end.
                    if (!skipping)
                    {
                        problems(new IntelProblem(path, $"line {number + 1:N0}", $"longer than {BoundedLines.MaxChars * 4 >> 20} MiB: skipped"));
                    }

                    skipping = true;
                    length = 0;
                    continue;
                }

                Array.Resize(ref buffer, buffer.Length * 2);
            }
            else
            {
                Buffer.BlockCopy(buffer, start, buffer, 0, tail);
            }

            length = tail;
        }
    }

    /// <summary>Whether one JSON Lines record is an object with a post's text (text, message or content).</summary>
    public static bool HasText(ReadOnlySpan<byte> line)
    {
        var texts = 0;
        Line("-", 1, line, false, _ => texts++, _ => { });
        return texts > 0;
    }

    private static void Line(string path, long number, ReadOnlySpan<byte> line, bool cut, Action<Post> sink, Action<IntelProblem> problems)
    {
        if (line.Length > 0 && line[^1] == '\r')
        {
            line = line[..^1];
        }

        if (line.Length >= 3 && line[0] == 0xEF && line[1] == 0xBB && line[2] == 0xBF)
        {
            line = line[3..];
        }

        if (line.Trim((byte)' ').IsEmpty)
        {
            return;
        }

        if (cut)
        {
            problems(new IntelProblem(path, $"line {number:N0}", "over-long line cut: skipped"));
            return;
        }

        string? time = null, author = null, channel = null, text = null;
        try
        {
            var reader = new Utf8JsonReader(line, new JsonReaderOptions { MaxDepth = 64 });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                problems(new IntelProblem(path, $"line {number:N0}", "not a JSON object: expected {\"time\",\"author\",\"channel\",\"text\"}"));
                return;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.ValueTextEquals("text"u8) || reader.ValueTextEquals("message"u8) || reader.ValueTextEquals("content"u8) ? 't'
                    : reader.ValueTextEquals("author"u8) || reader.ValueTextEquals("from"u8) || reader.ValueTextEquals("user"u8) ? 'a'
                    : reader.ValueTextEquals("channel"u8) || reader.ValueTextEquals("chat"u8) || reader.ValueTextEquals("group"u8) ? 'c'
                    : reader.ValueTextEquals("time"u8) || reader.ValueTextEquals("date"u8) ? 'd'
                    : '-';
                reader.Read();
                if (name == '-' || reader.TokenType is not (JsonTokenType.String or JsonTokenType.Number))
                {
                    reader.Skip();
                    continue;
                }

                var value = reader.TokenType == JsonTokenType.String ? reader.GetString() : Encoding.UTF8.GetString(reader.ValueSpan);
                switch (name)
                {
                    case 't': text = value; break;
                    case 'a': author = value; break;
                    case 'c': channel = value; break;
                    default: time = value; break;
                }
            }

            while (reader.Read())
            {
            }
        }
        catch (JsonException e)
        {
            problems(new IntelProblem(path, $"line {number:N0}", $"not valid JSON ({PostSource.JsonReason(e)}): skipped"));
            return;
        }
        catch (InvalidOperationException)
        {
            problems(new IntelProblem(path, $"line {number:N0}", "a string is not valid UTF-8: skipped"));
            return;
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            problems(new IntelProblem(path, $"line {number:N0}", "no \"text\": skipped"));
            return;
        }

        var who = author ?? string.Empty;
        var account = who.Length > 0 ? $"forum:{channel}/{who}" : $"post:{path}#{number}";
        sink(new Post(path, number, PostTime.Parse(time), who, account, channel, text));
    }
}
