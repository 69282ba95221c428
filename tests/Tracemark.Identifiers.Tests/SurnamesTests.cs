using FsCheck;
using FsCheck.Fluent;
using Tracemark.Identifiers.Reference;
using Tracemark.Tests;

namespace Tracemark.Identifiers.Tests;

/// <summary>The surname lookups keyed by characters answer as a string dictionary of the same surnames does.</summary>
public sealed class SurnamesTests
{
    private static readonly Dictionary<string, Surname> ByText = Surnames.All.ToDictionary(s => s.Text, StringComparer.Ordinal);

    // The lookup as it was written over a string dictionary: a compound surname first, else a single character.
    private static Surname? ReferenceMatch(string name) =>
        name.Length >= 3 && ByText.TryGetValue(name[..2], out var compound) ? compound
        : name.Length >= 1 && ByText.TryGetValue(name[..1], out var single) ? single
        : null;

    private static Surname? Match(string name) => Surnames.TryMatch(name, out var s) ? s : null;

    private static Surname? Get(string text) => Surnames.TryGet(text, out var s) ? s : null;

    [Fact]
    public void Are_ranked_by_share_then_text_from_one()
    {
        var all = Surnames.All;
        Assert.Equal(Enumerable.Range(1, all.Count), all.Select(s => s.Rank));
        Assert.Equal(all.OrderByDescending(s => s.PerMillion).ThenBy(s => s.Text, StringComparer.Ordinal), all);
        Assert.All(all, s => Assert.InRange(s.Text.Length, 1, 2));
    }

    [Fact]
    public void Every_character_starts_a_surname_and_is_one_exactly_as_the_table_says()
    {
        for (var c = char.MinValue; ; c++)
        {
            var text = c.ToString();
            Assert.Equal(Surnames.All.Any(s => s.Text[0] == c), Surnames.IsSurnameStart(c));
            Assert.Same(ByText.GetValueOrDefault(text), Get(text));
            Assert.Same(ReferenceMatch(text + "明"), Match(text + "明"));
            if (c == char.MaxValue)
            {
                break;
            }
        }
    }

    [Fact]
    public void Every_pair_of_surname_characters_and_others_is_looked_up_as_the_table_says()
    {
        var chars = Surnames.All.SelectMany(s => s.Text).Concat("\0a*明\uFFFF").Distinct().ToArray();
        foreach (var first in chars)
        {
            foreach (var second in chars)
            {
                var two = $"{first}{second}";
                Assert.Same(ByText.GetValueOrDefault(two), Get(two));
                Assert.Same(ReferenceMatch(two), Match(two));
                Assert.Same(ReferenceMatch(two + "明"), Match(two + "明"));
                Assert.Same(ReferenceMatch(two + "明华"), Match(two + "明华"));
            }
        }
    }

    private static Gen<string> Piece => Gen.OneOf(
        Gen.Elements(Surnames.All.Select(s => s.Text).ToArray()),
        Gen.Elements("明", "华", "a", "*", " ", "", "\0"),
        ArbMap.Default.ArbFor<char>().Generator.Select(c => c.ToString()));

    [Fact]
    public void Any_text_matches_and_gets_as_the_table_says() =>
        Properties.Hold(Gen.ListOf(Piece).Select(string.Concat), text =>
        {
            Assert.Same(ReferenceMatch(text), Match(text));
            Assert.Same(ByText.GetValueOrDefault(text), Get(text));
        }, count: 5000);
}
