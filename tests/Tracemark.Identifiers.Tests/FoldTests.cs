using FsCheck;
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
    // Noncharacters, which string.Normalize rejects, stay as they are.
    [InlineData('\uFFFE', '\uFFFE')]
    [InlineData('\uFDD0', '\uFDD0')]
    public void Folds_like_nfkc(char input, char expected) => Assert.Equal(expected, Fold.Character(input));

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
    public void Folding_every_bmp_character_is_idempotent_and_agrees_with_nfkc()
    {
        // The domain is small enough to check completely rather than sample (the longest NFKC expansion, U+FDFA, is 18).
        Span<char> once = stackalloc char[32];
        Span<char> twice = stackalloc char[32];
        for (var i = 0x20; i <= 0xFFFF; i++)
        {
            var c = (char)i;
            if (char.IsSurrogate(c))
            {
                continue;
            }

            var text = c.ToString();
            var n = Fold.Compact(text, once, Strip.None);
            var m = Fold.Compact(once[..n], twice, Strip.None);
            Assert.True(once[..n].SequenceEqual(twice[..m]), $"U+{i:X4} folds to '{once[..n].ToString()}' then to '{twice[..m].ToString()}'");

            // Where it differs from NFKC, only by mapping a dash, space, dot or middle dot to its ASCII separator.
            var nfkc = Reference(text).Trim();
            var folded = once[..n].ToString();
            Assert.True(folded == nfkc || folded is "-" or "." or "·" or "" || nfkc.Length != folded.Length, $"U+{i:X4}: NFKC '{nfkc}', folded '{folded}'");
        }
    }

    // Compact copies all-digit input, and a start of CJK ideographs, digits and letters, without the per-character path;
    // for any text, separators to drop and buffer size, both give the same characters, or both report overflow.
    private static Gen<string> Digitish => Gen.ListOf(Gen.Frequency(
        (8, Gen.Choose('0', '9').Select(c => (char)c)),
        (3, Gen.Elements('张', '路', '号', '\u4E00', '\u9FFF', 'A', 'Z', 'a', 'z', 'q')),
        (1, Gen.Elements(' ', '-', '.', '_', '\t', '１', 'x', 'X', '·', '(', '\u3000', '①', '\u4DFF', '\uA000', '٣', '\0')))).Select(cs => new string([.. cs]));

    [Fact]
    public void Compact_of_digits_gives_what_the_character_by_character_path_gives() =>
        Properties.Hold(Gen.Zip(Digitish, Gen.Zip(Gen.Choose(0, 63), Gen.Choose(0, 40))), input =>
        {
            var (text, (strip, size)) = input;
            var fast = new char[size];
            var each = new char[size];
            var n = Fold.Compact(text, fast, (Strip)strip);
            var m = Fold.CompactEach(text, each, (Strip)strip);
            Assert.Equal(m, n);
            if (n > 0)
            {
                Assert.Equal(each[..m], fast[..n]);
            }
        }, count: 5000);

    // string.Normalize rejects noncharacters; Fold keeps them, so the reference does too.
    private static string Reference(string text)
    {
        try
        {
            return text.Normalize(System.Text.NormalizationForm.FormKC);
        }
        catch (ArgumentException)
        {
            return text;
        }
    }
}
