using FsCheck.Fluent;
using Tracemark.Scanning.Redaction;
using Tracemark.Tests;

namespace Tracemark.Scanning.Tests.Redaction;

public sealed class TextMaskerTests
{
    private static readonly string[] Circled = ["⓪", "①", "②", "③", "④", "⑤", "⑥", "⑦", "⑧", "⑨"];

    // One digit as sellers write it to slip past filters: ASCII, full-width or circled.
    private static string Digit(int d, int style) => style switch
    {
        0 => ((char)('0' + d)).ToString(),
        1 => ((char)('０' + d)).ToString(),
        _ => Circled[d],
    };

    [Fact]
    public void A_mobile_in_any_width_or_disguise_is_masked_where_it_stands() => Properties.Hold(
        Gen.Choose(0, 99_999_999).SelectMany(n => Gen.ArrayOf(Gen.Choose(0, 2), 11).SelectMany(styles => Gen.Elements("", " ", "-").Select(sep => (n, styles, sep)))),
        c =>
        {
            var digits = "138" + c.n.ToString("D8", System.Globalization.CultureInfo.InvariantCulture);
            var written = string.Concat(digits.Select((d, i) => (i is 3 or 7 ? c.sep : string.Empty) + Digit(d - '0', c.styles[i])));
            var masked = new TextMasker().Mask($"出料 联系手机{written} 一手");
            Assert.Equal($"出料 联系手机138****{digits[7..]} 一手", masked);
        },
        count: 2000);

    [Fact]
    public void Ids_and_emails_written_full_width_are_masked_and_other_text_is_kept()
    {
        var masker = new TextMasker();
        Assert.Equal("身份证110105********002X 邮箱 se***@example.com", masker.Mask("身份证１１０１０５１９４９１２３１００２Ｘ 邮箱 seller＠example．com"));
        Assert.Equal("一手快递料 0.5一条 量大从优", masker.Mask("一手快递料 0.5一条 量大从优"));
        Assert.Equal(string.Empty, masker.Mask(string.Empty));
    }
}
