using FsCheck;
using FsCheck.Fluent;
using Tracemark.Identifiers.Kinds;
using Tracemark.People;
using Tracemark.Tests;
using static Tracemark.Identifiers.Tests.Checks;

namespace Tracemark.Identifiers.Tests;

/// <summary>Properties every validator must have, over arbitrary, mutated and constructed input.</summary>
public sealed class PropertyTests
{
    private static readonly Population People = new(seed: 29, size: 1_000_000);
    private static readonly char[] Noise = "0123456789 -+()*@.xX·×＊１２３４５６７８９０－　张王路号栋\u00A0\u2014\uFF0E".ToCharArray();

    // Values close to identifiers, with random characters inserted, deleted or replaced.
    private static Gen<string> NearIdentifiers =>
        from i in Gen.Choose(0, 999_999)
        from which in Gen.Choose(0, 6)
        from edits in Gen.ListOf(Gen.Zip(Gen.Choose(0, 40), Gen.Elements(Noise)), 3)
        select Mutate(Pick(People.Get(i), which), edits);

    private static Gen<string> AnyText => ArbMap.Default.ArbFor<string>().Generator.Select(s => s ?? string.Empty);

    [Fact]
    public void No_kind_throws_on_any_input_and_valid_results_are_fixed_points() =>
        Properties.Hold(Gen.OneOf(NearIdentifiers, AnyText), raw =>
        {
            foreach (var kind in IdentifierKinds.All)
            {
                var (valid, canonical, _) = Run(kind, raw);
                if (valid)
                {
                    // Normalization is idempotent: the canonical form validates to itself.
                    var again = Run(kind, canonical);
                    Assert.True(again.Valid && again.Canonical == canonical, $"{kind}: '{raw}' → '{canonical}' → '{again.Canonical}' ({again.Reason})");
                }
            }
        }, count: 500);

    [Fact]
    public void Identify_never_throws_and_always_explains() =>
        Properties.Hold(Gen.OneOf(NearIdentifiers, AnyText), raw =>
        {
            var r = Identifier.Identify(raw, Today);
            return r.Reason.Length > 0 && (r.IsValid == (r.Canonical is not null));
        }, count: 300);

    private static Gen<string> HongKongIds =>
        from twoLetters in ArbMap.Default.ArbFor<bool>().Generator
        from letters in Gen.ArrayOf(Gen.Choose('A', 'Z').Select(c => (char)c), 2)
        from digits in Gen.ArrayOf(Gen.Choose('0', '9').Select(c => (char)c), 6)
        let prefix = twoLetters ? new string(letters) : letters[0].ToString()
        let body = new string(digits)
        select $"{prefix}{body}({HongKongId.CheckCharacter(prefix, body)})";

    [Fact]
    public void Constructed_hong_kong_ids_validate_and_every_check_substitution_is_rejected() =>
        Properties.Hold(HongKongIds, id =>
        {
            Assert.Equal(id, Canonical(IdentifierKind.HongKongId, id));
            foreach (var c in "0123456789A")
            {
                if (c != id[^2])
                {
                    Assert.False(Run(IdentifierKind.HongKongId, id[..^2] + c + ")").Valid);
                }
            }
        });

    private static Gen<string> TaiwanIds =>
        from letter in Gen.Choose('A', 'Z').Select(c => (char)c)
        from sex in Gen.Elements('1', '2')
        from digits in Gen.ArrayOf(Gen.Choose('0', '9').Select(c => (char)c), 7)
        let first9 = $"{letter}{sex}{new string(digits)}"
        select first9 + TaiwanId.CheckDigit(first9);

    [Fact]
    public void Constructed_taiwan_ids_validate_and_a_substitution_is_caught_exactly_when_the_checksum_can_see_it() =>
        Properties.Hold(TaiwanIds, id =>
        {
            // Weights 8…1 for the eight digits and 1 for the check: a change of Δ at weight w goes unnoticed exactly when
            // w·Δ is a multiple of 10 (so weights 2, 4, 5, 6, 8 miss some changes; 7, 3 and 1 catch all).
            Assert.Equal(id, Canonical(IdentifierKind.TaiwanId, id));
            for (var i = 2; i < id.Length; i++)
            {
                var weight = i == 9 ? 1 : 9 - i;
                for (var d = '0'; d <= '9'; d++)
                {
                    if (d != id[i])
                    {
                        var caught = weight * (d - id[i]) % 10 != 0;
                        var changed = string.Concat(id.AsSpan(0, i), d.ToString(), id.AsSpan(i + 1));
                        Assert.Equal(!caught, Run(IdentifierKind.TaiwanId, changed).Valid);
                    }
                }
            }
        });

