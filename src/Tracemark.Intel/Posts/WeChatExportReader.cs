using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Tracemark.Scanning.Input;

namespace Tracemark.Intel.Posts;

/// <summary>
/// WeChat chats as MemoTrace (留痕, LC044/WeChatMsg) exports them:
/// <list type="bullet">
/// <item>CSV (UTF-8 with BOM): header <c>localId,TalkerId,Type,SubType,IsSender,CreateTime,Status,StrContent,StrTime,
/// Remark,NickName,Sender</c>, one row per message (quoted fields may span lines); the member's wxid (Sender) is the
/// account, NickName the author; Type 1 is text, 3 an image, 47 an emoji (XML), 10000 a system notice (no sender).</item>
/// <item>TXT: "StrTime 显示名" then the content ([图片], [表情包] stand for media), a blank line between messages; a
/// system notice has only the time. No wxid here: the display name is the account.</item>
/// </list>
/// Every message is a post, numbered in file order; the chat is named after the file ("数据互通群_utf8.csv" → 数据互通群).
/// </summary>
internal static partial class WeChatExportReader
{
    public const string CsvHeader = "localId,TalkerId,Type,SubType,IsSender,CreateTime,Status,StrContent,StrTime,Remark,NickName,Sender";

    [GeneratedRegex(@"^(\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2})(?: (.{1,80}))?$")]
    internal static partial Regex TextHeader();

    public static bool IsCsv(string head) => head.TrimStart('\uFEFF').StartsWith(CsvHeader, StringComparison.Ordinal);

    /// <summary>Reads a MemoTrace text export.</summary>
    public static void ReadText(string path, StreamReader text, Action<Post> sink)
    {
        using (text)
        {
            ReadText(path, ChatName(path), text, sink);
        }
    }

    private static string ChatName(string path)
    {
        var name = Path.GetFileNameWithoutExtension(path);
        foreach (var suffix in (ReadOnlySpan<string>)["_utf8", "_gbk", "-utf8"])
        {
            if (name.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
            {
                return name[..^suffix.Length];
            }
        }

        return name;
    }

    /// <summary>
    /// Reads a MemoTrace CSV export through the scanner's CSV reader (<see cref="TableFile.ReadCsv"/>): RFC 4180
    /// quoting, so commas, quotes and line breaks in messages stay in them; a quote that never closes is reported
    /// with its record and the rest is read.
    /// </summary>
    public static void ReadCsv(TextInput input, Action<Post> sink, Action<IntelProblem> problems)
    {
        var path = input.Name;
        var chat = ChatName(path);
        long number = 0;
        void Problem(ScanError e) => problems(new IntelProblem(e.Source, e.Record is { } r ? $"record {r.ToString("N0", CultureInfo.InvariantCulture)}" : "file", e.Message));
        foreach (var record in TableFile.ReadCsv(input, Problem))
        {
            if (record.IsHeader)
            {
                continue;
            }

            number++;
            var row = record.Fields;
            if (row.Count < 12)
            {
                problems(new IntelProblem(path, $"line {record.Line.ToString("N0", CultureInfo.InvariantCulture)}", $"a row of {row.Count} fields, expected 12 (MemoTrace CSV): read as far as it goes"));
            }

            string Field(int i) => i < row.Count ? row[i] : string.Empty;
            var type = Field(2);
            var content = type switch
            {
                "3" => "[图片]",
                "47" => "[表情包]",
                "34" => "[语音]",
                "43" => "[视频]",
                _ => Field(7),
            };
            var sender = Field(11);
            var author = Field(10).Length > 0 ? Field(10) : Field(9);
            DateTimeOffset? time = long.TryParse(Field(5), NumberStyles.Integer, CultureInfo.InvariantCulture, out var unix) && unix > 0
                ? DateTimeOffset.FromUnixTimeSeconds(unix).ToOffset(PostTime.China)
                : PostTime.Parse(Field(8));
            var account = sender.Length > 0 ? "wechat:" + sender : $"post:{path}#{number}";
            sink(new Post(path, number, time, author, account, chat, content));
        }
    }

    private static void ReadText(string path, string chat, StreamReader text, Action<Post> sink)
    {
        long number = 0;
        DateTimeOffset? time = null;
        var author = string.Empty;
        var body = new StringBuilder();
        var open = false;

        void Flush()
        {
            if (open)
            {
                var account = author.Length > 0 ? "wechat-name:" + author : $"post:{path}#{number}";
                sink(new Post(path, number, time, author, account, chat, body.ToString().Trim('\r', '\n', ' ')));
            }

            body.Clear();
        }

        // A header opens a message only at the start of the file or after a blank line: a body line may start with
        // a date too.
        var previousBlank = true;
        foreach (var (raw, _) in BoundedLines.Read(text))
        {
            var line = raw.TrimStart('\uFEFF');
            var match = previousBlank && line.Length < 120 ? TextHeader().Match(line) : Match.Empty;
            previousBlank = line.Trim().Length == 0;
            if (match.Success)
            {
                Flush();
                open = true;
                number++;
                time = PostTime.Parse(match.Groups[1].Value);
                author = match.Groups[2].Success ? match.Groups[2].Value.Trim() : string.Empty;
                continue;
            }

            if (open && body.Length < BoundedLines.MaxChars)
            {
                body.Append(line).Append('\n');
            }
        }

        Flush();
    }
}
