using FsCheck.Fluent;
using Tracemark.Identifiers.Text;
using Tracemark.Tests;

namespace Tracemark.Identifiers.Tests;

public sealed class FoldTests
{
    [Theory]
    // Full-width ASCII block maps by a constant offset under NFKC.
    [InlineData('１', '1')]
    [InlineData('Ｘ', 'X')]
    [InlineData('ｘ', 'x')]
    [InlineData('＠', '@')]
    [InlineData('－', '-')]
    // Ideographic and no-break spaces become spaces; dash variants become '-'.
    [InlineData('\u3000', ' ')]
    [InlineData('\u00A0', ' ')]
    [InlineData('\u2014', '-')]
    // Chinese characters are unchanged.
    [InlineData('张', '张')]
    // Rare characters go through the framework's NFKC: circled digit one.
    [InlineData('①', '1')]
    public void Folds_like_nfkc(char input, char expected) => Assert.Equal(expected, Fold.Char(input));

    [Fact]
    public void Compact_drops_the_requested_separators()
    {
        Span<char> buffer = stackalloc char[32];
        var n = Fold.Compact("１３８ ００１３-８０００", buffer, Strip.Numeric);
        Assert.Equal("13800138000", buffer[..n].ToString());
    }

    [Fact]
    public void Compact_reports_overflow()
    {
        Span<char> buffer = stackalloc char[4];
        Assert.Equal(-1, Fold.Compact("123456", buffer, Strip.None));
    }

    [Fact]
    public void Folding_is_idempotent_and_agrees_with_nfkc_on_the_fast_path() =>
        Properties.Hold(Gen.Choose(0x20, 0xFFEF).Select(i => (char)i).Where(c => !char.IsSurrogate(c)), c =>
        {
            var once = Fold.Char(c);
            if (once == '\uFFFF')
            {
                return true; // multi-character NFKC expansion, handled by Compact's slow path
            }

            var nfkc = c.ToString().Normalize(System.Text.NormalizationForm.FormKC);
            var agrees = nfkc.Length != 1 || nfkc[0] == once || once is ' ' or '-' or '·' or '.';
            return Fold.Char(once) == once && agrees;
        }, count: 5000);
}
