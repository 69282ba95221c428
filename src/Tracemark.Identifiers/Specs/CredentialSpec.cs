using Tracemark.Identifiers.Kinds;

namespace Tracemark.Identifiers.Specs;

/// <summary>Accounts with their passwords (账号----密码). The canonical value is the account, never the password; the scanner's
/// CredentialRecognizer finds them (password headers and words live there, since they are about the password, not the kind).</summary>
internal static class CredentialSpec
{
    public static readonly KindSpec Value = new()
    {
        Kind = IdentifierKind.Credential,
        Code = "credential",
        Label = "account credential (account and password)",
        Validation = "account (QQ number, mobile, e-mail or account name) with a 4–128 character password",
        Check = static (raw, canonical, _) => Credential.Check(raw, canonical),
        PublishField = "credential",
    };
}
