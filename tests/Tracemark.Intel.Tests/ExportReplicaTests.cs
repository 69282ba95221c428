using System.Text.Json;
using Tracemark.Intel.Posts;
using Tracemark.Tests;

namespace Tracemark.Intel.Tests;

/// <summary>
/// End to end on replicas of real export formats (synthetic content, real structure; Data/formats/README.md): every
/// message listed in the replica's truth is read exactly once, in the format the content shows, with its author's
/// account — or its author, where the export carries no id.
/// </summary>
public sealed class ExportReplicaTests
{
    private static string Formats => Path.Combine(AppContext.BaseDirectory, "Data", "formats");

    [Theory]
    [InlineData("qq-group/水果交流群.txt", "qq-group/truth.jsonl", PostFormat.Qq, false)]
    [InlineData("qq-private/全部消息记录.txt", "qq-private/truth.jsonl", PostFormat.Qq, false)]
    [InlineData("telegram/result.json", "telegram/truth.jsonl", PostFormat.Telegram, true)]
    [InlineData("wechat-memotrace/数据互通群_utf8.csv", "wechat-memotrace/truth_csv.jsonl", PostFormat.WeChat, false)]
    [InlineData("wechat-memotrace/数据互通群.txt", "wechat-memotrace/truth_txt.jsonl", PostFormat.WeChat, false)]
    public void Every_message_is_read_once_with_its_author(string file, string truthFile, PostFormat format, bool byMessageId)
    {
        using var result = IntelRun.Run(new IntelOptions { Paths = [Path.Combine(Formats, file)] });
        Assert.Empty(result.Problems);
        Assert.Equal(format, result.Formats.Values.Single());
        var posts = result.Posts.ToList();
        Assert.Equal(posts.Count, posts.Select(p => p.Post).Distinct().Count());
        var truth = File.ReadLines(Path.Combine(Formats, truthFile)).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(truth.Count, posts.Count);
        var idsInExport = !file.EndsWith(".txt", StringComparison.Ordinal) || file.StartsWith("qq-group", StringComparison.Ordinal);
        foreach (var want in truth)
        {
            var got = byMessageId
                ? posts.Single(p => p.ChatId == want.GetProperty("chat_id").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture) && p.MessageId == want.GetProperty("message_id").GetInt64())
                : posts.Single(p => p.Post == want.GetProperty("post").GetInt64());
            var account = want.GetProperty("account");
            if (idsInExport && account.ValueKind == JsonValueKind.String)
            {
                Assert.Equal(account.GetString(), got.Account);
            }
            else
            {
                Assert.Equal(want.GetProperty("author").GetString() ?? string.Empty, got.Author);
            }

            Assert.Equal(want.GetProperty("chat").GetString(), got.Channel);
            var time = PostTime.Parse(want.GetProperty("time").GetString());
            Assert.Equal(time, got.Time);
        }
    }

    [Fact]
    public void A_telegram_phone_entity_is_a_contact()
    {
        using var result = IntelRun.Run(new IntelOptions { Paths = [Path.Combine(Formats, "telegram/result.json")] });
        var post = result.Posts.Single(p => p.MessageId == 1003);
        Assert.Contains(post.Handles, h => h.Kind == "mobile" && h.Value == "17230054038");
        Assert.Contains(post.Handles, h => h.Kind == "telegram" && h.Value == "shuju999kf");
    }

    [Theory]
    [InlineData("empty.txt", "")]
    [InlineData("friends.txt", "消息记录（此消息记录为文本格式，不支持重新导入）\r\n\r\n================================================================\r\n消息分组:我的好友\r\n================================================================\r\n")]
    [InlineData("chat.jsonl", "\n\n")]
    public void An_input_without_posts_is_a_problem_naming_the_file(string name, string content)
    {
        using var dir = new TempDir("intel-empty");
        Directory.CreateDirectory(dir.Path);
        var path = dir.File(name);
        File.WriteAllText(path, content);
        using var result = IntelRun.Run(new IntelOptions { Paths = [path] });
        Assert.Equal(0, result.PostCount);
        var problem = Assert.Single(result.Problems);
        Assert.Equal(path, problem.Source);
        Assert.Contains("no posts", problem.Message, StringComparison.Ordinal);
    }
}
