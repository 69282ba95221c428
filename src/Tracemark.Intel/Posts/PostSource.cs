using Tracemark.Scanning.Input;

namespace Tracemark.Intel.Posts;

/// <summary>
/// Opens an input: picks the format (extension first, then content: a QQ export announces itself in its first lines)
/// and the text encoding (UTF-8, UTF-16 with or without a byte-order mark, GB18030 — QQ on Chinese Windows writes the
/// ANSI code page), then streams its posts to a sink. Nothing is loaded whole.
/// </summary>
internal static class PostSource
{
    public static PostFormat Detect(string path, ReadOnlySpan<byte> head, System.Text.Encoding encoding)
    {
        var extension = Path.GetExtension(path).ToLowerInvariant();
        if (extension is ".jsonl" or ".ndjson")
        {
            return PostFormat.JsonLines;
        }

        if (extension == ".json")
        {
            return PostFormat.Telegram;
        }

        var text = encoding.GetString(head);
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

        var trimmed = text.TrimStart('\uFEFF', ' ', '\r', '\n', '\t');
        if (!trimmed.StartsWith('{'))
        {
            return PostFormat.Plain;
        }

        // One JSON document spread over lines (Telegram's export, without its .json name, e.g. on standard input)
        // opens with a line holding only "{"; JSON Lines has a whole object on its first line.
        var first = trimmed.AsSpan(0, Math.Max(0, trimmed.IndexOf('\n') is var n && n >= 0 ? n : trimmed.Length)).Trim();
        return first is "{" ? PostFormat.Telegram : PostFormat.JsonLines;
    }

    /// <summary>
    /// The files to read: files as given, folders walked recursively in name order (symbolic links skipped to avoid
    /// loops), "-" for standard input. <c>Walked</c> says a file came from a folder, not from the command line.
    /// </summary>
    public static IEnumerable<(string Path, bool Walked)> Expand(IEnumerable<string> paths, Action<IntelProblem> problems)
    {
        foreach (var path in paths)
        {
            if (path == "-" || File.Exists(path))
            {
                yield return (path, false);
            }
            else if (Directory.Exists(path))
            {
                foreach (var file in TextProbe.Walk(path, e => problems(new IntelProblem(e.Source, "folder", e.Message))))
                {
                    yield return (file, true);
                }
            }
            else
            {
                problems(new IntelProblem(path, "file", "no such file or folder"));
            }
        }
    }

    /// <summary>
    /// Why a file found in a folder is not a post export and is passed over (a JSON Lines file whose first record has
    /// no text, such as the labels `tracemark synth posts` writes beside its posts), or null to read it. Files named on
    /// the command line are always read, so their problems are reported.
    /// </summary>
    public static string? NotPosts(string path)
    {
        byte[] head;
        using (var probe = File.OpenRead(path))
        {
            head = new byte[Math.Min(TextProbe.SampleSize, probe.Length)];
            probe.ReadExactly(head);
        }

        var sniffed = TextProbe.Of(head);
        if (sniffed.NotText is { } what)
        {
            return $"not a text export ({what})";
        }

        if (head.Length > 0 && Detect(path, head, sniffed.Encoding) == PostFormat.JsonLines)
        {
            var text = sniffed.Encoding.GetString(head).TrimStart('\uFEFF', ' ', '\r', '\n', '\t');
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

    /// <summary>Reads every post of <paramref name="path"/>; problems go to <paramref name="problems"/> and reading goes on.</summary>
    public static PostFormat Read(string path, PostFormat format, Action<Post> sink, Action<IntelProblem> problems)
    {
        byte[] head;
        using (var probe = File.OpenRead(path))
        {
            head = new byte[Math.Min(TextProbe.SampleSize, probe.Length)];
            probe.ReadExactly(head);
        }

        var sniffed = TextProbe.Of(head);
        if (format == PostFormat.Auto)
        {
            format = Detect(path, head, sniffed.Encoding);
        }

        if (sniffed.NotText is { } what)
        {
            problems(new IntelProblem(path, "start", $"not a text export ({what}): give a Telegram result.json, a QQ .txt export, JSON Lines or plain text"));
            return format;
        }

        switch (format)
        {
            case PostFormat.Telegram:
                TelegramExportReader.Read(path, sink, problems);
                break;
            case PostFormat.JsonLines:
                JsonLinesPostReader.Read(path, sniffed.Encoding, sink, problems);
                break;
            case PostFormat.Qq:
                QqExportReader.Read(path, OpenText(path, sniffed), sink);
                break;
            case PostFormat.WeChat:
                WeChatExportReader.Read(path, OpenText(path, sniffed), WeChatExportReader.IsCsv(sniffed.Encoding.GetString(head)), sink, problems);
                break;
            default:
                PlainPostReader.Read(path, OpenText(path, sniffed), sink);
                break;
        }

        return format;
    }

    /// <summary>A JSON error in words, without the reader's line numbers: they count from the reader's buffer, not the
    /// file, so the readers say the byte or line themselves.</summary>
    public static string JsonReason(System.Text.Json.JsonException e) => e.Message.Split(" LineNumber", 2)[0].TrimEnd('.', ' ');

    private static StreamReader OpenText(string path, TextProbe sniffed)
    {
        var stream = File.OpenRead(path);
        stream.Position = sniffed.BomLength;
        return new StreamReader(stream, sniffed.Encoding, detectEncodingFromByteOrderMarks: false, bufferSize: 1 << 16);
    }
}
