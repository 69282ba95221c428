using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Tracemark.Intel.Posts;
using Tracemark.Tests;

namespace Tracemark.Intel.Tests;

public sealed class PostReaderTests
{
    private static (List<Post> Posts, List<IntelProblem> Problems, PostFormat Format) Read(string path, PostFormat format = PostFormat.Auto)
    {
        var posts = new List<Post>();
        var problems = new List<IntelProblem>();
        var detected = PostSource.Read(path, format, posts.Add, problems.Add);
        return (posts, problems, detected);
    }

    private const string Telegram = """
        {
         "name": "数据资源交流",
         "type": "public_supergroup",
         "id": 1700000001,
         "messages": [
          {"id": 1, "type": "service", "date": "2025-01-01T10:00:00", "actor": "新成员", "action": "join_group_by_link", "text": ""},
          {"id": 2, "type": "message", "date": "2025-01-01T10:05:00", "date_unixtime": "1735697100", "from": "老王", "from_id": "user123", "text": "出快递料 1.2一条"},
          {"id": 3, "type": "message", "date": "2025-01-02T11:00:00", "from": "小李", "from_id": "user456", "text": ["收WD料 ", {"type": "mention", "text": "@buyer_one"}, " 速来"]},
          {"id": 4, "type": "message", "date": "2025-01-02T11:01:00", "from": "小李", "from_id": "user456", "photo": "photos/1.jpg", "text": ""}
         ]
        }
        """;

    [Fact]
    public void Telegram_export_gives_posts_numbered_by_message_with_rich_text_joined()
    {
        using var dir = new TempDir("intel-tg");
        Directory.CreateDirectory(dir.Path);
        var path = dir.File("result.json");
        File.WriteAllText(path, Telegram);
        var (posts, problems, format) = Read(path);
        Assert.Equal(PostFormat.Telegram, format);
        Assert.Empty(problems);
        // A photo without a caption is a message of its own (listed with empty text), a service message is not.
        Assert.Equal([2L, 3L, 4L], posts.Select(p => p.Number));
        Assert.Equal(string.Empty, posts[2].Text);
        Assert.Equal("1700000001", posts[0].ChatId);
        Assert.Equal(2L, posts[0].MessageId);
        Assert.Equal("收WD料 @buyer_one 速来", posts[1].Text);
        Assert.Equal("telegram:user123", posts[0].Account);
        Assert.Equal("数据资源交流", posts[0].Channel);
        Assert.Equal(new DateTimeOffset(2025, 1, 1, 10, 5, 0, TimeSpan.FromHours(8)), posts[0].Time);
    }

    [Fact]
    public void A_truncated_telegram_export_keeps_the_posts_before_the_break_and_says_where()
    {
        using var dir = new TempDir("intel-tg-cut");
        Directory.CreateDirectory(dir.Path);
        var path = dir.File("result.json");
        var cut = Telegram.IndexOf("{\"id\": 3", StringComparison.Ordinal) + 40;
        File.WriteAllText(path, Telegram[..cut]);
        var (posts, problems, _) = Read(path);
        Assert.Single(posts);
        var problem = Assert.Single(problems);
        Assert.Equal(path, problem.Source);
        Assert.Contains("after message 2", problem.Where, StringComparison.Ordinal);
    }

    [Fact]
    public void A_big_telegram_export_streams_through_a_small_buffer()
    {
        using var dir = new TempDir("intel-tg-big");
        Directory.CreateDirectory(dir.Path);
        var path = dir.File("result.json");
        var sb = new StringBuilder("{\"name\":\"大群\",\"messages\":[");
        for (var i = 1; i <= 5_000; i++)
        {
            sb.Append(i > 1 ? "," : string.Empty).Append("{\"id\":").Append(i).Append(",\"type\":\"message\",\"from\":\"a\",\"from_id\":\"user1\",\"text\":\"出料 ").Append(new string('长', i % 97)).Append("\"}");
        }

        // One message far bigger than the reader's 64 KiB buffer.
        sb.Append(",{\"id\":5001,\"type\":\"message\",\"from\":\"a\",\"from_id\":\"user1\",\"text\":\"").Append(new string('料', 200_000)).Append("\"}]}");
        File.WriteAllText(path, sb.ToString());
        var (posts, problems, _) = Read(path);
        Assert.Empty(problems);
        Assert.Equal(5_001, posts.Count);
        Assert.Equal(200_000, posts[^1].Text.Length);
    }

