using Tracemark.Identifiers;
using Tracemark.Identifiers.Kinds;
using Tracemark.Identifiers.Reference;
using Tracemark.People;

namespace Tracemark.Synthetic.Tests;

public sealed class PopulationTests
{
    private static readonly DateOnly Today = new(2026, 11, 22);

    [Fact]
    public void Ids_mobiles_cards_qq_numbers_and_emails_are_unique()
    {
        var people = new Population(seed: 3, size: 200_000);
        var sets = new[] { new HashSet<string>(), new HashSet<string>(), new HashSet<string>(), new HashSet<string>(), new HashSet<string>() };
        for (var i = 0; i < people.Size; i++)
        {
            var p = people.Get(i);
            Assert.True(sets[0].Add(p.ResidentId), $"duplicate ID {p.ResidentId}");
            Assert.True(sets[1].Add(p.Mobile), $"duplicate mobile {p.Mobile}");
            Assert.True(sets[2].Add(p.BankCard), $"duplicate card {p.BankCard}");
            Assert.True(sets[3].Add(p.Qq), $"duplicate QQ {p.Qq}");
            Assert.True(sets[4].Add(p.Email), $"duplicate e-mail {p.Email}");
        }
    }

    [Fact]
    public void Every_field_of_a_person_is_consistent()
    {
        var people = new Population(seed: 4, size: 50_000);
        Span<char> canonical = stackalloc char[Identifier.MaxCanonicalLength];
        for (var i = 0; i < people.Size; i += 7)
        {
            var p = people.Get(i);
            var id = ResidentId.Describe(p.ResidentId, Today);
            Assert.Equal(p.Region.Code, id.Region!.Code);
            Assert.Equal(p.BirthDate, id.BirthDate);
            Assert.Equal(p.Sex, id.Sex);
            Assert.InRange(id.Age, 18, 81);
            Assert.StartsWith(p.Region.FullName, p.Address, StringComparison.Ordinal);
            Assert.StartsWith(p.Surname, p.Name, StringComparison.Ordinal);
            Assert.Equal(p.BankName, BankCard.Describe(p.BankCard).Issuer!.BankName);
            if (p.Plate is { } plate)
            {
                Assert.True(Identifier.Check(IdentifierKind.VehiclePlate, plate, canonical).IsValid, plate);
            }

            if (p.Landline is { } landline)
            {
                Assert.True(Identifier.Check(IdentifierKind.Landline, landline, canonical).IsValid, landline);
            }

            if (p.Passport is { } passport)
            {
                Assert.True(Identifier.Check(IdentifierKind.Passport, passport, canonical).IsValid, passport);
            }

            Assert.True(Identifier.Check(IdentifierKind.Email, p.Email, canonical).IsValid, p.Email);
            Assert.True(Identifier.Check(IdentifierKind.Qq, p.Qq, canonical).IsValid, p.Qq);
        }
    }

    [Fact]
    public void The_same_index_is_the_same_person()
    {
        var a = new Population(seed: 9, size: 1000);
        var b = new Population(seed: 9, size: 1000);
        Assert.Equal(a.Get(123), b.Get(123));
        Assert.NotEqual(a.Get(123).ResidentId, new Population(seed: 10, size: 1000).Get(123).ResidentId);
    }

    [Fact]
    public void Surnames_follow_the_national_frequency()
    {
        var people = new Population(seed: 5, size: 100_000);
        var counts = Enumerable.Range(0, 20_000).Select(i => people.Get(i).Surname).GroupBy(s => s).ToDictionary(g => g.Key, g => g.Count());
        var top100 = Surnames.All.Take(100).Sum(s => counts.GetValueOrDefault(s.Text));
        Assert.InRange(top100 / 20_000.0, 0.82, 0.88);
        Assert.Equal("王", counts.MaxBy(kv => kv.Value).Key is "王" or "李" or "张" ? "王" : counts.MaxBy(kv => kv.Value).Key);
    }

    [Fact]
    public void Some_people_carry_retired_region_codes_like_real_old_ids()
    {
        var people = new Population(seed: 6, size: 10_000);
        var retired = Enumerable.Range(0, 10_000).Count(i => !people.Get(i).Region.IsCurrent);
        Assert.InRange(retired, 500, 1_200);
    }
}
