namespace Tracemark.Identifiers;

/// <summary>The kinds of personal identifier Tracemark knows (docs/domain.md §2).</summary>
/// <remarks>The numeric values are persisted by later stores: append new kinds, never renumber. Each value has one
/// <see cref="KindSpec"/> (Specs/, one file per kind) holding everything else about it.</remarks>
public enum IdentifierKind : byte
{
    /// <summary>Resident identity card number (GB 11643-1999), 18 characters; 15-digit legacy numbers upgrade to it.</summary>
    ResidentId = 1,
    /// <summary>Mainland mobile number, 11 digits.</summary>
    Mobile = 2,
    /// <summary>Fixed-line number with area code.</summary>
    Landline = 3,
    /// <summary>Bank card number, 16–19 digits, Luhn.</summary>
    BankCard = 4,
    /// <summary>E-mail address.</summary>
    Email = 5,
    /// <summary>QQ number, 5–11 digits (needs context).</summary>
    Qq = 6,
    /// <summary>Unified social credit code (GB 32100-2015); identifies organizations.</summary>
    SocialCreditCode = 7,
    /// <summary>People's Republic of China passport number.</summary>
    Passport = 8,
    /// <summary>Home-return permit for Hong Kong and Macau residents.</summary>
    HomeReturnPermit = 9,
    /// <summary>Hong Kong identity card number.</summary>
    HongKongId = 10,
    /// <summary>Taiwan national identification number.</summary>
    TaiwanId = 11,
    /// <summary>Motor vehicle plate.</summary>
    VehiclePlate = 12,
    /// <summary>Courier waybill number.</summary>
    Waybill = 13,
    /// <summary>Person's name in Chinese characters.</summary>
    Name = 14,
    /// <summary>Postal address.</summary>
    Address = 15,
    /// <summary>Hong Kong SAR passport number (K + 8 digits, KJ + 7 digits).</summary>
    HongKongPassport = 16,
    /// <summary>Macau SAR passport number (MA/MB + 7 digits).</summary>
    MacauPassport = 17,
    /// <summary>Mainland residents' travel permit to Hong Kong and Macau (往来港澳通行证): C + 8 digits, C + letter + 7 digits, W + 8 digits.</summary>
    HkMacauTravelPermit = 18,
    /// <summary>Taiwan resident certificate number (居留證統一證號): two letters + 8 digits, or since 2021 a letter + 8/9 + 8 digits.</summary>
    TaiwanResidentCertificate = 19,
    /// <summary>An account with its password (账号----密码); the canonical value is the normalised account, never the password.</summary>
    Credential = 20,
    /// <summary>Masked mobile number such as 138****8000: partial, never a full identifier.</summary>
    MobileMasked = 32,
    /// <summary>Masked resident ID number such as 110105********002X.</summary>
    ResidentIdMasked = 33,
    /// <summary>Masked bank card number such as 6222 **** **** 1234.</summary>
    BankCardMasked = 34,
    /// <summary>Masked e-mail address such as zh***@163.com.</summary>
    EmailMasked = 35,
    /// <summary>Masked name such as 张*.</summary>
    NameMasked = 36,
}

/// <summary>Stable text codes of <see cref="IdentifierKind"/> as used in JSON output and on the command line; each
/// comes from the kind's <see cref="KindSpec"/>.</summary>
public static class IdentifierKinds
{
    /// <summary>Every kind, in display order.</summary>
    public static IReadOnlyList<IdentifierKind> All { get; } = [.. KindSpecs.All.Select(s => s.Kind)];

    /// <summary>The stable code, e.g. "cn_id".</summary>
    public static string Code(this IdentifierKind kind) => KindSpecs.For(kind).Code;

    /// <summary>A plain-words label, e.g. "resident ID number".</summary>
    public static string Label(this IdentifierKind kind) => KindSpecs.For(kind).Label;

    /// <summary>True for the masked (partial) forms.</summary>
    public static bool IsMasked(this IdentifierKind kind) => KindSpecs.For(kind).IsMasked;

    /// <summary>The full kind a masked form stands for (the kind itself when not masked).</summary>
    public static IdentifierKind Unmasked(this IdentifierKind kind) => KindSpecs.For(kind).Unmasked;

    /// <summary>The kind of a code Tracemark wrote (throws for an unknown code).</summary>
    public static IdentifierKind Parse(string code) =>
        TryParse(code, out var kind) ? kind : throw new ArgumentException($"unknown identifier kind '{code}'", nameof(code));

    /// <summary>Parses a code such as "mobile" or "cn_id".</summary>
    public static bool TryParse(string code, out IdentifierKind kind)
    {
        foreach (var s in KindSpecs.All)
        {
            if (string.Equals(s.Code, code, StringComparison.OrdinalIgnoreCase))
            {
                kind = s.Kind;
                return true;
            }
        }

        kind = default;
        return false;
    }
}
