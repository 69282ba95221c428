using System.Text;
using Tracemark.Exposure.Index;
using Tracemark.Identifiers;
using Tracemark.Store;
using Tracemark.Tests;

namespace Tracemark.Exposure.Tests;

/// <summary>Small synthetic leaks with known members, ingested into a SQLite store and published.</summary>
internal static class Fixtures
{
    public static string Mobile(int i) => $"1380{i:D7}";

    /// <summary>A valid synthetic resident ID: region 110105, born 1990-01-01, sequence i, GB 11643 check character.</summary>
    public static string Id(int i)
    {
        var body = $"11010519900101{i % 1000:D3}";
        int[] weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
        var sum = 0;
        for (var k = 0; k < 17; k++)
        {
            sum += (body[k] - '0') * weights[k];
        }

        return body + "10X98765432"[sum % 11];
    }

    /// <summary>A CSV with persons from..to: name and mobile, plus the ID number when <paramref name="withId"/>.</summary>
    public static string Csv(TempDir dir, string name, int from, int to, bool withId)
    {
        Directory.CreateDirectory(dir.Path);
        var text = new StringBuilder(withId ? "姓名,手机号,身份证号\n" : "姓名,手机号\n");
        for (var i = from; i < to; i++)
        {
            text.Append("张三,").Append(Mobile(i));
            if (withId)
            {
                text.Append(',').Append(Id(i));
            }

            text.Append('\n');
        }

        var path = dir.File(name);
        File.WriteAllText(path, text.ToString(), Encoding.UTF8);
        return path;
    }

    /// <summary>Two leaks (courier: persons 0–199, name + mobile; loan: 100–299 with ID numbers) in a store.</summary>
    public static (KnownLeakStore Store, string Courier, string Loan) TwoLeaks(TempDir dir)
    {
        var courier = Csv(dir, "courier.csv", 0, 200, withId: false);
        var loan = Csv(dir, "loan.csv", 100, 300, withId: true);
        var store = KnownLeakStore.Open(new StoreLocation(dir.File("store.db"), dir.File("store.key")), create: true);
        store.Ingest(new() { Paths = [courier], Workers = 2 }, "sf-2025-06", "courier", new DateOnly(2025, 6, 20), null);
        store.Ingest(new() { Paths = [loan], Workers = 2 }, "case-118", "loan", new DateOnly(2026, 1, 2), null);
        return (store, courier, loan);
    }

    /// <summary>y for an identifier under the index's key, as a client would compute it with the server.</summary>
    public static byte[] Y(string keyFile, int epoch, IdentifierKind kind, string canonical)
    {
        var key = ExposureKey.Open(keyFile, create: false).ForEpoch(epoch);
        var y = new byte[64];
        Crypto.OprfSuite.Voprf.Evaluate(key.Secret, IndexFormat.Input(kind, canonical), [], y);
        return y;
    }

    /// <summary>What the published index says about an identifier (null: not in it).</summary>
    public static ExposureRecord? Lookup(string index, string keyFile, IdentifierKind kind, string canonical)
    {
        var config = IndexConfig.Read(index);
        var y = Y(keyFile, config.Epoch, kind, canonical);
        var bucket = File.ReadAllBytes(Path.Combine(index, "buckets", IndexFormat.BucketName(IndexFormat.Bucket(y, config.PrefixBits))));
        return IndexFormat.Find(bucket, y);
    }
}
