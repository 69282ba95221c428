using Tracemark.Scanning.Input;

namespace Tracemark.Intel.Posts;

/// <summary>
/// Reads posts through the scanner's input layer (<see cref="TextInputs"/>): folders walked, zip archives opened
/// member by member within the scanner's limits, the encoding sniffed from content (UTF-8, UTF-16 with or without a
/// byte-order mark, GBK/GB18030 — QQ on Chinese Windows writes the ANSI code page). The format is judged from content
/// too — a QQ export named .json or .csv is still a QQ export — and the extension decides only what content leaves
/// open. Posts stream to a sink; nothing is loaded whole.
/// </summary>
internal static class PostSource
{
    public static PostFormat Detect(string path, ReadOnlySpan<byte> head, System.Text.Encoding encoding)
    {
        var text = encoding.GetString(head);
        var trimmed = text.TrimStart('\uFEFF', ' ', '\r', '\n', '\t');
        var extension = Path.GetExtension(path).ToLowerInvariant();
        if (trimmed.StartsWith('{'))
        {
            return DetectJson(trimmed, extension);
        }

        if (WeChatExportReader.IsCsv(text) || IsWeChatText(text))
        {
            return PostFormat.WeChat;
        }

        if (text.Contains("消息记录", StringComparison.Ordinal) || text.Contains("消息对象:", StringComparison.Ordinal))
        {
            return PostFormat.Qq;
        }

        foreach (var line in text.Split('\n').Take(50))
        {
            if (QqExportReader.IsHeader(line.TrimEnd('\r')))
            {
                return PostFormat.Qq;
            }
        }

        // Content that is none of these: a file named as JSON goes to the JSON reader, which says what is wrong with it.
        return extension switch
        {
            ".jsonl" or ".ndjson" => PostFormat.JsonLines,
            ".json" => PostFormat.Telegram,
            _ => PostFormat.Plain,
        };
    }

    // One JSON document spread over lines (Telegram's export) opens with a line holding only "{"; JSON Lines has a
    // whole object on its first line, and so has a Telegram export written on one line — told apart by its
    // "messages" array. A first line that is neither leaves it to the extension.
    private static PostFormat DetectJson(string trimmed, string extension)
    {
        var end = trimmed.IndexOf('\n');
        var first = trimmed.AsSpan(0, end >= 0 ? end : trimmed.Length).Trim();
        if (first is "{")
        {
            return PostFormat.Telegram;
        }

        if (WholeObject(first) is { } hasMessages)
        {
            return hasMessages ? PostFormat.Telegram : PostFormat.JsonLines;
        }

        return extension == ".json" ? PostFormat.Telegram : PostFormat.JsonLines;
    }

