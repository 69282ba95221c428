using System.Globalization;
using System.Text;
using FsCheck.Fluent;
using Tracemark.Tests;

namespace Tracemark.Guard.Tests;

/// <summary>
/// The byte-level access log reader (<see cref="AccessBytes"/>) and time parser (<see cref="AccessTime"/>) that make
/// `guard --access` fast must read exactly what the string-based reader and DateTimeOffset.TryParse read: same records,
/// same lines, same fields, same truncation, same instants.
/// </summary>
public sealed class AccessParsingTests
{
    private static readonly string[] Pieces = ["a", "b", "C0001", "中文", " ", ",", "\"", "\n", "\r\n", "x y", "emp-01"];

    // A CSV of random records: fields quoted when they hold a separator, quote or line break (and sometimes anyway),
    // lines ending in \n or \r\n, blank lines, and sometimes cut off anywhere at the end.
    private static readonly FsCheck.Gen<(byte[] Bytes, int Buffer)> Csv =
        from records in Gen.Choose(0, 12)
        from rows in Gen.Elements(Pieces).ListOf().Select(p => string.Concat(p.Take(4))).ListOf().Select(f => f.Take(6).ToList()).ListOf(records)
        from quoteAll in Gen.Elements(true, false)
        from crlf in Gen.Elements(true, false)
        from cut in Gen.Choose(0, 40)
        from buffer in Gen.Elements(16, 17, 32, 64, 4096)
        select (Cut(Write(rows, quoteAll, crlf), cut), buffer);

    [Fact]
    public void The_byte_reader_reads_the_records_the_string_reader_reads() =>
        Properties.Hold(Csv, csv =>
        {
            var expected = new GuardReplay.AccessLines("log.csv").Read(new MemoryStream(csv.Bytes), 0, header: false)
                .Select(r => (r.Line, Fields: string.Join("|", r.Fields.Select(f => f.Trim())), r.Complete)).ToList();
            using var reader = new AccessBytes(new MemoryStream(csv.Bytes), "log.csv", csv.Buffer);
            var actual = new List<(long, string, bool)>();
            while (reader.Next())
            {
                actual.Add((reader.Line, string.Join("|", Enumerable.Range(0, reader.Count).Select(i => Encoding.UTF8.GetString(reader.Field(i)))), reader.Complete));
            }

            Assert.Equal(expected, actual);
        }, 3000);

    [Fact]
    public void The_header_names_columns_case_insensitively_and_a_missing_one_is_named()
    {
        using var reader = new AccessBytes(new MemoryStream("Time, Channel_ID ,customer_id,action,device\n"u8.ToArray()), "log.csv");
        Assert.True(reader.ReadHeader());
        Assert.Equal(1, reader.Column("channel_id"));
        Assert.Equal(-1, reader.Column("ip"));

        using var missing = new AccessBytes(new MemoryStream("time,customer_id\n"u8.ToArray()), "log.csv");
        var error = Assert.Throws<Store.StoreException>(() => missing.ReadHeader());
        Assert.Contains("log.csv line 1: missing column(s) channel_id, action", error.Message, StringComparison.Ordinal);

        using var empty = new AccessBytes(new MemoryStream([]), "log.csv");
        Assert.False(empty.ReadHeader());
    }

    [Fact]
    public void A_record_longer_than_any_access_row_is_skipped_up_to_the_next_line()
    {
        var log = "time,channel_id\n\"" + new string('x', 3 << 20) + "\n2025-09-01T00:00:00,emp-01\n";
        using var reader = new AccessBytes(new MemoryStream(Encoding.UTF8.GetBytes(log)), "log.csv", "time", "channel_id");
        Assert.True(reader.ReadHeader());
        Assert.True(reader.Next());
        Assert.True(reader.TooLong);
        Assert.Equal(2, reader.Line);
        Assert.True(reader.Next());
        Assert.False(reader.TooLong);
        Assert.Equal(3, reader.Line);
        Assert.Equal("emp-01", Encoding.UTF8.GetString(reader.Field(1)));
    }

    // Times as logs write them (T or space, Z, offsets, fractions) and broken ones (a letter for a digit, a 13th month,
    // the 30th of February, hour 24, an offset of 15 hours).
    private static readonly FsCheck.Gen<string> Times =
        from ticks in Gen.Choose(0, int.MaxValue).Select(n => new DateTime(1990, 1, 1).AddSeconds(n * 2.0))
        from form in Gen.Elements("yyyy-MM-ddTHH:mm:ss", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-ddTHH:mm:ssZ", "yyyy-MM-ddTHH:mm:ss+08:00", "yyyy-MM-ddTHH:mm:ss-05:30", "yyyy-MM-ddTHH:mm:ss.fff", "yyyy-MM-dd", "yyyy/MM/dd HH:mm:ss")
        from damage in Gen.Elements("", "", "", "letter", "month", "february", "hour", "offset")
        from at in Gen.Choose(0, 18)
        select Damage(ticks.ToString(form, CultureInfo.InvariantCulture), damage, at);

    [Fact]
    public void Times_are_read_as_DateTimeOffset_reads_them() =>
        Properties.Hold(Times, text =>
        {
            var expected = DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t);
            Assert.Equal(expected, AccessTime.TryParse(Encoding.UTF8.GetBytes(text), out var seconds));
            if (expected)
            {
                Assert.Equal(t.ToUnixTimeSeconds(), seconds);
            }
        }, 5000);

    private static string Damage(string text, string damage, int at) => damage switch
    {
        "letter" when at < text.Length => text[..at] + "x" + text[(at + 1)..],
        "month" when text.Length >= 7 => text[..5] + "13" + text[7..],
        "february" when text.Length >= 10 => text[..5] + "02-30" + text[10..],
        "hour" when text.Length >= 13 => text[..11] + "24" + text[13..],
        "offset" when text.EndsWith("+08:00", StringComparison.Ordinal) => text[..^6] + "+15:00",
        _ => text,
    };

    private static byte[] Write(List<List<string>> rows, bool quoteAll, bool crlf)
    {
        var text = new StringBuilder();
        foreach (var row in rows)
        {
            text.Append(string.Join(",", row.Select(f => quoteAll || f.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + f.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : f)));
            text.Append(crlf ? "\r\n" : "\n");
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static byte[] Cut(byte[] bytes, int cut) => cut >= bytes.Length ? bytes : bytes[..^cut];
}
