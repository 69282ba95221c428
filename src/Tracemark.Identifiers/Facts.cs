using System.Globalization;
using Tracemark.Identifiers.Kinds;
using Tracemark.Identifiers.Reference;

namespace Tracemark.Identifiers;

/// <summary>Turns each kind's typed description into facts with stable keys (JSON) and labels (terminal).</summary>
internal static class Facts
{
    public static IReadOnlyList<Fact> Describe(IdentifierKind kind, string canonical, string raw, DateOnly today)
    {
        var facts = new List<Fact>();
        void Add(string key, string label, string? value, IdentifierKind? masked = null)
        {
            if (!string.IsNullOrEmpty(value))
            {
                facts.Add(new Fact(key, label, value, masked));
            }
        }

        var c = CultureInfo.InvariantCulture;
        switch (kind)
        {
            case IdentifierKind.ResidentId:
                {
                    var f = ResidentId.Describe(canonical, today);
                    if (f.ForeignPermanentResident)
                    {
                        Add("type", "type", "foreigner's permanent residence ID");
                        Add("province", "issued in", f.Region?.Name);
                        Add("nationality", "nationality", f.Nationality is { } nation ? $"{nation} ({canonical[3..6]})" : null);
                    }
                    else
                    {
                        Add("region", "region", f.Region?.FullName);
                        Add("region_code", "region code", canonical[..6]);
                        Add("region_status", "region code status", RegionStatus(f.Region));
                    }

                    Add("birth_date", "born", f.BirthDate.ToString("yyyy-MM-dd", c));
                    Add("sex", "sex", f.Sex == Sex.Male ? "male" : "female");
                    Add("age", "age", f.Age.ToString(c));
                    if (Kinds.ResidentId.IsShape(raw) && CountDigits(raw) == ResidentId.LegacyLength)
                    {
                        Add("upgraded_from", "upgraded from", "15-digit legacy number (19 inserted before the year, check character computed)");
                    }

                    break;
                }

            case IdentifierKind.Mobile:
                {
                    var segment = MobileNumber.Describe(canonical);
                    Add("carrier", "carrier", segment.Carrier);
                    Add("segment", "segment", segment.Prefix);
                    Add("segment_note", "note", segment.Use == SegmentUse.DataOnly ? "data-only SIM" : segment.Note);
                    break;
                }

            case IdentifierKind.Landline:
                {
                    var f = Landline.Describe(raw);
                    Add("area_code", "area code", f.AreaCode);
                    Add("city", "city", f.City);
                    Add("extension", "extension", f.Extension);
                    break;
                }

            case IdentifierKind.BankCard:
                {
                    var f = BankCard.Describe(canonical);
                    Add("bank", "bank", f.Issuer?.BankName ?? "unknown issuer (not in the BIN table)");
                    Add("bank_code", "bank code", f.Issuer?.BankCode);
                    Add("card_type", "card type", f.Issuer is null ? null : CardType(f.Issuer.CardType));
                    Add("length", "length", f.Length.ToString(c));
                    Add("network", "network", f.Network);
                    break;
                }

            case IdentifierKind.Email:
                {
                    var f = EmailAddress.Describe(canonical);
                    Add("domain", "domain", f.Domain);
                    Add("provider", "provider", f.Provider);
                    Add("qq", "QQ number", f.QqNumber, IdentifierKind.Qq);
                    break;
                }

            case IdentifierKind.Qq:
                Add("note", "note", "any 5–11 digit number has this shape: a QQ number only with QQ context or a QQ column");
                break;
            case IdentifierKind.SocialCreditCode:
                {
                    var f = SocialCreditCode.Describe(canonical);
                    Add("authority", "registration authority", f.Authority);
                    Add("organization_type", "organization type", f.OrganizationType);
                    Add("region", "registered in", f.Region?.FullName ?? (canonical[2..8] == "100000" ? "national" : null));
                    Add("organization_code", "organization code", f.OrganizationCode);
                    Add("note", "note", "identifies an organization, not a person");
                    break;
                }

            case IdentifierKind.Passport:
                Add("type", "type", Passport.Describe(canonical) switch
                {
                    PassportType.OrdinaryElectronic => "ordinary e-passport",
                    PassportType.Ordinary => "ordinary passport (G series)",
                    PassportType.Diplomatic => "diplomatic passport",
                    PassportType.Service => "service passport",
                    _ => "public affairs passport",
                });
                break;
            case IdentifierKind.HomeReturnPermit:
                {
                    var f = HomeReturnPermit.Describe(raw);
                    Add("residence", "holder resides in", f.Residence);
                    Add("issue_count", "times issued", f.IssueCount?.ToString(c));
                    break;
                }

            case IdentifierKind.HongKongId:
                Add("check", "check digit", "matches");
                break;
            case IdentifierKind.TaiwanId:
                {
                    var f = TaiwanId.Describe(canonical);
                    Add("place", "first registered in", f.Place);
                    Add("sex", "sex", f.Sex == Sex.Male ? "male" : "female");
                    break;
                }

            case IdentifierKind.TaiwanResidentCertificate:
                {
                    var f = TaiwanResidentCertificate.Describe(canonical);
                    Add("place", "issued in", f.Place);
                    Add("sex", "sex", f.Sex == Sex.Male ? "male" : "female");
                    Add("form", "form", f.OldFormat ? "two-letter number (before 2021)" : "one-letter number (since 2021)");
                    Add("resident", "holder", f.Holder);
                    break;
                }

            case IdentifierKind.HongKongPassport:
                Add("type", "type", HongKongPassport.IsElectronic(canonical) ? "HKSAR electronic passport (KJ series)" : "HKSAR passport (K series)");
                break;
            case IdentifierKind.MacauPassport:
                Add("type", "type", "MSAR passport");
                break;
            case IdentifierKind.HkMacauTravelPermit:
                Add("form", "form", HkMacauTravelPermit.Describe(canonical) switch
                {
                    TravelPermitForm.Card => "card (since 2014)",
                    TravelPermitForm.CardLettered => "card, lettered series",
                    _ => "booklet (before 2014)",
                });
                break;

            case IdentifierKind.VehiclePlate:
                {
                    var f = VehiclePlate.Describe(canonical);
                    Add("province", "province", f.Province);
                    Add("new_energy", "new-energy vehicle", f.NewEnergy ? "yes" : "no");
                    Add("special", "special plate", f.Special);
                    break;
                }

            case IdentifierKind.Waybill:
                Add("couriers", "courier", string.Join(", ", CourierNames(Waybill.Couriers(canonical))));
                break;
            case IdentifierKind.Name:
                {
                    var f = PersonName.Describe(canonical);
                    if (f.Transliterated)
                    {
                        Add("form", "form", "transliterated name");
                    }
                    else
                    {
                        Add("surname", "surname", f.Surname!.Text);
                        Add("given_name", "given name", f.GivenName);
                        Add("surname_rank", "surname frequency rank", f.Surname.Rank.ToString(c));
                    }

                    break;
                }

            case IdentifierKind.Address:
                {
                    var f = PostalAddress.Describe(canonical);
                    Add("region", "region", f.Region?.FullName);
                    Add("region_code", "region code", f.Region?.Code.ToString("D6", c));
                    break;
                }

            default:
                Add("partial", "partial", "masked value: reported, never counted as a full " + kind.Unmasked().Label());
                if (kind == IdentifierKind.MobileMasked && canonical[1] != '*' && canonical[2] != '*'
                    && MobileSegments.TryFind(canonical[..3].PadRight(5, '0'), out var seg))
                {
                    Add("carrier", "carrier", seg.Carrier);
                }

                if (kind == IdentifierKind.ResidentIdMasked && Regions.TryGet(canonical.AsSpan(0, 6), out var region))
                {
                    Add("region", "region", region.FullName);
                }

                break;
        }

        return facts;
    }

