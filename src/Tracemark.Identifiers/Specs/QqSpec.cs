using Tracemark.Identifiers.Kinds;

namespace Tracemark.Identifiers.Specs;

/// <summary>QQ numbers: any 5–11 digits, so never read from a column's values alone.</summary>
internal static class QqSpec
{
    public static readonly KindSpec Value = new()
    {
        Kind = IdentifierKind.Qq,
        Code = "qq",
        Label = "QQ number",
        Validation = "5–11 digits, not starting with 0 (shape only)",
        Check = static (raw, canonical, _) => QqNumber.Check(raw, canonical),
        Headers = [new(170, "QQ header", "qq", "扣扣")],
        Context = ["qq", "扣扣", "q:", "q："],
        PublishField = "qq",
        Priority = 17,
    };
}
