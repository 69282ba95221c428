using System.Text;
using Tracemark.Identifiers;
using Tracemark.Tests;

namespace Tracemark.Store.Tests;

/// <summary>Credential dumps in the store: a keyed tag of each (normalised account, password) pair, never the
/// password, on both backends.</summary>
[Collection("postgres")]
public sealed class CredentialTagTests(PostgresServer server)
{
    private static readonly DateOnly Seen = new(2025, 6, 2);

    // A 洗号-style dump: QQ, mobile (with +86), e-mail (upper case) and account-name accounts with passwords.
    private static readonly (string Account, string Password)[] Pairs =
    [
        ("123456789", "Qwe!rty77"),
        ("+86 138-0013-8000", "s3cret#Pass"),
        ("Zhang.San@Example.COM", "pa55!word9"),
        ("Gamer007", "letme!n42"),
    ];

    private static string Dump(TempDir dir)
    {
        Directory.CreateDirectory(dir.Path);
        var path = dir.File("qq-dump.txt");
        File.WriteAllText(path, string.Concat(Pairs.Select(p => $"{p.Account}----{p.Password}\n")), Encoding.UTF8);
        return path;
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public void Ingest_stores_a_keyed_tag_of_each_pair_and_the_dataset_counts_its_credentials(string backend)
    {
        using var dir = new TempDir();
        using var store = Leaks.Open(backend, dir, server);
        store.Ingest(Leaks.Scan(Dump(dir)), "qq-2025", "social", Seen, null);

        var d = Assert.Single(store.Datasets());
        Assert.Equal(Pairs.Length, d.Kinds["credential"]);
        using var tagger = store.CreateTagger();
        // The same pairs written as a checker would: normalisation makes case, +86 and separators irrelevant.
        var found = new[] { ("123456789", "Qwe!rty77"), ("13800138000", "s3cret#Pass"), ("zhang.san@example.com", "pa55!word9"), ("gamer007", "letme!n42") }
            .Select(p => tagger.MakeCredential(p.Item1, p.Item2)!.Value).ToList();
        Assert.Equal(found.ToHashSet(), store.KnownTags(found));
        // The right account with a wrong password, or a password differing in case, is not a known pair.
        var wrong = new[] { tagger.MakeCredential("123456789", "Qwe!rty78")!.Value, tagger.MakeCredential("123456789", "qwe!rty77")!.Value, tagger.MakeCredential("987654321", "Qwe!rty77")!.Value };
        Assert.Empty(store.KnownTags(wrong));
        Assert.Equal("qq-2025", Assert.Single(store.Sightings([found[0]])).Dataset.Name);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public void A_pairs_qq_mobile_or_email_account_is_also_an_identifier_of_the_dump(string backend)
    {
        using var dir = new TempDir();
        using var store = Leaks.Open(backend, dir, server);
        store.Ingest(Leaks.Scan(Dump(dir)), "qq-2025", "social", Seen, null);
        using var tagger = store.CreateTagger();

        // The bare accounts, as a victim's QQ, a leak's mobile or an offer's sample account would be tagged.
        var accounts = new[]
        {
            tagger.Make(IdentifierKind.Qq, "123456789"),
            tagger.Make(IdentifierKind.Mobile, "13800138000"),
            tagger.Make(IdentifierKind.Email, "zhang.san@example.com"),
        };
        Assert.Equal(accounts.ToHashSet(), store.KnownTags(accounts));
        Assert.All(accounts, a => Assert.Equal("qq-2025", Assert.Single(store.Sightings([a])).Dataset.Name));
        // An account name is no identifier kind, and an account not in the dump is not known.
        Assert.Empty(store.KnownTags([tagger.Make(IdentifierKind.Qq, "987654321"), tagger.Make(IdentifierKind.Mobile, "13900139000")]));
    }

    [Fact]
    public void The_sqlite_file_holds_no_password_and_no_account()
    {
        using var dir = new TempDir();
        using (var store = Leaks.Open("sqlite", dir, server))
        {
            store.Ingest(Leaks.Scan(Dump(dir)), "qq-2025", "social", Seen, null);
        }

        var bytes = File.ReadAllBytes(dir.File("store.db")).Concat(File.Exists(dir.File("store.db-wal")) ? File.ReadAllBytes(dir.File("store.db-wal")) : []).ToArray();
        foreach (var text in Pairs.SelectMany(p => new[] { p.Password, "123456789", "13800138000", "zhang.san@example.com", "gamer007" }))
        {
            Assert.Equal(-1, bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(text)));
        }
    }

    [Theory]
    [InlineData("123456789", "no")] // too short a password
    [InlineData("123456789", "has space")]
    [InlineData("ab", "Qwe!rty77")] // not an account
    [InlineData("5f4dcc3b5aa765d61d8327deb882cf99", "Qwe!rty77")] // a bare hash is not an account name
    public void No_tag_for_what_is_not_a_credential(string account, string password)
    {
        using var dir = new TempDir();
        using var store = Leaks.Open("sqlite", dir, server);
        using var tagger = store.CreateTagger();
        Assert.Null(tagger.MakeCredential(account, password));
    }
}
