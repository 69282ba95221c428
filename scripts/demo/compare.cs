// Compares what `tracemark synth` wrote (its manifest.json) with what `tracemark scan` found (its summary JSON).
// Usage: dotnet run scripts/demo/compare.cs -- MANIFEST SUMMARY     (exit 1 when a count differs)
#:property PublishAot=false
using System.Text.Json;

if (args.Length != 2)
{
    Console.Error.WriteLine("usage: compare.cs MANIFEST SUMMARY");
    return 2;
}

using var manifest = JsonDocument.Parse(File.ReadAllText(args[0]));
using var summary = JsonDocument.Parse(File.ReadAllText(args[1]));
var m = manifest.RootElement;
var s = summary.RootElement;
var rows = new List<(string What, long Truth, long Found)>
{
    ("records", m.GetProperty("records").GetInt64(), s.GetProperty("records").GetInt64()),
    ("distinct persons", m.GetProperty("persons").GetInt64(), s.GetProperty("persons").GetInt64()),
};
foreach (var kind in m.GetProperty("distinct").EnumerateObject())
{
    var found = s.GetProperty("kinds").TryGetProperty(kind.Name, out var n) ? n.GetInt64() : 0;
    rows.Add(($"distinct {kind.Name}", kind.Value.GetInt64(), found));
}

var same = true;
foreach (var (what, truth, found) in rows)
{
    same &= truth == found;
    Console.WriteLine($"{what,-22} truth {truth,7:N0}   scan {found,7:N0}   {(truth == found ? "same" : "DIFFERENT")}");
}

return same ? 0 : 1;
