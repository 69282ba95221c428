using Tracemark.Intel.Posts;
using Tracemark.Tests;

namespace Tracemark.Intel.Tests;

/// <summary>Linking accounts into actors, on small JSON Lines inputs where the answer is known.</summary>
public sealed class ActorLinkingTests
{
    private static IntelResult Run(params (string Author, string Text)[] posts)
    {
        using var dir = new TempDir("intel-link");
        Directory.CreateDirectory(dir.Path);
        var path = dir.File("posts.jsonl");
        File.WriteAllLines(path, posts.Select(p => System.Text.Json.JsonSerializer.Serialize(new { author = p.Author, channel = "c", text = p.Text })));
        return IntelRun.Run(new IntelOptions { Paths = [path], Format = PostFormat.JsonLines });
    }

    private static string ActorOf(IntelResult result, string author) => result.Posts.First(p => p.Author == author).Actor;

    [Fact]
    public void A_contact_posted_by_two_accounts_makes_them_one_actor()
    {
        using var result = Run(("a", "出快递料 V:shuiguo88"), ("b", "长期出学生料 微信:shuiguo88"), ("c", "出业主数据 V:other_one"));
        Assert.Equal(ActorOf(result, "a"), ActorOf(result, "b"));
        Assert.NotEqual(ActorOf(result, "a"), ActorOf(result, "c"));
        var link = Assert.Single(result.Links);
        Assert.Equal("contact", link.Evidence);
        Assert.Contains("shuiguo88", link.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_shared_usdt_address_links_too()
    {
        using var result = Run(("a", "出快递料 U地址 TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t"), ("b", "出WD料 trc20 TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t"));
        Assert.Equal(ActorOf(result, "a"), ActorOf(result, "b"));
        Assert.Equal("payment", Assert.Single(result.Links).Evidence);
    }

    [Fact]
    public void An_escrow_handle_named_by_every_seller_links_nobody()
    {
        using var result = Run(("a", "出快递料 V:seller_aaa 走担保 @db_escrow"), ("b", "出学生料 V:seller_bbb 担保:@db_escrow"));
        Assert.NotEqual(ActorOf(result, "a"), ActorOf(result, "b"));
        Assert.Empty(result.Links);
    }

    [Fact]
    public void A_handle_shared_by_more_accounts_than_the_hub_limit_links_nobody()
    {
        var posts = Enumerable.Range(0, IntelRun.HubLimit + 1).Select(i => ($"seller{i}", $"出快递料 V:own_{i:D4}x 群主QQ:88886666")).ToArray();
        using var result = Run(posts);
        Assert.Equal(posts.Length, result.Posts.Select(p => p.Actor).Distinct().Count());
        Assert.Contains("qq:88886666", result.Hubs);
    }

    [Fact]
    public void The_same_long_ad_under_a_burner_contact_links_by_its_text()
    {
        const string Ad = "长期出实时快递料，字段：姓名+手机+身份证+地址，诚信经营，老商家，质量保证，假一赔十，回头客多，专业团队，信誉第一";
        using var result = Run(("a", Ad + " V:first_one"), ("b", Ad.Replace("老商家", "老牌商家", StringComparison.Ordinal) + " V:burner_two"), ("c", "出快递料 V:other_three"));
        Assert.Equal(ActorOf(result, "a"), ActorOf(result, "b"));
        Assert.NotEqual(ActorOf(result, "a"), ActorOf(result, "c"));
        Assert.Equal("text", Assert.Single(result.Links).Evidence);
    }

    [Fact]
    public void Short_formulaic_ads_do_not_link_by_text()
    {
        using var result = Run(("a", "出银行卡四件套 1200元一套 V:seller_aaa"), ("b", "出银行卡四件套 1200元一套 V:seller_bbb"));
        Assert.NotEqual(ActorOf(result, "a"), ActorOf(result, "b"));
    }

    [Fact]
    public void A_short_ad_reposted_beside_a_renumbered_contact_is_one_seller()
    {
        // Banned as laoliu_data88, back as laoliu_data89 with the same short ad; a stranger's copy of the ad under
        // another name, and the renumbered name under another ad, are not his.
        const string Ad = "车主料 新鲜 全国 各地 都有 需要的老板私聊 ";
        using var result = Run(
            ("a", Ad + "V：laoliu_data88"),
            ("b", Ad + "V：laoliu_data89"),
            ("c", Ad + "V：chezhu_king"),
            ("d", "出 对公户 一套 全新 包售后 V：laoliu_data90"));
        Assert.Equal(ActorOf(result, "a"), ActorOf(result, "b"));
        Assert.NotEqual(ActorOf(result, "a"), ActorOf(result, "c"));
        Assert.NotEqual(ActorOf(result, "a"), ActorOf(result, "d"));
        var link = Assert.Single(result.Links);
        Assert.Equal("text", link.Evidence);
        Assert.Contains("laoliu_data", link.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_spam_ad_rewritten_beside_a_renumbered_contact_is_one_actor_but_not_beside_a_new_name()
    {
        using var result = Run(
            ("a", "偏门项目 长期稳定 一部手机就能做 日入过千 包教包会 签合同 +V：pianmen_xm12"),
            ("b", "偏门项目 长期稳定 一部手机就能做 轻松日入过千 包教包会 可签合同 +V：pianmen_xm31"),
            ("c", "偏门项目 长期稳定 一部手机就能做 日入过千 包教包会 签合同 +V：zhuanqian_go"));
        Assert.Equal(ActorOf(result, "a"), ActorOf(result, "b"));
        Assert.NotEqual(ActorOf(result, "a"), ActorOf(result, "c"));
    }

    [Theory]
    [InlineData("wechat", "gx_fruit2026", "wechat:gx_fruit")]
    [InlineData("telegram", "chadang_zy2", "telegram:chadang_zy")]
    [InlineData("telegram", "liao_team_", "telegram:liao_team")]
    [InlineData("wechat", "ab12", null)] // too little name left to mean anything
    [InlineData("qq", "123450007", null)] // a QQ number is all number
    public void A_contacts_stem_is_its_name_without_the_number(string kind, string value, string? stem) =>
        Assert.Equal(stem, Actors.ActorLinker.Stem(new Analysis.PostHandle(kind, value, false)));

    [Fact]
    public void Two_people_in_both_samples_link_but_one_person_does_not()
    {
        // Synthetic people: valid check digits, not real persons.
        const string One = "13800138000 11010519491231002X";
        const string Two = "13912345678 110105198001010016";
        using var result = Run(("a", $"出快递料 样料：\n张伟 {One}\n李娜 {Two}"), ("b", $"出快递料 样料：\n张伟 {One}\n李娜 {Two}"), ("c", $"出快递料 样料：\n张伟 {One}\n王五 13712345678"));
        Assert.Equal(ActorOf(result, "a"), ActorOf(result, "b"));
        Assert.NotEqual(ActorOf(result, "a"), ActorOf(result, "c"));
    }
}
