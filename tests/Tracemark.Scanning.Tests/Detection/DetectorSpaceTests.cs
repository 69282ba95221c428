using Tracemark.Scanning.Detection;

namespace Tracemark.Scanning.Tests.Detection;

public sealed class DetectorSpaceTests
{
    // The detector trims every field with its own white-space test (no Unicode table lookup for Han text); it must say
    // what char.IsWhiteSpace says for every UTF-16 code unit, or a field's value count and trimmed span would change.
    [Fact]
    public void IsSpace_agrees_with_char_IsWhiteSpace_for_every_code_unit()
    {
        var disagree = Enumerable.Range(0, 0x10000).Where(i => Detector.IsSpace((char)i) != char.IsWhiteSpace((char)i)).ToList();
        Assert.Empty(disagree);
    }

    [Theory]
    [InlineData(' ', true)]
    [InlineData('\t', true)]
    [InlineData('\u3000', true)]
    [InlineData('\u00A0', true)]
    [InlineData('\u001F', false)]
    [InlineData('张', false)]
    [InlineData('1', false)]
    public void IsSpace_of_common_characters(char c, bool expected) => Assert.Equal(expected, Detector.IsSpace(c));
}
