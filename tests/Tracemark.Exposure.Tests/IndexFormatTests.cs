using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using FsCheck.Fluent;
using Tracemark.Exposure.Index;
using Tracemark.Identifiers;
using Tracemark.Tests;

namespace Tracemark.Exposure.Tests;

public sealed class IndexFormatTests
{
    private static byte[] Json(string text) => Encoding.UTF8.GetBytes(text);

    private static byte[] Bucket(params (byte[] Y, string Json)[] entries)
    {
        var sealedEntries = entries.Select(e =>
        {
            var entry = new byte[IndexFormat.EntryBytes];
            IndexFormat.Seal(e.Y, Json(e.Json), entry);
            return entry;
        }).OrderBy(e => Convert.ToHexString(e.AsSpan(0, IndexFormat.TagBytes))).ToArray();
        return [.. sealedEntries.SelectMany(e => e)];
    }

    [Fact]
    public void A_sealed_entry_opens_with_its_y_and_is_found_among_others()
    {
        var ys = Enumerable.Range(0, 20).Select(_ => RandomNumberGenerator.GetBytes(64)).ToArray();
        var bucket = Bucket([.. ys.Select((y, i) => (y, $$"""{"leaks":[{"category":"loan","since":"2025-0{{(i % 9) + 1}}","fields":["name"]}],"more":{{i}}}"""))]);
        for (var i = 0; i < ys.Length; i++)
        {
            var record = IndexFormat.Find(bucket, ys[i]);
            Assert.NotNull(record);
            Assert.Equal(i, record.More);
            Assert.Equal("loan", record.Leaks[0].Category);
        }

        Assert.Null(IndexFormat.Find(bucket, RandomNumberGenerator.GetBytes(64)));
    }

    [Fact]
    public void Short_and_long_texts_seal_to_one_entry_size_and_both_open()
    {
        var shortY = RandomNumberGenerator.GetBytes(64);
        var longY = RandomNumberGenerator.GetBytes(64);
        var longText = $$"""{"leaks":[{"category":"{{new string('a', IndexFormat.PlaintextBytes - 70)}}","since":"2025-01","fields":[]}],"more":0}""";
        Assert.InRange(Json(longText).Length, IndexFormat.PlaintextBytes - 10, IndexFormat.PlaintextBytes);

        // Bucket() seals each text into exactly EntryBytes (a shorter span would throw) and finds by whole entries.
        var bucket = Bucket((shortY, """{"leaks":[],"more":0}"""), (longY, longText));
        Assert.Equal(2 * IndexFormat.EntryBytes, bucket.Length);
        Assert.Empty(IndexFormat.Find(bucket, shortY)!.Leaks);
        Assert.Equal(IndexFormat.PlaintextBytes - 70, IndexFormat.Find(bucket, longY)!.Leaks[0].Category.Length);
        Assert.Throws<ArgumentException>(() => IndexFormat.Seal(shortY, new byte[IndexFormat.PlaintextBytes + 1], new byte[IndexFormat.EntryBytes]));
    }

    [Fact]
    public void A_damaged_entry_is_reported_not_misread()
    {
        var y = RandomNumberGenerator.GetBytes(64);
        var bucket = Bucket((y, """{"leaks":[],"more":0}"""));
        bucket[IndexFormat.TagBytes + IndexFormat.NonceBytes + 3] ^= 1;
        var e = Assert.Throws<ExposureException>(() => IndexFormat.Find(bucket, y));
        Assert.Contains("damaged", e.Message, StringComparison.Ordinal);
        Assert.Throws<ExposureException>(() => IndexFormat.Find(bucket.AsSpan(1).ToArray(), y));
    }

    [Fact]
    public void Bucket_numbers_keep_the_prefix_bits_and_clear_the_rest()
    {
        Properties.Hold(Gen.Two(ArbMap.Default.GeneratorFor<ushort>()).Select(t => (t.Item1, 8 + (t.Item2 % 9))), t =>
        {
            var y = new byte[64];
            y[0] = (byte)(t.Item1 >> 8);
            y[1] = (byte)t.Item1;
            var bucket = IndexFormat.Bucket(y, t.Item2);
            return bucket >> (16 - t.Item2) == t.Item1 >> (16 - t.Item2) && (bucket & ((1 << (16 - t.Item2)) - 1)) == 0
                && IndexFormat.BucketName(bucket).Length == 4;
        });
    }

    [Fact]
    public void Leaks_that_do_not_fit_are_counted_newest_kept()
    {
        var leaks = Enumerable.Range(0, 10).Select(i => new ExposedLeak("ecommerce", $"20{10 + i}-01", [], null)).ToArray();
        var fields = Enumerable.Range(0, 10).ToDictionary(i => i, _ => Enumerable.Repeat((byte)0xFF, PublishedFields.Bytes).ToArray());
        var buffer = new byte[IndexFormat.PlaintextBytes];
        var n = Publisher.EntryJson(fields, leaks, buffer);
        var record = JsonSerializer.Deserialize(buffer.AsSpan(0, n), ExposureJson.Default.ExposureRecord)!;
        Assert.True(record.More > 0);
        Assert.Equal(10, record.Leaks.Count + record.More);
        Assert.Equal("2019-01", record.Leaks[0].Since);
    }

    [Fact]
    public void Field_sets_keep_every_published_kind_whatever_its_number()
    {
        var kinds = IdentifierKinds.All.Where(k => !k.IsMasked()).ToList();
        Assert.Contains(kinds, k => (int)k >= 16);
        var set = new byte[PublishedFields.Bytes];
        foreach (var k in kinds)
        {
            PublishedFields.Add(set, k);
        }

        Assert.Equal(kinds.Select(k => k.Code()), PublishedFields.Names(set));
        var masked = new byte[PublishedFields.Bytes];
        PublishedFields.Add(masked, IdentifierKind.ResidentIdMasked);
        Assert.Empty(PublishedFields.Names(masked));
        var one = new byte[PublishedFields.Bytes];
        PublishedFields.Add(one, IdentifierKind.TaiwanResidentCertificate);
        Assert.Equal(["tw_resident_cert"], PublishedFields.Names(one));
    }

    [Fact]
    public void The_field_set_grows_with_the_registry_instead_of_capping_it() =>
        Assert.Equal((KindSpecs.All.Count(s => s.PublishField is not null) + 7) / 8, PublishedFields.Bytes);
}