    [Fact]
    public void Qq_export_in_gb18030_gives_multi_line_messages_with_qq_numbers_as_accounts()
    {
        using var dir = new TempDir("intel-qq");
        Directory.CreateDirectory(dir.Path);
        var path = dir.File("群聊.txt");
        var text = "消息记录（此消息记录为文本格式，不支持重新导入）\r\n\r\n================================================================\r\n消息对象:水果交流群\r\n================================================================\r\n\r\n"
            + "2021-01-30 11:00:00 老王(123456789)\r\n出快递料\r\n1.2一条\r\n\r\n"
            + "2021-01-30 11:05:12 小李<xiaoli@foxmail.com>\r\n收到\r\n\r\n";
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        File.WriteAllBytes(path, Encoding.GetEncoding(54936).GetBytes(text));
        var (posts, problems, format) = Read(path);
        Assert.Equal(PostFormat.Qq, format);
        Assert.Empty(problems);
        Assert.Equal(2, posts.Count);
        Assert.Equal("出快递料\n1.2一条", posts[0].Text);
        Assert.Equal("qq:123456789", posts[0].Account);
        Assert.Equal("老王", posts[0].Author);
        Assert.Equal("水果交流群", posts[0].Channel);
        Assert.Equal("qq:xiaoli@foxmail.com", posts[1].Account);
        Assert.Equal(2, posts[1].Number);
    }

    [Fact]
    public void Json_lines_report_bad_lines_by_number_and_read_the_rest()
    {
        using var dir = new TempDir("intel-jsonl");
        Directory.CreateDirectory(dir.Path);
        var path = dir.File("posts.jsonl");
        File.WriteAllText(path, """
            {"time":"2025-03-01T10:00:00+08:00","author":"SS52098","channel":"forum","text":"出料 1.2一条"}
            {"time":"2025-03-01T10:00:00+08:00","author":"SS52098","text":
            not json at all

            {"author":"x","channel":"forum"}
            {"date":"2025-03-02 09:00:00","from":"小王","message":"收料","extra":{"a":[1,2]}}
            """);
        var (posts, problems, format) = Read(path);
        Assert.Equal(PostFormat.JsonLines, format);
        Assert.Equal([1L, 6L], posts.Select(p => p.Number));
        Assert.Equal("forum:forum/SS52098", posts[0].Account);
        Assert.Equal("收料", posts[1].Text);
        Assert.Equal(["line 2", "line 3", "line 5"], problems.Select(p => p.Where));
        Assert.All(problems, p => Assert.Equal(path, p.Source));
    }

    [Fact]
    public void Plain_text_is_one_post_per_line_each_its_own_account()
    {
        using var dir = new TempDir("intel-plain");
        Directory.CreateDirectory(dir.Path);
        var path = dir.File("dump.txt");
        File.WriteAllText(path, "出快递料 1.2一条\n\n收WD料\n");
        var (posts, _, format) = Read(path);
        Assert.Equal(PostFormat.Plain, format);
        Assert.Equal([1L, 3L], posts.Select(p => p.Number));
        Assert.NotEqual(posts[0].Account, posts[1].Account);
    }

    [Fact]
    public void A_binary_file_is_refused_with_its_name()
    {
        using var dir = new TempDir("intel-bin");
        Directory.CreateDirectory(dir.Path);
        var path = dir.File("image.txt");
        File.WriteAllBytes(path, [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 0]);
        var (posts, problems, _) = Read(path);
        Assert.Empty(posts);
        Assert.Equal(path, Assert.Single(problems).Source);
    }

    /// <summary>Any text written as JSON Lines reads back as the same posts.</summary>
    [Fact]
    public void Json_lines_round_trip_any_text()
    {
        using var dir = new TempDir("intel-jsonl-prop");
        Directory.CreateDirectory(dir.Path);
        var texts = ArbMap.Default.GeneratorFor<NonEmptyString>().Select(s => s.Get).Where(s => !string.IsNullOrWhiteSpace(s) && !s.Any(char.IsSurrogate)).ArrayOf();
        var n = 0;
        Properties.Hold(texts, batch =>
        {
            var path = dir.File($"p{n++}.jsonl");
            File.WriteAllLines(path, batch.Select(t => System.Text.Json.JsonSerializer.Serialize(new { author = "a", text = t })));
            var (posts, problems, _) = Read(path, PostFormat.JsonLines);
            Assert.Empty(problems);
            Assert.Equal(batch, posts.Select(p => p.Text));
        }, count: 100);
    }
}

public sealed class LineAndExportPropertyTests
{
    private static readonly Gen<string> Line = ArbMap.Default.GeneratorFor<NonEmptyString>().Select(s => s.Get.Replace("\n", " ", StringComparison.Ordinal).Replace("\r", " ", StringComparison.Ordinal)).Where(s => !s.Any(c => char.IsSurrogate(c) || char.IsControl(c)));

    /// <summary>Lines come back as string.Split would give them, whatever the buffer boundaries and line endings.</summary>
    [Fact]
    public void Bounded_lines_match_split() =>
        Properties.Hold(Gen.Zip(Line.ArrayOf(), ArbMap.Default.GeneratorFor<bool>()), t =>
        {
            var (lines, crlf) = t;
            var text = string.Join(crlf ? "\r\n" : "\n", lines);
            var read = BoundedLines.Read(new StringReader(text)).Select(l => l.Line).ToList();
            Assert.Equal(text.Length == 0 ? [] : text.Split(crlf ? "\r\n" : "\n"), read);
        });