    private static int CountDigits(string raw)
    {
        var n = 0;
        foreach (var ch in raw)
        {
            if (char.IsDigit(ch) || ch is 'X' or 'x' or 'Ｘ' or 'ｘ')
            {
                n++;
            }
        }

        return n;
    }

    private static string RegionStatus(Region? region) => region switch
    {
        null => "unknown: in no GB/T 2260 revision 1980–" + (Regions.LatestRevision / 100).ToString(CultureInfo.InvariantCulture),
        { IsCurrent: true } => "current",
        _ => string.Format(CultureInfo.InvariantCulture, "retired: listed in revisions {0}-{1:D2} to {2}-{3:D2}",
            region.FirstRevision / 100, region.FirstRevision % 100, region.LastRevision / 100, region.LastRevision % 100),
    };

    private static string CardType(BankCardType type) => type switch
    {
        BankCardType.Debit => "debit (储蓄卡)",
        BankCardType.Credit => "credit (信用卡)",
        BankCardType.SemiCredit => "semi-credit (准贷记卡)",
        _ => "prepaid (预付费卡)",
    };

    private static readonly (Courier Flag, string Name)[] CourierTable =
    [
        (Courier.SfExpress, "SF Express (顺丰)"), (Courier.Yto, "YTO (圆通)"), (Courier.Zto, "ZTO (中通)"),
        (Courier.Sto, "STO (申通)"), (Courier.Yunda, "Yunda (韵达)"), (Courier.Jd, "JD Logistics (京东)"),
        (Courier.JAndT, "J&T (极兔)"),
    ];

    private static IEnumerable<string> CourierNames(Courier couriers) =>
        CourierTable.Where(c => (couriers & c.Flag) != 0).Select(c => c.Name);
}
