using System.IO.Compression;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Tracemark.Intel.Posts;
using Tracemark.Tests;

namespace Tracemark.Intel.Tests;

/// <summary>Posts are read through the scanner's input layer: zip archives, formats and encodings judged from content.</summary>
public sealed class PostInputTests
{
    static PostInputTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private const string QqExport = "消息记录（此消息记录为文本格式，不支持重新导入）\r\n\r\n================================================================\r\n消息对象:水果交流群\r\n================================================================\r\n\r\n"
        + "2021-01-30 11:00:00 老王(123456789)\r\n出快递料\r\n1.2一条\r\n\r\n"
        + "2021-01-30 11:05:12 小李<xiaoli@foxmail.com>\r\n收到\r\n\r\n";

    private const string TelegramExport = """
        {
         "name": "数据资源交流",
         "type": "public_supergroup",
         "id": 1700000001,
         "messages": [
          {"id": 1, "type": "message", "date": "2025-01-01T10:05:00", "from": "老王", "from_id": "user123", "text": "出快递料 1.2一条"},
          {"id": 2, "type": "message", "date": "2025-01-02T11:00:00", "from": "小李", "from_id": "user456", "text": "收WD料 速来"}
         ]
        }
        """;

    private static Encoding Gbk => Encoding.GetEncoding("GBK");

    private static (List<Post> Posts, List<IntelProblem> Problems, Dictionary<string, PostFormat> Formats) ReadAll(params string[] paths)
    {
        var posts = new List<Post>();
        var problems = new List<IntelProblem>();
        var formats = new Dictionary<string, PostFormat>();
        foreach (var input in PostSource.Expand(paths, () => Stream.Null, problems.Add))
        {
            if (input.Walked && PostSource.NotPosts(input) is not null)
            {
                continue;
            }

            formats[input.Name] = PostSource.Read(input, PostFormat.Auto, posts.Add, problems.Add);
        }

        return (posts, problems, formats);
    }

    private static void Zip(string path, params (string Name, byte[] Bytes)[] members)
    {
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        foreach (var (name, bytes) in members)
        {
            using var s = zip.CreateEntry(name).Open();
            s.Write(bytes);
        }
    }

    [Fact]
    public void A_zipped_chat_export_is_read_member_by_member_each_named_inside_its_archive()
    {
        using var dir = new TempDir("intel-zip");
        Directory.CreateDirectory(dir.Path);
        var path = dir.File("chats.zip");
        Zip(
            path,
            ("qq/群聊.txt", Gbk.GetBytes(QqExport)),
            ("tg/result.json", Encoding.UTF8.GetBytes(TelegramExport)),
            ("tg/photos/1.jpg", [0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10]));

        var (posts, problems, formats) = ReadAll(path);

        Assert.Empty(problems);
        Assert.Equal(PostFormat.Qq, formats[path + "!qq/群聊.txt"]);
        Assert.Equal(PostFormat.Telegram, formats[path + "!tg/result.json"]);
        Assert.False(formats.ContainsKey(path + "!tg/photos/1.jpg"));
        Assert.Equal(["出快递料\n1.2一条", "收到", "出快递料 1.2一条", "收WD料 速来"], posts.Select(p => p.Text));
        Assert.Equal("qq:123456789", posts[0].Account);
        Assert.Equal(path + "!qq/群聊.txt", posts[0].Source);
        Assert.Equal("telegram:user456", posts[3].Account);
    }

    [Theory]
    [InlineData("群聊.json")]
    [InlineData("群聊.csv")]
    [InlineData("群聊.jsonl")]
    [InlineData("export")]
    public void A_gbk_qq_export_with_a_wrong_extension_is_read_as_a_qq_export(string name)
    {
        using var dir = new TempDir("intel-qq-name");
        Directory.CreateDirectory(dir.Path);
        var path = dir.File(name);
        File.WriteAllBytes(path, Gbk.GetBytes(QqExport));

        var (posts, problems, formats) = ReadAll(path);

        Assert.Empty(problems);
        Assert.Equal(PostFormat.Qq, formats[path]);
        Assert.Equal(["出快递料\n1.2一条", "收到"], posts.Select(p => p.Text));
        Assert.Equal("水果交流群", posts[0].Channel);
    }

    [Theory]
    [InlineData("utf-8-bom")]
    [InlineData("utf-16le")]
    [InlineData("utf-16be")]
    [InlineData("gb18030")]
    public void A_telegram_export_is_known_by_its_content_in_any_encoding_and_under_any_name(string encoding)
    {
        using var dir = new TempDir("intel-tg-enc");
        Directory.CreateDirectory(dir.Path);
        var path = dir.File("聊天记录.txt");
        var bytes = encoding switch
        {
            "utf-8-bom" => [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(TelegramExport)],
            "utf-16le" => [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(TelegramExport)],
            "utf-16be" => [.. Encoding.BigEndianUnicode.GetPreamble(), .. Encoding.BigEndianUnicode.GetBytes(TelegramExport)],
            _ => Encoding.GetEncoding(54936).GetBytes(TelegramExport),
        };
        File.WriteAllBytes(path, bytes);

        var (posts, problems, formats) = ReadAll(path);

        Assert.Empty(problems);
        Assert.Equal(PostFormat.Telegram, formats[path]);
        Assert.Equal(["出快递料 1.2一条", "收WD料 速来"], posts.Select(p => p.Text));
        Assert.Equal("数据资源交流", posts[0].Channel);
    }