    /// <summary>Any messages written as a QQ export (any nicknames, numbers and multi-line texts) read back as written.</summary>
    [Fact]
    public void Qq_export_round_trips_messages()
    {
        using var dir = new TempDir("intel-qq-prop");
        Directory.CreateDirectory(dir.Path);
        var text = Line.Select(l => l.Trim()).Where(l => l.Length > 0 && !QqExportReader.IsHeader(l));
        var message = Gen.Zip(Gen.Zip(Gen.Elements("老王", "小李", "数据 哥", "a(b)"), Gen.Choose(10_000, int.MaxValue)), text.NonEmptyListOf());
        var n = 0;
        Properties.Hold(message.NonEmptyListOf(), messages =>
        {
            var path = dir.File($"q{n++}.txt");
            var sb = new StringBuilder("消息记录（此消息记录为文本格式，不支持重新导入）\n\n消息对象:群\n\n");
            foreach (var ((nick, qq), lines) in messages)
            {
                sb.Append("2021-01-30 11:00:00 ").Append(nick).Append('(').Append(qq).Append(")\n").AppendJoin('\n', lines).Append("\n\n");
            }

            File.WriteAllText(path, sb.ToString());
            var posts = new List<Post>();
            PostSource.Read(path, PostFormat.Qq, posts.Add, p => Assert.Fail(p.Message));
            Assert.Equal(messages.Select(m => string.Join('\n', m.Item2)), posts.Select(p => p.Text));
            Assert.Equal(messages.Select(m => "qq:" + m.Item1.Item2), posts.Select(p => p.Account));
        }, count: 100);
    }
}

public sealed class BrokenInputPropertyTests
{
    /// <summary>A Telegram export cut anywhere, or with any byte changed, never throws: the posts before the damage are
    /// read, and a cut export always says where it broke.</summary>
    [Fact]
    public void A_damaged_telegram_export_never_throws_and_keeps_what_came_before()
    {
        using var dir = new TempDir("intel-tg-fuzz");
        Directory.CreateDirectory(dir.Path);
        var sb = new StringBuilder("{\"name\":\"群\",\"messages\":[");
        for (var i = 1; i <= 40; i++)
        {
            sb.Append(i > 1 ? "," : string.Empty).Append("{\"id\":").Append(i).Append(",\"type\":\"message\",\"from\":\"老王\",\"from_id\":\"user").Append(i % 5)
              .Append("\",\"text\":[\"出快递料 \",{\"type\":\"mention\",\"text\":\"@seller_").Append(i).Append("\"},\" 1.2一条\"]}");
        }

        var whole = Encoding.UTF8.GetBytes(sb.Append("]}").ToString());
        var n = 0;
        Properties.Hold(Gen.Zip(Gen.Choose(0, whole.Length - 1), Gen.Choose(0, 255)), t =>
        {
            var (at, value) = t;
            var cut = dir.File($"cut{n}.json");
            var changed = dir.File($"changed{n++}.json");
            File.WriteAllBytes(cut, whole[..at]);
            var bytes = (byte[])whole.Clone();
            bytes[at] = (byte)value;
            File.WriteAllBytes(changed, bytes);

            var posts = new List<Post>();
            var problems = new List<IntelProblem>();
            PostSource.Read(cut, PostFormat.Telegram, posts.Add, problems.Add);
            Assert.NotEmpty(problems);
            Assert.All(problems, p => Assert.Equal(cut, p.Source));
            Assert.Equal(Enumerable.Range(1, posts.Count).Select(i => (long)i), posts.Select(p => p.Number));

            posts.Clear();
            PostSource.Read(changed, PostFormat.Telegram, posts.Add, _ => { });
            Assert.InRange(posts.Count, 0, 40);
        }, count: 200);
    }

    /// <summary>Random bytes as any format never throw.</summary>
    [Fact]
    public void Random_bytes_in_any_format_never_throw()
    {
        using var dir = new TempDir("intel-random");
        Directory.CreateDirectory(dir.Path);
        var n = 0;
        Properties.Hold(Gen.Zip(ArbMap.Default.GeneratorFor<byte[]>(), Gen.Elements(PostFormat.Auto, PostFormat.Telegram, PostFormat.Qq, PostFormat.JsonLines, PostFormat.Plain)), t =>
        {
            var (bytes, format) = t;
            var path = dir.File($"r{n++}.bin");
            File.WriteAllBytes(path, bytes);
            var posts = new List<Post>();
            PostSource.Read(path, format, posts.Add, _ => { });
            Assert.All(posts, p => Assert.False(string.IsNullOrWhiteSpace(p.Text)));
        });
    }
}
