using Tracemark.Identifiers.Reference;

namespace Tracemark.People;

/// <summary>Reads the embedded tables (given names, streets).</summary>
internal static class PeopleData
{
    public static List<string[]> Read(string table) =>
        Tsv.Read(typeof(PeopleData).Assembly, "Tracemark.People.Data." + table);
}
