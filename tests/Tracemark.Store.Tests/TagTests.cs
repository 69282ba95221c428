using FsCheck.Fluent;
using Tracemark.Identifiers;
using Tracemark.Store.Tags;
using Tracemark.Tests;

namespace Tracemark.Store.Tests;

public sealed class TagTests
{
    private static StoreKey KnownKey(TempDir dir)
    {
        Directory.CreateDirectory(dir.Path);
        File.WriteAllText(dir.File("k.key"), "tracemark-store-key-v1 AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA=\n");
        return StoreKey.Load(dir.File("k.key"));
    }

    [Theory]
    // Expected values from Python: hmac.new(bytes(range(1, 33)), b"mobile\x0013800000000", sha256).hexdigest()[:32]
    [InlineData(IdentifierKind.Mobile, "13800000000", "6e9e07484da06e55c58340c316ae2750")]
    [InlineData(IdentifierKind.Email, "zhangsan@example.com", "31c9d450c2c2c09932d24e5c53e0ebb7")]
    public void A_tag_is_the_first_16_bytes_of_HMAC_SHA256_over_kind_code_nul_value(IdentifierKind kind, string value, string expected)
    {
        using var dir = new TempDir();
        using var tagger = new Tagger(KnownKey(dir));
        Assert.Equal(expected, tagger.Make(kind, value).ToString());
    }

    [Fact]
    public void The_same_value_of_another_kind_has_another_tag()
    {
        using var dir = new TempDir();
        using var tagger = new Tagger(KnownKey(dir));
        Assert.NotEqual(tagger.Make(IdentifierKind.Qq, "13800000000"), tagger.Make(IdentifierKind.Mobile, "13800000000"));
    }

    [Fact]
    public void Another_key_gives_other_tags()
    {
        using var dir = new TempDir();
        using var a = new Tagger(KnownKey(dir));
        using var b = new Tagger(StoreKey.Create(dir.File("new.key")));
        Assert.NotEqual(a.Make(IdentifierKind.Mobile, "13800000000"), b.Make(IdentifierKind.Mobile, "13800000000"));
    }

    [Fact]
    public void Tags_order_as_their_bytes_do()
    {
        Properties.Hold(Gen.Four(ArbMap.Default.GeneratorFor<ulong>()), t =>
        {
            var (x, y) = (new Tag(t.Item1, t.Item2), new Tag(t.Item3, t.Item4));
            return Math.Sign(x.CompareTo(y)) == Math.Sign(x.ToArray().AsSpan().SequenceCompareTo(y.ToArray()))
                && Tag.Read(x.ToArray()) == x;
        });
    }

    [Fact]
    public void SortDistinct_leaves_each_tag_once_in_order()
    {
        Properties.Hold(ArbMap.Default.GeneratorFor<byte[]>(), values =>
        {
            var items = values.Select(v => new TaggedIdentifier(new Tag((ulong)v % 7, v), 2)).ToArray();
            var n = TaggedIdentifier.SortDistinct(items);
            var expected = values.Select(v => new TaggedIdentifier(new Tag((ulong)v % 7, v), 2)).Distinct().Order().ToArray();
            return items.AsSpan(0, n).SequenceEqual(expected);
        });
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void A_new_key_file_is_readable_by_its_owner_only()
    {
        using var dir = new TempDir();
        StoreKey.Create(dir.File("a.key"));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(dir.File("a.key")));
        Assert.Throws<StoreException>(() => StoreKey.Create(dir.File("a.key")));
    }

    [Theory]
    [InlineData("")]
    [InlineData("tracemark-store-key-v1 not-base64!")]
    [InlineData("tracemark-store-key-v1 AQID")]
    [InlineData("some-other-format AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA=")]
    public void A_file_that_is_not_a_key_is_refused_with_its_name(string content)
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(dir.Path);
        File.WriteAllText(dir.File("bad.key"), content);
        var e = Assert.Throws<StoreException>(() => StoreKey.Load(dir.File("bad.key")));
        Assert.Contains("bad.key", e.Message, StringComparison.Ordinal);
    }
}
