using FsCheck.Fluent;
using Tracemark.Identifiers.Kinds;
using Tracemark.People;
using Tracemark.Tests;
using static Tracemark.Identifiers.Tests.Checks;

namespace Tracemark.Identifiers.Tests.Kinds;

public sealed class PersonNameTests
{
    private const IdentifierKind Kind = IdentifierKind.Name;

    [Theory]
    [InlineData("张三", "张三")]
    [InlineData("王小明", "王小明")]
    // Compound surnames (欧阳, 诸葛, 司马 …).
    [InlineData("欧阳娜娜", "欧阳娜娜")]
    [InlineData("诸葛亮", "诸葛亮")]
    // Spaces inside (common in exports) are dropped.
    [InlineData("张 三", "张三")]
    // Transliterated names join parts with a middle dot (folded to U+00B7).
    [InlineData("买买提·艾力", "买买提·艾力")]
    [InlineData("阿依古丽・吐尔逊", "阿依古丽·吐尔逊")]
    public void Valid_names(string raw, string canonical) =>
        Assert.Equal(canonical, Canonical(Kind, raw));

    [Theory]
    // One character is not a name; six is too long without a middle dot.
    [InlineData("张", "has 1 characters; a person's name has 2 to 4 (or a transliterated name with ·)")]
    [InlineData("张三李四王五", "has 6 characters; a person's name has 2 to 4 (or a transliterated name with ·)")]
    // 的 is not a surname.
    [InlineData("的确", "does not start with a surname from the surname table")]
    // Latin letters and digits are not Chinese names.
    [InlineData("Zhang San", "character 'Z' at position 1 is not allowed in a person's name")]
    [InlineData("张3", "character '3' at position 2 is not allowed in a person's name")]
    public void Invalid_names_say_exactly_why(string raw, string reason) =>
        Assert.Equal(reason, Reason(Kind, raw));

    [Fact]
    public void Describes_surname_and_given_name()
    {
        var facts = PersonName.Describe("欧阳娜娜");
        Assert.Equal("欧阳", facts.Surname!.Text);
        Assert.Equal("娜娜", facts.GivenName);
        Assert.Equal(1, PersonName.Describe("王伟").Surname!.Rank);
    }

    private static readonly Population People = new(seed: 17, size: 1_000_000);

    [Fact]
    public void Every_synthesized_name_validates() =>
        Properties.Hold(Gen.Choose(0, 999_999), i => Canonical(Kind, People.Get(i).Name) == People.Get(i).Name);
}
