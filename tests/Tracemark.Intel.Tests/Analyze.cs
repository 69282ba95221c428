using Tracemark.Intel.Analysis;
using Tracemark.Intel.Posts;

namespace Tracemark.Intel.Tests;

/// <summary>One post through the analyzer.</summary>
internal static class Analyze
{
    public static PostAnalysis Text(string text) => new PostAnalyzer().Analyze(new Post("test", 1, null, string.Empty, "post:test#1", null, text));

    /// <summary>The rules without the trained model: for tests of what one rule does (or does not) decide.</summary>
    public static PostAnalysis RulesOnly(string text) => new PostAnalyzer(null, null, 0).Analyze(new Post("test", 1, null, string.Empty, "post:test#1", null, text));
}
