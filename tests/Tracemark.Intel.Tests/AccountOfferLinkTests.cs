using System.Text;
using System.Text.Json;
using Tracemark.Intel.Posts;
using Tracemark.Store;
using Tracemark.Tests;

namespace Tracemark.Intel.Tests;

/// <summary>Account offers (goods "accounts") whose sample lines match credential dumps or leaks in the store say
/// which; other posts, and offers whose samples match nothing, say nothing.</summary>
public sealed class AccountOfferLinkTests
{
    private static string Post(string author, string text) =>
        JsonSerializer.Serialize(new Dictionary<string, string> { ["time"] = "2026-04-01 10:00:00", ["author"] = author, ["channel"] = "号商群", ["text"] = text });

    [Fact]
    public void Samples_of_an_account_offer_name_the_dumps_and_leaks_they_are_in()
    {
        using var dir = new TempDir("intel-accounts");
        Directory.CreateDirectory(dir.Path);
        // A 洗号 dump of QQ and mobile accounts with passwords, and a courier leak with bare mobiles.
        File.WriteAllText(dir.File("qq-dump.txt"), "123456789----Qwe!rty77\n234567891----Asd#fgh88\n13800138000----s3cret#Pass\n", Encoding.UTF8);
        File.WriteAllText(dir.File("courier.csv"), "姓名,手机号\n张三,13900139000\n李四,13700137000\n", Encoding.UTF8);
        using var store = KnownLeakStore.Open(new StoreLocation(dir.File("s.db"), dir.File("s.key")), create: true);
        store.Ingest(new() { Paths = [dir.File("qq-dump.txt")], Workers = 2 }, "qq-2026", "social", new DateOnly(2026, 3, 1), null);
        store.Ingest(new() { Paths = [dir.File("courier.csv")], Workers = 2 }, "courier-2025", "courier", new DateOnly(2025, 6, 1), null);

        File.WriteAllLines(dir.File("posts.jsonl"),
        [
            // Two samples from the dump (one written with a mobile account), one pair with a changed password.
            Post("号商A", "出QQ老号 白号 批量出 包登录 样号如下:\n123456789----Qwe!rty77\n13800138000----s3cret#Pass\n234567891----changed!99\n要的私聊"),
            // A mobile account from the courier leak, with a password no dump holds.
            Post("号商B", "出手机号注册的老号 账号 13900139000 密码 Zxc!vbn55 批发价"),
            // An account offer whose samples are in no dump.
            Post("号商C", "出游戏账号 老号 样号:\n555666777----Nothing!1\n"),
            // A bare account of the dump, without its password: the dump holds it as an identifier too.
            Post("号商D", "出手机号注册的老号 样号 13800138000 不带密码 批发价"),
        ]);

        var result = IntelRun.Run(new IntelOptions { Paths = [dir.File("posts.jsonl")], Format = PostFormat.JsonLines, Store = store });
        var posts = result.Posts.ToList();
        Assert.All(posts, p => Assert.Equal("accounts", p.Goods));

        var first = Assert.Single(posts[0].CredentialDumps!);
        // Two of the three pairs are in the dump; all three accounts are (the third's password changed), as the
        // identifiers the dump stores beside each pair.
        Assert.Equal(("qq-2026", 2, 3), (first.Dataset, first.Pairs, first.Accounts));
        var second = Assert.Single(posts[1].CredentialDumps!);
        Assert.Equal(("courier-2025", 0, 1), (second.Dataset, second.Pairs, second.Accounts));
        Assert.Null(posts[2].CredentialDumps);
        var bare = Assert.Single(posts[3].CredentialDumps!);
        Assert.Equal(("qq-2026", 0, 1), (bare.Dataset, bare.Pairs, bare.Accounts));

        // The JSON names the dumps and never a password or an account.
        using var text = new StringWriter();
        Tracemark.Reports.IntelPostReport.WriteLines(text, result.Posts, reveal: false);
        var json = text.ToString();
        Assert.Contains("\"credential_dumps\":[{\"dataset\":\"qq-2026\",\"pairs\":2", json, StringComparison.Ordinal);
        foreach (var secret in new[] { "Qwe!rty77", "s3cret#Pass", "Zxc!vbn55", "123456789", "13800138000" })
        {
            Assert.DoesNotContain(secret, json, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Without_a_store_no_post_carries_dumps()
    {
        using var dir = new TempDir("intel-accounts-nostore");
        Directory.CreateDirectory(dir.Path);
        File.WriteAllLines(dir.File("posts.jsonl"), [Post("号商A", "出QQ老号 白号 样号:\n123456789----Qwe!rty77\n")]);
        var result = IntelRun.Run(new IntelOptions { Paths = [dir.File("posts.jsonl")], Format = PostFormat.JsonLines });
        Assert.Null(Assert.Single(result.Posts).CredentialDumps);
    }
}
