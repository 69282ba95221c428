using static Tracemark.Identifiers.Tests.Checks;

namespace Tracemark.Identifiers.Tests;

public sealed class IdentifierTests
{
    [Fact]
    public void The_issue_example_is_a_female_born_1949_in_Chaoyang()
    {
        var r = Identifier.Identify("11010519491231002X", Today);
        Assert.Equal(IdentifierKind.ResidentId, r.Kind);
        Assert.True(r.IsValid);
        var facts = r.Facts.ToDictionary(f => f.Key, f => f.Value);
        Assert.Equal("北京市朝阳区", facts["region"]);
        Assert.Equal("1949-12-31", facts["birth_date"]);
        Assert.Equal("female", facts["sex"]);
        Assert.Equal("76", facts["age"]);
        Assert.Equal("current", facts["region_status"]);
    }

    [Theory]
    [InlineData("13800138000", IdentifierKind.Mobile)]
    [InlineData("6222020200112233446", IdentifierKind.BankCard)]
    [InlineData("91110000600037341L", IdentifierKind.SocialCreditCode)]
    [InlineData("zhang@163.com", IdentifierKind.Email)]
    [InlineData("A123456(3)", IdentifierKind.HongKongId)]
    [InlineData("A123456789", IdentifierKind.TaiwanId)]
    [InlineData("E12345678", IdentifierKind.Passport)]
    [InlineData("H12345678", IdentifierKind.HomeReturnPermit)]
    [InlineData("K12345678", IdentifierKind.HongKongPassport)]
    [InlineData("MA1234567", IdentifierKind.MacauPassport)]
    [InlineData("C12345678", IdentifierKind.HkMacauTravelPermit)]
    [InlineData("A800000014", IdentifierKind.TaiwanResidentCertificate)]
    [InlineData("378282246310005", IdentifierKind.BankCard)]
    [InlineData("+86 (0)10 62345678", IdentifierKind.Landline)]
    [InlineData("京A12345", IdentifierKind.VehiclePlate)]
    [InlineData("YT1234567890123", IdentifierKind.Waybill)]
    [InlineData("010-62345678", IdentifierKind.Landline)]
    [InlineData("123456", IdentifierKind.Qq)]
    [InlineData("138****8000", IdentifierKind.MobileMasked)]
    [InlineData("张三", IdentifierKind.Name)]
    [InlineData("广东省深圳市南山区科技园路1号", IdentifierKind.Address)]
    public void Each_kind_is_identified(string value, IdentifierKind kind)
    {
        var r = Identifier.Identify(value, Today);
        Assert.Equal(kind, r.Kind);
        Assert.True(r.IsValid, r.Reason);
    }

    [Theory]
    // A number with the shape of a kind reports that kind's broken rule, not "unknown".
    [InlineData("110105194912310021", IdentifierKind.ResidentId, "check character should be X")]
    [InlineData("999999194912310021", IdentifierKind.ResidentId, "region 999999 is in no GB/T 2260 revision 1980–2024")]
    [InlineData("0300-2345678", IdentifierKind.Landline, "0300 is not an assigned area code")]
    [InlineData("9A440101L08W97Q004", IdentifierKind.SocialCreditCode, "organization type 'A' does not exist under registration authority '9' (GB 32100-2015)")]
    [InlineData("110105194913310021", IdentifierKind.ResidentId, "month 13")]
    // An unassigned segment is reported as a bad mobile even though any 11 digits fit the QQ shape.
    [InlineData("15412345678", IdentifierKind.Mobile, "154 is not an assigned mobile segment")]
    [InlineData("6222020200112233445", IdentifierKind.BankCard, "Luhn check fails: the last digit should be 6")]
    [InlineData("11010519491231002Y", IdentifierKind.ResidentId, "character 'Y' at position 18 is not allowed in a resident ID number")]
    public void Broken_values_name_the_rule_they_break(string value, IdentifierKind kind, string reason)
    {
        var r = Identifier.Identify(value, Today);
        Assert.Equal(kind, r.Kind);
        Assert.False(r.IsValid);
        Assert.Equal(reason, r.Reason);
    }

    [Fact]
    public void An_id_with_a_wrong_check_character_is_not_passed_off_as_a_card()
    {
        // 110105194912310028 passes Luhn (checked independently; one number in ten does), but its region and birth
        // date are right and only the ID check character is wrong: a mistyped ID, not a card.
        const string value = "110105194912310028";
        Assert.True(Run(IdentifierKind.BankCard, value).Valid);
        var r = Identifier.Identify(value, Today);
        Assert.Equal(IdentifierKind.ResidentId, r.Kind);
        Assert.False(r.IsValid);
        Assert.Equal("check character should be X", r.Reason);
    }

    [Fact]
    public void Alternatives_list_other_kinds_that_also_validate()
    {
        // 61 is no card network's prefix, so the 16–19 digit rule holds and this ID passes Luhn too. (440524188001010014
        // passes Luhn as well, but 4 is Visa's prefix and Visa issues no 18-digit cards.)
        var r = Identifier.Identify("610102199001010159", Today);
        Assert.Equal(IdentifierKind.ResidentId, r.Kind);
        Assert.Contains(IdentifierKind.BankCard, r.Alternatives);
    }

    [Theory]
    [InlineData("hello world")]
    [InlineData("!!!")]
    [InlineData("")]
    public void Text_that_is_no_identifier_is_unknown(string value)
    {
        var r = Identifier.Identify(value, Today);
        Assert.Null(r.Kind);
        Assert.False(r.IsValid);
        Assert.Equal("not recognized as any identifier Tracemark knows", r.Reason);
    }

    [Fact]
    public void Legacy_ids_say_they_were_upgraded()
    {
        var r = Identifier.Identify("110105491231002", Today);
        Assert.Equal("11010519491231002X", r.Canonical);
        Assert.Contains(r.Facts, f => f.Key == "upgraded_from");
    }

    [Fact]
    public void The_qq_number_inside_a_qq_mail_address_is_marked_for_masking()
    {
        var fact = Identifier.Identify("12345678@qq.com", Today).Facts.Single(f => f.Key == "qq");
        Assert.Equal(IdentifierKind.Qq, fact.Masked);
    }

    [Theory]
    // E + 8 characters is an e-passport, even when it passes the Hong Kong ID check (EA123456 has check 3).
    [InlineData("EA1234563")]
    [InlineData("E12345678")]
    public void E_passports_are_not_taken_for_hong_kong_ids(string value)
    {
        var r = Identifier.Identify(value, Today);
        Assert.Equal(IdentifierKind.Passport, r.Kind);
        Assert.True(r.IsValid);
    }

    [Fact]
    public void A_hong_kong_id_written_with_its_check_in_parentheses_stays_a_hong_kong_id()
    {
        var r = Identifier.Identify("EA123456(3)", Today);
        Assert.Equal(IdentifierKind.HongKongId, r.Kind);
        Assert.True(r.IsValid);
        Assert.Contains(IdentifierKind.HongKongId, Identifier.Identify("EA1234563", Today).Alternatives);
    }

    [Fact]
    public void The_issue_rows_are_right()
    {
        var spdb = Identifier.Identify("6225161234567895", Today).Facts.Single(f => f.Key == "bank_code");
        Assert.Equal("SPDB", spdb.Value);
        var amex = Identifier.Identify("378282246310005", Today);
        Assert.Equal("American Express", amex.Facts.Single(f => f.Key == "network").Value);
        var landline = Identifier.Identify("+86 (0)10 62345678", Today);
        Assert.Equal("010-62345678", landline.Canonical);
    }
}
