namespace Tracemark.Identifiers.Specs;

/// <summary>
/// Header words that may name any of several kinds (证件号 is some document, 电话 a mobile or a landline). Each kind
/// that such a word may mean lists the rule; the column is then read as each of them in turn. Ranks of all header
/// rules, kinds' and the scanner's own (password 10, type 20, non-personal 50, account name 200, free text 220, not an
/// identifier 230), are spaced by ten so that a new rule finds its place without renumbering.
/// </summary>
internal static class SharedHeaders
{
    public static readonly HeaderRule Documents = new(80, "document header", "证件号", "证件");

    public static readonly HeaderRule Passports = new(90, "passport header", "护照", "passport");

    public static readonly HeaderRule Permits = new(120, "permit header", "通行证", "港澳");

    public static readonly HeaderRule ResidentCertificates = new(130, "resident certificate header", "居留证", "居留證", "统一证号", "統一證號");

    public static readonly HeaderRule Phones = new(150, "phone header", "电话", "联系方式", "座机", "固话", "phone", "tel", "telephone");
}