    private static Gen<string> Landlines =>
        // 0851 (Guiyang) has 7- and 8-digit local numbers, 0931 and 0991 seven, the others eight (libphonenumber).
        from area in Gen.Elements("010", "020", "021", "028", "0755", "0571", "0931", "0991", "0851")
        from first in Gen.Choose(2, 9)
        from rest in Gen.Choose(0, 9_999_999)
        let local = area is "0931" or "0991" || (area == "0851" && first % 2 == 0) ? $"{first}{rest % 1_000_000:D6}" : $"{first}{rest:D7}"
        from form in Gen.Choose(0, 3)
        select form switch
        {
            0 => $"{area}-{local}",
            1 => $"({area}){local}",
            2 => $"+86 {area[1..]} {local}",
            _ => $"{area} {local}转8{first}",
        };

    [Fact]
    public void Landlines_in_every_written_form_normalize_to_area_dash_local() =>
        Properties.Hold(Landlines, raw =>
        {
            var canonical = Canonical(IdentifierKind.Landline, raw);
            Assert.Matches(@"^0\d{2,3}-[2-9]\d{6,7}$", canonical);
        });

    [Fact]
    public void Emails_of_synthetic_people_validate_in_any_case_and_with_full_width_at() =>
        Properties.Hold(Gen.Choose(0, 999_999), i =>
        {
            var email = People.Get(i).Email;
            Assert.Equal(email, Canonical(IdentifierKind.Email, email.ToUpperInvariant()));
            Assert.Equal(email, Canonical(IdentifierKind.Email, email.Replace('@', '＠')));
            Assert.False(Run(IdentifierKind.Email, email.Replace("@", string.Empty, StringComparison.Ordinal)).Valid);
        });

    [Fact]
    public void Masking_a_valid_value_gives_a_valid_masked_value() =>
        Properties.Hold(Gen.Choose(0, 999_999), i =>
        {
            var p = People.Get(i);
            foreach (var (kind, masked, value) in new[]
                     {
                         (IdentifierKind.Mobile, IdentifierKind.MobileMasked, p.Mobile),
                         (IdentifierKind.ResidentId, IdentifierKind.ResidentIdMasked, p.ResidentId),
                         (IdentifierKind.BankCard, IdentifierKind.BankCardMasked, p.BankCard),
                         (IdentifierKind.Email, IdentifierKind.EmailMasked, p.Email),
                         (IdentifierKind.Name, IdentifierKind.NameMasked, p.Name),
                     })
            {
                var shown = Masking.Mask(kind, value);
                Assert.True(Run(masked, shown).Valid, $"{shown} (masked {kind}) is not recognized as {masked}");
                Assert.False(Run(kind, shown).Valid, $"{shown} must not pass as a full {kind}");
            }
        });

    [Fact]
    public void Plates_passports_and_waybills_of_constructed_shapes_validate() =>
        Properties.Hold(
            from province in Gen.Elements("京", "沪", "粤", "川", "新")
            from letter in Gen.Elements('A', 'B', 'C', 'D', 'K')
            from serial in Gen.Choose(0, 99_999)
            from passport in Gen.Choose(0, 99_999_999)
            from waybill in Gen.Choose(0, 999_999_999)
            select (Plate: $"{province}{letter}{serial:D5}", Passport: $"E{passport:D8}", Waybill: $"YT{waybill:D13}"),
            t =>
            {
                Assert.Equal(t.Plate, Canonical(IdentifierKind.VehiclePlate, t.Plate.Insert(2, "·")));
                Assert.Equal(t.Passport, Canonical(IdentifierKind.Passport, t.Passport.ToLowerInvariant()));
                Assert.Equal(t.Waybill, Canonical(IdentifierKind.Waybill, t.Waybill));
            });

    private static string Pick(SyntheticPerson p, int field) => field switch
    {
        0 => p.ResidentId,
        1 => p.Mobile,
        2 => p.BankCard,
        3 => p.Email,
        4 => p.Name,
        5 => p.Address,
        _ => p.Qq,
    };

    private static string Mutate(string value, IEnumerable<(int At, char With)> edits)
    {
        var chars = value.ToList();
        foreach (var (at, with) in edits)
        {
            var i = at % (chars.Count + 1);
            switch (at % 3)
            {
                case 0:
                    chars.Insert(i, with);
                    break;
                case 1 when i < chars.Count:
                    chars.RemoveAt(i);
                    break;
                default:
                    if (i < chars.Count)
                    {
                        chars[i] = with;
                    }

                    break;
            }
        }

        return new string([.. chars]);
    }
}
