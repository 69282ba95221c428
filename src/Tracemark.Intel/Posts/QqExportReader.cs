using System.Text;
using System.Text.RegularExpressions;

namespace Tracemark.Intel.Posts;

/// <summary>
/// PC QQ's text export (消息管理器): a banner "消息记录（此消息记录为文本格式，不支持重新导入）", then for each
/// conversation a block of "====" / "消息分组:…" / "====" / "消息对象:…" / "====" lines naming the group or friend,
/// then messages, each a header line "2021-01-30 11:00:00 昵称(QQ号)" — or "昵称&lt;e-mail&gt;", "昵称&lt;11-digit
/// number&gt;" (an account shown by its bound mobile), "【管理员】昵称(QQ号)", "(QQ号)" with no nickname — followed by its
/// body lines (which may hold empty lines). Friend exports write only "2021-01-30 11:00:00 昵称": those headers are
/// read once the banner or a 消息对象 line has shown the file is a QQ export, and the nickname is the account. The QQ
/// number, when there, is the account, so the same person is one account under every nickname. Every message is a
/// post, numbered in file order through all conversations.
/// </summary>
internal static partial class QqExportReader
{
    [GeneratedRegex(@"^(\d{4}-\d{1,2}-\d{1,2} \d{1,2}:\d{2}:\d{2}) (.*?)(?:\((\d{5,11})\)|<([^<>\s]+@[^<>\s]+)>|<(\d{11})>)\s*$")]
    private static partial Regex Header();

    [GeneratedRegex(@"^(\d{4}-\d{1,2}-\d{1,2} \d{1,2}:\d{2}:\d{2}) (\S.{0,80})$")]
    private static partial Regex NameOnlyHeader();

    public static bool IsHeader(string line) => line.Length < 200 && Header().IsMatch(line);

    public static void Read(string path, StreamReader text, Action<Post> sink)
    {
        using (text)
        {
            string? channel = null;
            long number = 0;
            DateTimeOffset? time = null;
            string author = string.Empty;
            string account = string.Empty;
            var body = new StringBuilder();
            var open = false;
            var export = false;

            void Flush()
            {
                if (open)
                {
                    sink(new Post(path, number, time, author, account, channel, body.ToString().Trim('\r', '\n', ' ')));
                }

                open = false;
                body.Clear();
            }

            foreach (var (raw, _) in BoundedLines.Read(text))
            {
                var line = raw.TrimStart('\uFEFF');
                if (line.StartsWith("消息记录", StringComparison.Ordinal) && line.Contains("不支持重新导入", StringComparison.Ordinal))
                {
                    export = true;
                    continue;
                }

                // A conversation's block: ends the message before it, names the next conversation.
                if (line.Length >= 16 && line.AsSpan().TrimEnd().IndexOfAnyExcept('=') < 0)
                {
                    Flush();
                    continue;
                }

                if (!open && (line.StartsWith("消息分组", StringComparison.Ordinal) || line.StartsWith("消息对象", StringComparison.Ordinal)))
                {
                    export = true;
                    if (line.StartsWith("消息对象", StringComparison.Ordinal) && line.Length > 5)
                    {
                        channel = line[5..].Trim();
                    }

                    continue;
                }

                var match = line.Length < 200 ? Header().Match(line) : Match.Empty;
                if (match.Success)
                {
                    Flush();
                    open = true;
                    number++;
                    time = PostTime.Parse(match.Groups[1].Value);
                    author = match.Groups[2].Value.Trim();
                    var id = match.Groups[3].Success ? match.Groups[3].Value : match.Groups[4].Success ? match.Groups[4].Value.ToLowerInvariant() : match.Groups[5].Value;
                    account = "qq:" + id;
                    continue;
                }

                var named = export && line.Length < 120 ? NameOnlyHeader().Match(line) : Match.Empty;
                if (named.Success)
                {
                    Flush();
                    open = true;
                    number++;
                    time = PostTime.Parse(named.Groups[1].Value);
                    author = named.Groups[2].Value.Trim();
                    account = "qq-nick:" + author;
                    continue;
                }

                if (!open)
                {
                    continue;
                }

                if (body.Length < BoundedLines.MaxChars)
                {
                    body.Append(line).Append('\n');
                }
            }

            Flush();
        }
    }
}
