using Tracemark.Intel.Analysis;
using Tracemark.Intel.Posts;

namespace Tracemark.Intel.Tests;

/// <summary>One post through the analyzer.</summary>
internal static class Analyze
{
    public static PostAnalysis Text(string text) => new PostAnalyzer().Analyze(new Post("test", 1, null, string.Empty, "post:test#1", null, text));
}
