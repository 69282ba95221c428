using System.Text;
using Tracemark.Identifiers;
using Tracemark.Scanning.Input;

namespace Tracemark.Scanning.Tests;

/// <summary>The public entry points other layers read text through: finding identifiers in a post, probing a file.</summary>
public sealed class TextFinderTests
{
    [Fact]
    public void Finds_the_identifiers_of_a_post_with_their_canonical_values()
    {
        var found = new Collected();
        // Synthetic numbers: a mobile in a valid segment and a full-width one, which the finder folds.
        new TextFinder().Find("出料 手机13800138000 另一个１３９００１３９０００ 无关数字12345", found);
        Assert.Equal([(IdentifierKind.Mobile, "13800138000"), (IdentifierKind.Mobile, "13900139000")], found.Items);
    }

    [Fact]
    public void Finds_nothing_in_text_without_identifiers()
    {
        var found = new Collected();
        new TextFinder().Find("今天天气不错，出去走走", found);
        Assert.Empty(found.Items);
    }

    [Fact]
    public void A_probe_tells_encodings_and_non_text_apart_from_content()
    {
        var gbk = TextProbe.Of(CodePagesEncodingProvider.Instance.GetEncoding(936)!.GetBytes("姓名,手机\n张三,13800138000\n"));
        Assert.Null(gbk.NotText);
        Assert.Equal(54936, gbk.Encoding.CodePage);

        var utf8 = TextProbe.Of([0xEF, 0xBB, 0xBF, .. "姓名"u8]);
        Assert.Equal((65001, 3), (utf8.Encoding.CodePage, utf8.BomLength));

        Assert.Equal("Zip", TextProbe.Of("PK\u0003\u0004rest"u8).NotText);
        Assert.Equal("PDF document", TextProbe.Of("%PDF-1.7"u8).NotText);
        Assert.Null(TextProbe.Of([]).NotText);
    }

    private sealed class Collected : IIdentifierSink
    {
        public List<(IdentifierKind, string)> Items { get; } = [];

        public void Found(IdentifierKind kind, ReadOnlySpan<char> canonical) => Items.Add((kind, canonical.ToString()));
    }
}
