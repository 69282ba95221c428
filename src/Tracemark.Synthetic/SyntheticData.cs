using Tracemark.Identifiers.Reference;

namespace Tracemark.Synthetic;

/// <summary>Reads Synthetic's embedded tables (given names, streets).</summary>
internal static class SyntheticData
{
    public static List<string[]> Read(string table) =>
        Tsv.Read(typeof(SyntheticData).Assembly, "Tracemark.Synthetic.Data." + table);
}
