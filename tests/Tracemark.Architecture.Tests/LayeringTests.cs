using System.Reflection;

namespace Tracemark.Architecture.Tests;

/// <summary>
/// The layering of docs/design.md, checked on the compiled assemblies (what each one really uses, not what its
/// project file lists): Identifiers ← People ← Scanning ← Store ← Tracing/Exposure/Intel ← Server ← CLI, with
/// Evaluation (the one production-side user of Synthetic) referenced by the CLI only.
/// </summary>
public sealed class LayeringTests
{
    // Each assembly and the Tracemark assemblies it may reference. Anything not listed is a new layer to place here.
    private static readonly Dictionary<string, string[]> Allowed = new(StringComparer.Ordinal)
    {
        ["Tracemark.Identifiers"] = [],
        ["Tracemark.People"] = ["Tracemark.Identifiers"],
        ["Tracemark.Scanning"] = ["Tracemark.Identifiers"],
        ["Tracemark.Store"] = ["Tracemark.Identifiers", "Tracemark.Scanning"],
        ["Tracemark.Tracing"] = ["Tracemark.Identifiers", "Tracemark.People", "Tracemark.Scanning", "Tracemark.Store"],
        ["Tracemark.Exposure"] = ["Tracemark.Identifiers", "Tracemark.Scanning", "Tracemark.Store"],
        ["Tracemark.Intel"] = ["Tracemark.Identifiers", "Tracemark.Scanning", "Tracemark.Store"],
        ["Tracemark.Guard"] = ["Tracemark.Identifiers", "Tracemark.Scanning", "Tracemark.Store"],
        ["Tracemark.Incident"] = ["Tracemark.Identifiers", "Tracemark.People", "Tracemark.Scanning", "Tracemark.Store", "Tracemark.Tracing"],
        ["Tracemark.Server"] = ["Tracemark.Identifiers", "Tracemark.Scanning", "Tracemark.Store", "Tracemark.Exposure"],
        ["Tracemark.Synthetic"] = ["Tracemark.Identifiers", "Tracemark.People"],
        ["Tracemark.Evaluation"] = ["Tracemark.Identifiers", "Tracemark.People", "Tracemark.Scanning", "Tracemark.Store", "Tracemark.Tracing", "Tracemark.Intel", "Tracemark.Guard", "Tracemark.Synthetic"],
        ["tracemark"] = ["Tracemark.Identifiers", "Tracemark.People", "Tracemark.Scanning", "Tracemark.Store", "Tracemark.Tracing", "Tracemark.Exposure", "Tracemark.Intel", "Tracemark.Guard", "Tracemark.Server", "Tracemark.Incident", "Tracemark.Synthetic", "Tracemark.Evaluation"],
    };

    private static readonly string[] Production = ["Tracemark.Identifiers", "Tracemark.People", "Tracemark.Scanning", "Tracemark.Store", "Tracemark.Tracing", "Tracemark.Exposure", "Tracemark.Intel", "Tracemark.Guard", "Tracemark.Server", "Tracemark.Incident"];

    [Fact]
    public void Every_tracemark_assembly_has_a_place_in_the_layering()
    {
        var found = Assemblies().Keys.Order(StringComparer.Ordinal).ToList();
        Assert.Equal(Allowed.Keys.Order(StringComparer.Ordinal), found);
    }

    [Fact]
    public void Each_assembly_references_only_the_layers_below_it()
    {
        var wrong = new List<string>();
        foreach (var (name, references) in Assemblies())
        {
            wrong.AddRange(references.Where(r => !Allowed[name].Contains(r)).Select(r => $"{name} → {r}"));
        }

        Assert.Empty(wrong);
    }

    [Fact]
    public void No_production_library_references_synthetic_data_or_evaluation()
    {
        var graph = Assemblies();
        foreach (var name in Production)
        {
            var reachable = Reachable(graph, name);
            Assert.DoesNotContain("Tracemark.Synthetic", reachable);
            Assert.DoesNotContain("Tracemark.Evaluation", reachable);
        }
    }

    [Fact]
    public void Only_the_cli_references_evaluation()
    {
        var users = Assemblies().Where(a => a.Value.Contains("Tracemark.Evaluation")).Select(a => a.Key);
        Assert.Equal(["tracemark"], users);
    }

    [Fact]
    public void The_references_have_no_cycle()
    {
        var graph = Assemblies();
        foreach (var name in graph.Keys)
        {
            Assert.False(graph[name].Any(r => Reachable(graph, r).Contains(name)), $"{name} is on a reference cycle");
        }
    }

    [Fact]
    public void A_cycle_is_found_when_there_is_one()
    {
        // The cycle check itself, on a made-up graph: the test above would pass vacuously if it never found one.
        var graph = new Dictionary<string, IReadOnlyList<string>> { ["a"] = ["b"], ["b"] = ["c"], ["c"] = ["a"], ["d"] = ["a"] };
        Assert.Contains("a", Reachable(graph, "b"));
        Assert.DoesNotContain("d", Reachable(graph, "a"));
    }

    /// <summary>Every Tracemark assembly beside the tests, with the Tracemark assemblies it references.</summary>
    private static Dictionary<string, IReadOnlyList<string>> Assemblies()
    {
        var graph = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var path in Directory.EnumerateFiles(AppContext.BaseDirectory, "*.dll").Append(Path.Combine(AppContext.BaseDirectory, "tracemark.dll")).Distinct())
        {
            var file = Path.GetFileNameWithoutExtension(path);
            if (!(file.StartsWith("Tracemark.", StringComparison.Ordinal) || file == "tracemark") || file.EndsWith(".Tests", StringComparison.Ordinal))
            {
                continue;
            }

            var assembly = Assembly.LoadFrom(path);
            graph[file] = [.. assembly.GetReferencedAssemblies().Select(r => r.Name!).Where(n => n.StartsWith("Tracemark.", StringComparison.Ordinal) || n == "tracemark").Order(StringComparer.Ordinal)];
        }

        return graph;
    }

    private static HashSet<string> Reachable(IReadOnlyDictionary<string, IReadOnlyList<string>> graph, string from)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<string>(graph.GetValueOrDefault(from, []));
        while (stack.TryPop(out var next))
        {
            if (seen.Add(next))
            {
                foreach (var r in graph.GetValueOrDefault(next, []))
                {
                    stack.Push(r);
                }
            }
        }

        return seen;
    }
}
