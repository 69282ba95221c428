using FsCheck.Fluent;
using Tracemark.People;
using Tracemark.Synthetic.Posts;
using Tracemark.Tests;

namespace Tracemark.Intel.Tests;

public sealed class HandleExtractorTests
{
    private static List<string> Handles(string text) =>
        [.. Analyze.Text(text).Handles.Select(h => $"{h.Kind}:{h.Value}{(h.Escrow ? " escrow" : string.Empty)}")];

    [Theory]
    // Each cue the trade uses, with and without separators, full-width letters and colons.
    [InlineData("出料 QQ:12345678", "qq:12345678")]
    [InlineData("扣扣 987654321 联系", "qq:987654321")]
    [InlineData("联系Q 229808782", "qq:229808782")]
    [InlineData("企鹅：10001", "qq:10001")]
    // Cues split by a space to slip past keyword filters, full-width forms.
    [InlineData("Ｑ Ｑ：１２３４５６７８", "qq:12345678")]
    [InlineData("威 信 abc123x", "wechat:abc123x")]
    [InlineData("V X：seller_one", "wechat:seller_one")]
    [InlineData("ＶＸ：AbC_123x 速来", "wechat:abc_123x")]
    [InlineData("加微 x02asp63x", "wechat:x02asp63x")]
    [InlineData("薇:shuiguo88", "wechat:shuiguo88")]
    [InlineData("V:Foer5c3o，走人", "wechat:foer5c3o")]
    [InlineData("飞机:@Data_King99", "telegram:data_king99")]
    [InlineData("看 t.me/shuiguo_88 频道", "telegram:shuiguo_88")]
    [InlineData("https://t.me/xb3it018k91", "telegram:xb3it018k91")]
    [InlineData("联系 @seller_one", "telegram:seller_one")]
    [InlineData("电话:13800138000", "mobile:13800138000")]
    [InlineData("13800138000(微信同号)", "mobile:13800138000")]
    [InlineData("邮箱:Seller@Example.com。", "email:seller@example.com")]
    [InlineData("USDT(TRC20):TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t", "usdt:TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t")]
    [InlineData("付款 0x52908400098527886E0F7030069857D2E4169EE7", "usdt:0x52908400098527886e0f7030069857d2e4169ee7")]
    // An escrow's handle is kept but marked: it must not link the sellers who name it.
    [InlineData("走担保 @db_guarantee", "telegram:db_guarantee escrow")]
    public void Handles_are_found_in_every_way_they_are_written(string text, string expected) =>
        Assert.Equal([expected], Handles(text));

    [Theory]
    // A bare mobile without a cue is a sample, not a contact.
    [InlineData("张三 13800138000 北京")]
    // 汪薇 is a name ending in the one-character cue 薇; a cue needs a colon.
    [InlineData("汪薇\t13742586273")]
    // 实名微信号 is goods for sale, not a cue; trc20 after it is not an id.
    [InlineData("出实名微信号 trc20")]
    // An e-mail's @ is not a Telegram mention; a TRON-looking string with a bad checksum is nothing.
    [InlineData("TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6u")]
    // Too short to be a QQ number or a Telegram user; a URL after a WeChat cue is not an id.
    [InlineData("QQ:1234 @abc")]
    [InlineData("微信 https://example.com")]
    // Words that begin like cues: qqmusic, vip, tgbot.
    [InlineData("qqmusic vip tgbot")]
    public void Look_alikes_are_not_handles(string text) => Assert.Empty(Handles(text));

    [Fact]
    public void An_email_after_an_ideographic_full_stop_does_not_swallow_the_next_word()
    {
        Assert.Equal(["email:a1234@qq.com", "qq:1802741795"], Handles("邮箱:a1234@qq.com。QQ:1802741795"));
    }

    /// <summary>Every way the synthetic corpus writes a handle reads back as that handle (the writer is the trade's repertoire).</summary>
    [Fact]
    public void Every_written_form_reads_back_exactly()
    {
        var gen = Gen.Zip(Gen.Choose(0, 4), ArbMap.Default.GeneratorFor<ulong>());
        Properties.Hold(gen, t =>
        {
            var (kind, seed) = t;
            var rng = new SynthRandom(seed);
            var (text, expected) = kind switch
            {
                0 => Qq(ref rng),
                1 => WeChat(ref rng),
                2 => Telegram(ref rng),
                3 => Tron(ref rng),
                _ => (PostWriter.Mobile(ref rng, "13912345678"), "mobile:13912345678"),
            };
            Assert.Equal([expected], Handles("出快递料，" + text + "，可测"));
        });
    }

    private static (string, string) Qq(ref SynthRandom rng)
    {
        var qq = (10_000 + rng.NextLong(9_000_000_000L)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return (PostWriter.Qq(ref rng, qq), "qq:" + qq);
    }

    private static (string, string) WeChat(ref SynthRandom rng)
    {
        var id = PostWriter.Name(ref rng, 6, 20, rng.Chance(0.3));
        return (PostWriter.WeChat(ref rng, id), "wechat:" + id.ToLowerInvariant());
    }

    private static (string, string) Telegram(ref SynthRandom rng)
    {
        var user = PostWriter.Name(ref rng, 5, 32, rng.Chance(0.3));
        return (PostWriter.Telegram(ref rng, user), "telegram:" + user.ToLowerInvariant());
    }

    private static (string, string) Tron(ref SynthRandom rng)
    {
        var account = new byte[20];
        for (var i = 0; i < account.Length; i++)
        {
            account[i] = (byte)rng.Next(256);
        }

        var address = Identifiers.Kinds.TronAddress.Encode(account);
        return (PostWriter.Usdt(ref rng, address), "usdt:" + address);
    }
}
