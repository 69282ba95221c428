using System.Text.Json;
using Tracemark.Tests;

namespace Tracemark.Cli.Tests;

public sealed class SynthCommandTests
{
    [Fact]
    public void Writes_every_shape_with_truth_and_a_summary()
    {
        using var temp = new TempDir("cli");
        var dir = temp.Path;
        var r = Cli.Run("synth", "--out", dir, "--records", "150", "--people", "300", "--seed", "8");
        Assert.Equal(0, r.Exit);
        foreach (var file in new[] { "courier-waybills.csv", "loan-applications.xlsx", "hotel-checkins.txt", "materials-dump.txt", "chat-log.txt", "app-users.jsonl", "orders-decoys.csv", "manifest.json" })
        {
            Assert.True(File.Exists(file == "manifest.json" ? Path.Combine(dir, file) : Path.Combine(dir, "leaks", file)), file);
            Assert.Contains(file, r.Out, StringComparison.Ordinal);
        }

        Assert.Contains("distinct persons", r.Out, StringComparison.Ordinal);
        Assert.Equal(7, Directory.GetFiles(Path.Combine(dir, "truth")).Length);
    }

    [Fact]
    public void Json_prints_the_manifest()
    {
        using var temp = new TempDir("cli");
        var dir = temp.Path;
        var r = Cli.Run("synth", "--out", dir, "--records", "50", "--shapes", "dump,app", "--no-truth", "--json");
        Assert.Equal(0, r.Exit);
        using var doc = JsonDocument.Parse(r.Out);
        var datasets = doc.RootElement.GetProperty("datasets");
        Assert.Equal(2, datasets.GetArrayLength());
        Assert.Equal(JsonValueKind.Null, datasets[0].GetProperty("truth").ValueKind);
        Assert.False(Directory.Exists(Path.Combine(dir, "truth")));
    }

    [Fact]
    public void Identify_accepts_every_valid_identifier_synth_writes()
    {
        using var temp = new TempDir("cli");
        var dir = temp.Path;
        Assert.Equal(0, Cli.Run("synth", "--out", dir, "--records", "40", "--shapes", "loan,app", "--noise", "0").Exit);
        var values = File.ReadLines(Path.Combine(dir, "truth", "app-users.truth.jsonl"))
            .SelectMany(line => JsonDocument.Parse(line).RootElement.GetProperty("items").EnumerateArray()
                .Where(i => i.GetProperty("status").GetString() == "valid" && i.GetProperty("kind").GetString() is "cn_id" or "mobile" or "email")
                .Select(i => i.GetProperty("written").GetString()!))
            .ToArray();
        Assert.NotEmpty(values);
        var r = Cli.RunWithInput(string.Join('\n', values), "identify", "-", "--json");
        Assert.Equal(0, r.Exit);
        // A stream is answered as JSON Lines, one object per value.
        var lines = r.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(values.Length, lines.Length);
        Assert.All(lines, line =>
        {
            using var doc = JsonDocument.Parse(line);
            Assert.True(doc.RootElement.GetProperty("valid").GetBoolean());
        });
    }

    [Theory]
    [InlineData("--noise", "2", "--noise takes a number from 0 to 1, not '2'")]
    [InlineData("--shapes", "pdf", "unknown shape 'pdf'")]
    [InlineData("--people", "0", "--people takes a whole number of at least 1, not '0'")]
    [InlineData("--records", "lots", "lots")]
    public void Bad_options_are_usage_errors_with_a_plain_message(string option, string value, string message)
    {
        using var temp = new TempDir("cli");
        var dir = temp.Path;
        var r = Cli.Run("synth", "--out", dir, option, value);
        Assert.Equal(2, r.Exit);
        Assert.Contains(message, r.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(dir));
    }
}
