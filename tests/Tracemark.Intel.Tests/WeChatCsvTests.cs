using System.IO.Compression;
using System.Text;
using FsCheck.Fluent;
using Tracemark.Intel.Posts;
using Tracemark.Tests;

namespace Tracemark.Intel.Tests;

/// <summary>
/// MemoTrace (WeChat) CSV exports read through the scanner's CSV reader (TableFile.ReadCsv): RFC 4180 quoting in
/// messages, a broken quote reported with its place while the rest is read, blank lines passed over, zipped exports.
/// </summary>
public sealed class WeChatCsvTests
{
    private const string Header = "localId,TalkerId,Type,SubType,IsSender,CreateTime,Status,StrContent,StrTime,Remark,NickName,Sender";

    [Fact]
    public void Quoted_commas_quotes_and_line_breaks_stay_inside_the_message()
    {
        using var dir = new TempDir("wechat-csv");
        var path = Write(dir, "群聊_utf8.csv", Header,
            Row(1, "出快递料,一手,0.3一条"),
            Row(2, "他说\"实时\"的,别信"),
            Row(3, "需要的联系我\n当天料，支持测试\r\n微信 kd_sell01"),
            Row(4, "普通消息"));
        var (posts, problems) = Read(path);
        Assert.Empty(problems);
        Assert.Equal(["出快递料,一手,0.3一条", "他说\"实时\"的,别信", "需要的联系我\n当天料，支持测试\r\n微信 kd_sell01", "普通消息"], posts.Select(p => p.Text));
        Assert.Equal([1L, 2, 3, 4], posts.Select(p => p.Number));
        Assert.All(posts, p => Assert.Equal("群聊", p.Channel));
        Assert.Equal("wechat:wxid_4", posts[3].Account);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1683457204).ToOffset(TimeSpan.FromHours(8)), posts[3].Time);
    }

    [Fact]
    public void Any_message_written_as_rfc4180_reads_back_as_it_was()
    {
        var text = Gen.Elements('a', '中', ',', '"', '\n', ' ', '1', '，').ArrayOf().Select(cs => new string(cs));
        Properties.Hold(text.ArrayOf().Where(a => a.Length is > 0 and < 8), messages =>
        {
            using var dir = new TempDir("wechat-csv-prop");
            var path = Write(dir, "p.csv", [Header, .. messages.Select((m, i) => Row(i + 1, m))]);
            var (posts, problems) = Read(path);
            Assert.Empty(problems);
            Assert.Equal(messages, posts.Select(p => p.Text));
        }, count: 100);
    }

    [Fact]
    public void A_quote_that_never_closes_is_reported_and_the_posts_before_it_are_read()
    {
        using var dir = new TempDir("wechat-csv-bad");
        var path = Write(dir, "bad.csv", Header, Row(1, "出料"), Row(2, "好的"), "3,4,1,0,0,1683457203,3,\"没有结束的引号,2023-05-07 19:00:03,,某人,wxid_3");
        var (posts, problems) = Read(path);
        Assert.Equal(["出料", "好的"], posts.Take(2).Select(p => p.Text));
        var problem = Assert.Single(problems, p => p.Message.Contains("never closes", StringComparison.Ordinal));
        Assert.Equal(path, problem.Source);
        Assert.Equal("record 3", problem.Where);
    }

    [Fact]
    public void A_short_row_is_named_by_its_line_and_read_as_far_as_it_goes()
    {
        using var dir = new TempDir("wechat-csv-short");
        var path = Write(dir, "short.csv", Header, Row(1, "第一行\n第二行"), "2,4,1,0,0,1683457202,3,只有八个字段");
        var (posts, problems) = Read(path);
        Assert.Equal(["第一行\n第二行", "只有八个字段"], posts.Select(p => p.Text));
        var problem = Assert.Single(problems);
        Assert.Equal("line 4", problem.Where); // the header is line 1; the first row spans lines 2-3
        Assert.Contains("8 fields", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Blank_lines_between_rows_are_not_posts()
    {
        using var dir = new TempDir("wechat-csv-blank");
        var path = Write(dir, "blank.csv", Header, Row(1, "一"), string.Empty, Row(2, "二"), string.Empty);
        var (posts, problems) = Read(path);
        Assert.Empty(problems);
        Assert.Equal(["一", "二"], posts.Select(p => p.Text));
    }

    [Fact]
    public void A_zipped_export_reads_the_same_posts_as_the_file()
    {
        using var dir = new TempDir("wechat-csv-zip");
        var path = Write(dir, "群聊_utf8.csv", Header, Row(1, "出料,\"实时\"\n可测"), Row(2, "收"));
        var zip = dir.File("chats.zip");
        using (var archive = ZipFile.Open(zip, ZipArchiveMode.Create))
        {
            archive.CreateEntryFromFile(path, "wechat/群聊_utf8.csv");
        }

        var (plain, _) = Read(path);
        var (zipped, problems) = Read(zip);
        Assert.Empty(problems);
        Assert.Equal(plain.Select(p => (p.Number, p.Text, p.Account, p.Time, p.Channel)), zipped.Select(p => (p.Number, p.Text, p.Account, p.Time, p.Channel)));
        Assert.All(zipped, p => Assert.Equal($"{zip}!wechat/群聊_utf8.csv", p.Source));
    }

    private static string Row(int id, string message) =>
        $"{id},4,1,0,0,{1683457200 + id},3,{Quote(message)},2023-05-07 19:00:{id:00},,某人{id},wxid_{id}";

    private static string Quote(string field) =>
        field.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;

    private static string Write(TempDir dir, string name, params string[] lines)
    {
        Directory.CreateDirectory(dir.Path);
        var path = dir.File(name);
        // MemoTrace writes UTF-8 with a byte-order mark and CRLF line ends.
        File.WriteAllText(path, string.Join("\r\n", lines) + "\r\n", new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        return path;
    }

    private static (List<Post> Posts, List<IntelProblem> Problems) Read(string path)
    {
        var posts = new List<Post>();
        var problems = new List<IntelProblem>();
        PostSource.Read(path, PostFormat.Auto, posts.Add, problems.Add);
        return (posts, problems);
    }
}
