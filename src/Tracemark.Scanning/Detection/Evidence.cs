using Tracemark.Identifiers;

namespace Tracemark.Scanning.Detection;

/// <summary>
/// Where a free-text finding sits and why it was reported (Presidio's analysis explanation): its span in the text
/// handed to the text scanner (UTF-16 positions; converted to code points when written), the recognizer, the
/// context word that raised it (or <see cref="HeaderContext"/> when the column's header did), and what validation
/// it passed. All strings are constants: building one allocates nothing.
/// </summary>
internal readonly record struct Evidence(int Start, int End, string Recognizer, string? ContextWord, string Validation)
{
    /// <summary>Stands for "the field's header named this kind"; the writer puts the header text in its place.</summary>
    public static readonly string HeaderContext = new("(header)".AsSpan());
}

/// <summary>What the identifier library checked for each kind, in words (constant strings).</summary>
internal static class Validations
{
    public static string For(IdentifierKind kind) => kind switch
    {
        IdentifierKind.ResidentId => "GB 11643 check character, region code and birth date",
        IdentifierKind.Mobile => "11 digits in an allocated mobile segment",
        IdentifierKind.BankCard => "Luhn check digit and a card network's length",
        IdentifierKind.Landline => "assigned area code and local-number length",
        IdentifierKind.Email => "address shape (dot-atom local part, host with a top-level domain)",
        IdentifierKind.Qq => "5–11 digits, not starting with 0 (shape only)",
        IdentifierKind.SocialCreditCode => "GB 32100 check character and region code",
        IdentifierKind.Passport or IdentifierKind.HongKongPassport or IdentifierKind.MacauPassport
            or IdentifierKind.HkMacauTravelPermit or IdentifierKind.HomeReturnPermit => "number shape (no check digit is published)",
        IdentifierKind.HongKongId => "Hong Kong ID check character",
        IdentifierKind.TaiwanId or IdentifierKind.TaiwanResidentCertificate => "Taiwan ID check digit",
        IdentifierKind.VehiclePlate => "GA 36 plate shape with a province abbreviation",
        IdentifierKind.Waybill => "a courier's waybill pattern",
        IdentifierKind.Name => "surname table and given-name length",
        IdentifierKind.Address => "region names and street, number or room parts",
        _ => "visible parts consistent with the full kind (masked)",
    };
}
