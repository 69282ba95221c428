using Tracemark.Identifiers.Kinds;

namespace Tracemark.Identifiers.Specs;

/// <summary>E-mail addresses: the first characters and the host stay visible (zh***@163.com).</summary>
internal static class EmailSpec
{
    public static readonly KindSpec Value = new()
    {
        Kind = IdentifierKind.Email,
        Code = "email",
        Label = "e-mail address",
        Validation = "address shape (dot-atom local part, host with a top-level domain)",
        Check = static (raw, canonical, _) => EmailAddress.Check(raw, canonical),
        Mask = Masking.MaskEmail,
        Headers = [new(60, "e-mail header", "邮箱", "邮件", "email", "mail")],
        Context = ["邮箱", "邮件", "email", "e-mail", "mail"],
        PublishField = "email",
        MaskedForm = IdentifierKind.EmailMasked,
        ColumnShare = 0.6,
        Priority = 5,
    };
}