    [Fact]
    public void A_telegram_export_on_one_line_is_not_taken_for_json_lines()
    {
        using var dir = new TempDir("intel-tg-line");
        Directory.CreateDirectory(dir.Path);
        var path = dir.File("export.jsonl");
        File.WriteAllText(path, System.Text.Json.JsonDocument.Parse(TelegramExport).RootElement.GetRawText().ReplaceLineEndings(string.Empty));

        var (posts, problems, formats) = ReadAll(path);

        Assert.Empty(problems);
        Assert.Equal(PostFormat.Telegram, formats[path]);
        Assert.Equal(2, posts.Count);
    }

    [Fact]
    public void Json_lines_with_a_byte_order_mark_read_their_first_record()
    {
        using var dir = new TempDir("intel-jsonl-bom");
        Directory.CreateDirectory(dir.Path);
        var path = dir.File("posts.txt");
        File.WriteAllBytes(path, [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes("{\"author\":\"a\",\"text\":\"出料\"}\n{\"author\":\"b\",\"text\":\"收料\"}\n")]);

        var (posts, problems, formats) = ReadAll(path);

        Assert.Empty(problems);
        Assert.Equal(PostFormat.JsonLines, formats[path]);
        Assert.Equal(["出料", "收料"], posts.Select(p => p.Text));
    }

    [Fact]
    public void A_broken_zip_is_named_and_the_next_input_is_still_read()
    {
        using var dir = new TempDir("intel-zip-bad");
        Directory.CreateDirectory(dir.Path);
        var bad = dir.File("broken.zip");
        var good = dir.File("posts.txt");
        Zip(bad, ("a.txt", Encoding.UTF8.GetBytes("出快递料\n")));
        var bytes = File.ReadAllBytes(bad);
        File.WriteAllBytes(bad, bytes[..(bytes.Length / 2)]);
        File.WriteAllText(good, "收WD料\n");

        var (posts, problems, _) = ReadAll(bad, good);

        Assert.Equal(bad, Assert.Single(problems).Source);
        Assert.Contains("zip", problems[0].Message, StringComparison.Ordinal);
        Assert.Equal(["收WD料"], posts.Select(p => p.Text));
    }

    [Fact]
    public void A_workbook_is_refused_by_name_not_read_as_an_archive()
    {
        using var dir = new TempDir("intel-xlsx");
        Directory.CreateDirectory(dir.Path);
        var path = dir.File("sheet.zip");
        Zip(path, ("xl/workbook.xml", Encoding.UTF8.GetBytes("<workbook/>")), ("xl/notes.txt", Encoding.UTF8.GetBytes("出快递料\n")));

        var (posts, problems, _) = ReadAll(path);

        Assert.Empty(posts);
        Assert.Equal((path, "start"), (Assert.Single(problems).Source, problems[0].Where));
        Assert.Contains("Excel workbook", problems[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Standard_input_holding_a_zip_is_read_as_one()
    {
        using var dir = new TempDir("intel-stdin-zip");
        Directory.CreateDirectory(dir.Path);
        var path = dir.File("in.zip");
        Zip(path, ("group.txt", Gbk.GetBytes(QqExport)));
        var bytes = File.ReadAllBytes(path);
        var posts = new List<Post>();
        var problems = new List<IntelProblem>();
        foreach (var input in PostSource.Expand(["-"], () => new MemoryStream(bytes), problems.Add))
        {
            PostSource.Read(input, PostFormat.Auto, posts.Add, problems.Add);
        }

        Assert.Empty(problems);
        Assert.Equal(["-!group.txt", "-!group.txt"], posts.Select(p => p.Source));
    }

    /// <summary>Any posts read the same from a file and from a zip member of any name.</summary>
    [Fact]
    public void Any_posts_read_the_same_from_a_file_and_from_a_zip_member_of_any_name()
    {
        using var dir = new TempDir("intel-zip-prop");
        Directory.CreateDirectory(dir.Path);
        var texts = ArbMap.Default.GeneratorFor<NonEmptyString>().Select(s => s.Get).Where(s => !string.IsNullOrWhiteSpace(s) && !s.Any(char.IsSurrogate)).NonEmptyListOf();
        var names = Gen.Elements("posts.jsonl", "posts.json", "posts.txt", "posts.csv", "posts", "子目录/帖子.dat");
        var encodings = Gen.Elements("utf-8", "utf-16", "gb18030");
        var n = 0;
        Properties.Hold(Gen.Zip(texts, Gen.Zip(names, encodings)), t =>
        {
            var (batch, (name, encoding)) = t;
            var text = string.Join('\n', batch.Select(s => System.Text.Json.JsonSerializer.Serialize(new { author = "a", text = s }))) + "\n";
            var bytes = Encoding.GetEncoding(encoding).GetBytes(text);
            if (encoding == "gb18030" && Encoding.GetEncoding(encoding).GetString(bytes) != text)
            {
                return; // a character GB18030 cannot hold
            }

            var file = dir.File($"f{n}.jsonl");
            var zip = dir.File($"z{n++}.zip");
            File.WriteAllBytes(file, [.. Encoding.GetEncoding(encoding).GetPreamble(), .. bytes]);
            Zip(zip, (name, [.. Encoding.GetEncoding(encoding).GetPreamble(), .. bytes]));

            var (direct, p1, _) = ReadAll(file);
            var (zipped, p2, formats) = ReadAll(zip);

            Assert.Empty(p1.Concat(p2));
            Assert.Equal(PostFormat.JsonLines, Assert.Single(formats).Value);
            Assert.Equal(batch, direct.Select(p => p.Text));
            Assert.Equal(direct.Select(p => (p.Number, p.Text, p.Author)), zipped.Select(p => (p.Number, p.Text, p.Author)));
        }, count: 100);
    }
}
