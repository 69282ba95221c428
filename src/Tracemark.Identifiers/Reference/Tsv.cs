using System.Reflection;

namespace Tracemark.Identifiers.Reference;

/// <summary>Reads the tab-separated reference tables embedded in an assembly (header row skipped).</summary>
public static class Tsv
{
    public static List<string[]> Read(Assembly assembly, string resourceName)
    {
        using var stream = assembly.GetManifestResourceStream(resourceName)
            ?? throw new InvalidOperationException($"reference table {resourceName} is missing from {assembly.GetName().Name}");
        using var reader = new StreamReader(stream);
        var rows = new List<string[]>();
        _ = reader.ReadLine();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0)
            {
                rows.Add(line.Split('\t'));
            }
        }

        return rows;
    }

    internal static List<string[]> Read(string table) =>
        Read(typeof(Tsv).Assembly, "Tracemark.Identifiers.Data." + table);
}