    // Null when the line is not one whole JSON object; otherwise whether it has a top-level "messages" array.
    private static bool? WholeObject(ReadOnlySpan<char> line)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(line.ToString());
        var reader = new System.Text.Json.Utf8JsonReader(bytes, new System.Text.Json.JsonReaderOptions { MaxDepth = 256 });
        var messages = false;
        try
        {
            if (!reader.Read() || reader.TokenType != System.Text.Json.JsonTokenType.StartObject)
            {
                return null;
            }

            while (reader.Read() && reader.TokenType == System.Text.Json.JsonTokenType.PropertyName)
            {
                var isMessages = reader.ValueTextEquals("messages"u8);
                if (!reader.Read())
                {
                    return null;
                }

                messages |= isMessages && reader.TokenType == System.Text.Json.JsonTokenType.StartArray;
                if (!reader.TrySkip())
                {
                    return null;
                }
            }

            return reader.TokenType == System.Text.Json.JsonTokenType.EndObject && reader.BytesConsumed == bytes.Length ? messages : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// The inputs to read, found by the scanner's input layer: files as given, folders walked recursively in name
    /// order (symbolic links skipped), zip archives member by member, "-" for standard input.
    /// <see cref="TextInput.Walked"/> says an input came from a folder or an archive, not from the command line.
    /// </summary>
    public static IEnumerable<TextInput> Expand(IEnumerable<string> paths, Func<Stream> stdin, Action<IntelProblem> problems) =>
        TextInputs.Expand(paths, stdin, e => problems(new IntelProblem(e.Source, Directory.Exists(e.Source) ? "folder" : "file", e.Message)));

    /// <summary>
    /// Why an input found in a folder or an archive is not a post export and is passed over (not text; a JSON Lines
    /// file whose first record has no text, such as the labels `tracemark synth posts` writes beside its posts), or
    /// null to read it. Inputs named on the command line are always read, so their problems are reported.
    /// </summary>
    public static string? NotPosts(TextInput input)
    {
        if (input.Probe.NotText is { } what)
        {
            return $"not a text export ({what})";
        }

        var head = input.Head.Span;
        if (head.Length > 0 && Detect(input.Name, head, input.Probe.Encoding) == PostFormat.JsonLines)
        {
            var text = input.Probe.Encoding.GetString(head).TrimStart('\uFEFF', ' ', '\r', '\n', '\t');
            var end = text.IndexOf('\n');
            if (end > 0 && !JsonLinesPostReader.HasText(System.Text.Encoding.UTF8.GetBytes(text[..end])))
            {
                return "JSON Lines without a \"text\" in its first record (not posts)";
            }
        }

        return null;
    }

    /// <summary>MemoTrace's TXT: the first line a bare "yyyy-MM-dd HH:mm:ss[ name]", and a blank line before the next
    /// such header (QQ headers carry an id in brackets and are tried first).</summary>
    private static bool IsWeChatText(string text)
    {
        var lines = text.TrimStart('\uFEFF', '\r', '\n').Split('\n').Take(40).Select(l => l.TrimEnd('\r')).ToList();
        if (lines.Count < 2 || !WeChatExportReader.TextHeader().IsMatch(lines[0]) || QqExportReader.IsHeader(lines[0]))
        {
            return false;
        }

        for (var i = 1; i + 1 < lines.Count; i++)
        {
            if (lines[i].Length == 0 && WeChatExportReader.TextHeader().IsMatch(lines[i + 1]))
            {
                return true;
            }
        }

        return lines.Count <= 3;
    }

    /// <summary>Reads every post of every input of <paramref name="path"/> (a file, a folder, a zip); problems go to
    /// <paramref name="problems"/> and reading goes on. Returns the format of the last input read.</summary>
    public static PostFormat Read(string path, PostFormat format, Action<Post> sink, Action<IntelProblem> problems)
    {
        var read = format;
        foreach (var input in Expand([path], () => Stream.Null, problems))
        {
            read = Read(input, format, sink, problems);
        }

        return read;
    }

    /// <summary>Reads every post of <paramref name="input"/>; problems go to <paramref name="problems"/> and reading goes on.</summary>
    public static PostFormat Read(TextInput input, PostFormat format, Action<Post> sink, Action<IntelProblem> problems)
    {
        var sniffed = input.Probe;
        var path = input.Name;
        if (format == PostFormat.Auto)
        {
            format = Detect(path, input.Head.Span, sniffed.Encoding);
        }

        if (sniffed.NotText is { } what)
        {
            problems(new IntelProblem(path, "start", $"not a text export ({what}): give a Telegram result.json, a QQ .txt export, JSON Lines or plain text"));
            return format;
        }

        switch (format)
        {
            case PostFormat.Telegram:
                TelegramExportReader.Read(path, Utf8(input), sink, problems);
                break;
            case PostFormat.JsonLines:
                JsonLinesPostReader.Read(path, input.Open(), sniffed, sink, problems);
                break;
            case PostFormat.Qq:
                QqExportReader.Read(path, OpenText(input), sink);
                break;
            case PostFormat.WeChat:
                if (WeChatExportReader.IsCsv(sniffed.Encoding.GetString(input.Head.Span)))
                {
                    WeChatExportReader.ReadCsv(input, sink, problems);
                }
                else
                {
                    WeChatExportReader.ReadText(path, OpenText(input), sink);
                }

                break;
            default:
                PlainPostReader.Read(path, OpenText(input), sink);
                break;
        }

        return format;
    }

    /// <summary>A JSON error in words, without the reader's line numbers: they count from the reader's buffer, not the
    /// file, so the readers say the byte or line themselves.</summary>
    public static string JsonReason(System.Text.Json.JsonException e) => e.Message.Split(" LineNumber", 2)[0].TrimEnd('.', ' ');

    private static StreamReader OpenText(TextInput input)
    {
        var stream = input.Open();
        Skip(stream, input.Probe.BomLength);
        return new StreamReader(stream, input.Probe.Encoding, detectEncodingFromByteOrderMarks: false, bufferSize: 1 << 16);
    }

    // The Telegram reader walks UTF-8 bytes; an export saved as UTF-16 or GB18030 is transcoded on the fly.
    private static Stream Utf8(TextInput input)
    {
        if (input.Probe.Encoding.CodePage == System.Text.Encoding.UTF8.CodePage)
        {
            return input.Open();
        }

        var stream = input.Open();
        Skip(stream, input.Probe.BomLength);
        return System.Text.Encoding.CreateTranscodingStream(stream, input.Probe.Encoding, System.Text.Encoding.UTF8);
    }

    // Archive members cannot seek: the byte-order mark is read past.
    private static void Skip(Stream stream, int bytes)
    {
        Span<byte> bom = stackalloc byte[4];
        stream.ReadAtLeast(bom[..bytes], bytes, throwOnEndOfStream: false);
    }
}
