using System.Text;
using System.Text.RegularExpressions;

namespace Tracemark.Intel.Posts;

/// <summary>
/// QQ's text chat export: a preamble ("消息对象:群名" names the group), then messages, each a header line
/// "2021-01-30 11:00:00 昵称(QQ号)" (or "昵称&lt;e-mail&gt;") followed by its text lines. The author's QQ number is the
/// account, so the same person is one account under every nickname.
/// </summary>
internal static partial class QqExportReader
{
    [GeneratedRegex(@"^(\d{4}-\d{1,2}-\d{1,2} \d{1,2}:\d{2}:\d{2}) (.*?)(?:\((\d{5,11})\)|<([^<>\s]+@[^<>\s]+)>)\s*$")]
    private static partial Regex Header();

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

            void Flush()
            {
                if (open)
                {
                    var content = body.ToString().Trim('\r', '\n', ' ');
                    if (content.Length > 0)
                    {
                        sink(new Post(path, number, time, author, account, channel, content));
                    }
                }

                body.Clear();
            }

            foreach (var (line, _) in BoundedLines.Read(text))
            {
                var match = line.Length < 200 ? Header().Match(line) : Match.Empty;
                if (match.Success)
                {
                    Flush();
                    open = true;
                    number++;
                    time = PostTime.Parse(match.Groups[1].Value);
                    author = match.Groups[2].Value.Trim();
                    var id = match.Groups[3].Success ? match.Groups[3].Value : match.Groups[4].Value.ToLowerInvariant();
                    account = "qq:" + id;
                    continue;
                }

                if (!open)
                {
                    if (line.StartsWith("消息对象:", StringComparison.Ordinal) || line.StartsWith("消息对象：", StringComparison.Ordinal))
                    {
                        channel = line[5..].Trim();
                    }

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
