using Tracemark.Identifiers;
using Tracemark.Store;
using Tracemark.Tests;

namespace Tracemark.Guard.Tests;

/// <summary>
/// The report's masked account names (<see cref="GuardReplay.Pseudonyms"/>): two accounts never share one, the name
/// cannot be read from it, and the same store gives the same pseudonym in every report.
/// </summary>
public sealed class PseudonymTests
{
    // Names whose plain masks all collide (em*****04), many enough that 4 hex digits of tag collide too and are lengthened.
    private static readonly List<GuardChannel> Accounts = [.. Enumerable.Range(1, 2000).Select(i => new GuardChannel($"emp-{i:0000}-04", "employee", null))];

    [Fact]
    public void Accounts_whose_masks_look_alike_get_distinct_pseudonyms_that_do_not_show_the_name()
    {
        using var dir = new TempDir();
        using var store = KnownLeakStore.Open(new StoreLocation(dir.File("s.db"), dir.File("s.key")), create: true);
        Assert.Single(Accounts.Select(c => Masking.MaskUnknown(c.Name)).Distinct(StringComparer.Ordinal));

        var masked = GuardReplay.Pseudonyms(store, Accounts);
        Assert.Equal(Accounts.Count, masked.Values.Distinct(StringComparer.Ordinal).Count());
        foreach (var account in Accounts)
        {
            var pseudonym = masked[account.Name];
            Assert.StartsWith(Masking.MaskUnknown(account.Name) + "#", pseudonym, StringComparison.Ordinal);
            Assert.DoesNotContain(account.Name[2..^2], pseudonym, StringComparison.Ordinal);
        }

        // The same in the next report from this store; other under another store's key.
        Assert.Equal(masked, GuardReplay.Pseudonyms(store, Accounts));
        using var other = KnownLeakStore.Open(new StoreLocation(dir.File("t.db"), dir.File("t.key")), create: true);
        var elsewhere = GuardReplay.Pseudonyms(other, Accounts);
        Assert.True(Accounts.Count(a => elsewhere[a.Name] == masked[a.Name]) < 10, "pseudonyms follow the store's key");
    }

    [Fact]
    public void A_few_accounts_get_four_hex_digits()
    {
        using var dir = new TempDir();
        using var store = KnownLeakStore.Open(new StoreLocation(dir.File("s.db"), dir.File("s.key")), create: true);
        var masked = GuardReplay.Pseudonyms(store, [new GuardChannel("emp-05-04", "employee", "outlet-05"), new GuardChannel("emp-06-04", "employee", "outlet-06")]);
        Assert.Matches("^em\\*{5}04#[0-9a-f]{4}$", masked["emp-05-04"]);
        Assert.NotEqual(masked["emp-05-04"], masked["emp-06-04"]);
    }
}
