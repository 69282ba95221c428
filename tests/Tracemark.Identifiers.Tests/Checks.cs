namespace Tracemark.Identifiers.Tests;

/// <summary>Runs the hot-path API and turns its result into strings for readable assertions.</summary>
internal static class Checks
{
    public static readonly DateOnly Today = new(2026, 11, 22);

    public static (bool Valid, string Canonical, string Reason) Run(IdentifierKind kind, string raw)
    {
        Span<char> buffer = stackalloc char[Identifier.MaxCanonicalLength];
        var verdict = Identifier.Check(kind, raw, buffer, Today);
        return (verdict.IsValid, buffer[..verdict.Length].ToString(), verdict.Explain());
    }

    public static string Canonical(IdentifierKind kind, string raw)
    {
        var (valid, canonical, reason) = Run(kind, raw);
        Assert.True(valid, $"{raw} should be a valid {kind}: {reason}");
        return canonical;
    }

    public static string Reason(IdentifierKind kind, string raw)
    {
        var (valid, _, reason) = Run(kind, raw);
        Assert.False(valid, $"{raw} should not be a valid {kind}");
        return reason;
    }
}
