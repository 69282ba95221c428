using System.Reflection;
using System.Runtime.CompilerServices;
using NetArchTest.Rules;

namespace Tracemark.Architecture.Tests;

/// <summary>
/// The layering of docs/design.md, checked with NetArchTest on the compiled assemblies (what each type really uses,
/// not what a project file lists): Identifiers ← People ← Scanning ← Store ← Tracing/Exposure/Intel ← Reports ← Server ← CLI,
/// with Evaluation (the one production-side user of Synthetic) used by the CLI only; no cycle between layers; and no
/// assembly opening its internals to another production assembly (InternalsVisibleTo is for tests and benchmarks).
/// </summary>
public sealed class LayeringTests
{
    // Each layer (by its namespace, which is its assembly's name; the CLI's assembly is "tracemark") and the layers
    // its types may use. Anything not listed is a new layer to place here.
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
        ["Tracemark.Fraud"] = ["Tracemark.Identifiers", "Tracemark.Scanning", "Tracemark.Store"],
        ["Tracemark.Incident"] = ["Tracemark.Identifiers", "Tracemark.People", "Tracemark.Scanning", "Tracemark.Store", "Tracemark.Tracing"],
        ["Tracemark.Reports"] = ["Tracemark.Identifiers", "Tracemark.People", "Tracemark.Scanning", "Tracemark.Store", "Tracemark.Tracing", "Tracemark.Exposure", "Tracemark.Intel", "Tracemark.Guard", "Tracemark.Incident", "Tracemark.Fraud"],
        ["Tracemark.Server"] = ["Tracemark.Identifiers", "Tracemark.Scanning", "Tracemark.Store", "Tracemark.Exposure", "Tracemark.Reports"],
        ["Tracemark.Workspace"] = ["Tracemark.Identifiers", "Tracemark.Scanning", "Tracemark.Store", "Tracemark.Tracing", "Tracemark.Intel", "Tracemark.Incident", "Tracemark.Reports"],
        ["Tracemark.Synthetic"] = ["Tracemark.Identifiers", "Tracemark.People"],
        ["Tracemark.Evaluation"] = ["Tracemark.Identifiers", "Tracemark.People", "Tracemark.Scanning", "Tracemark.Store", "Tracemark.Tracing", "Tracemark.Intel", "Tracemark.Guard", "Tracemark.Synthetic"],
        ["Tracemark.Cli"] = ["Tracemark.Identifiers", "Tracemark.People", "Tracemark.Scanning", "Tracemark.Store", "Tracemark.Tracing", "Tracemark.Exposure", "Tracemark.Intel", "Tracemark.Guard", "Tracemark.Reports", "Tracemark.Server", "Tracemark.Workspace", "Tracemark.Incident", "Tracemark.Fraud", "Tracemark.Synthetic", "Tracemark.Evaluation"],
    };

    private static readonly string[] Production = ["Tracemark.Identifiers", "Tracemark.People", "Tracemark.Scanning", "Tracemark.Store", "Tracemark.Tracing", "Tracemark.Exposure", "Tracemark.Intel", "Tracemark.Guard", "Tracemark.Reports", "Tracemark.Server", "Tracemark.Workspace", "Tracemark.Incident", "Tracemark.Fraud"];

    private static readonly Lazy<Dictionary<string, Assembly>> Layers = new(LoadLayers);

    private static readonly Lazy<Dictionary<string, IReadOnlyList<string>>> Uses = new(UsesOfEachLayer);

    [Fact]
    public void Every_tracemark_assembly_has_a_place_in_the_layering()
    {
        Assert.Equal(Allowed.Keys.Order(StringComparer.Ordinal), Layers.Value.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Each_layer_uses_only_the_layers_below_it()
    {
        var wrong = new List<string>();
        foreach (var (layer, assembly) in Layers.Value)
        {
            var forbidden = Allowed.Keys.Where(other => other != layer && !Allowed[layer].Contains(other)).ToArray();
            var result = Types.InAssembly(assembly).ShouldNot().HaveDependencyOnAny(forbidden).GetResult();
            if (!result.IsSuccessful)
            {
                wrong.AddRange(result.FailingTypeNames.Select(t => $"{t} uses a layer above or beside {layer}"));
            }
        }

        Assert.Empty(wrong);
    }

    [Fact]
    public void No_production_library_reaches_synthetic_data_or_evaluation()
    {
        foreach (var layer in Production)
        {
            var reachable = Reachable(Uses.Value, layer);
            Assert.DoesNotContain("Tracemark.Synthetic", reachable);
            Assert.DoesNotContain("Tracemark.Evaluation", reachable);
        }
    }

    [Fact]
    public void Only_the_cli_uses_evaluation()
    {
        Assert.Equal(["Tracemark.Cli"], Uses.Value.Where(u => u.Value.Contains("Tracemark.Evaluation")).Select(u => u.Key));
    }

    [Fact]
    public void The_layers_have_no_cycle()
    {
        var cycles = Uses.Value.Keys.Where(layer => Reachable(Uses.Value, layer).Contains(layer)).ToList();
        Assert.Empty(cycles);
    }

    [Fact]
    public void A_cycle_is_found_when_there_is_one()
    {
        // The cycle check itself, on a made-up graph: the test above would pass vacuously if it never found one.
        var graph = new Dictionary<string, IReadOnlyList<string>> { ["a"] = ["b"], ["b"] = ["c"], ["c"] = ["a"], ["d"] = ["a"] };
        Assert.Contains("a", Reachable(graph, "a"));
        Assert.DoesNotContain("d", Reachable(graph, "d"));
    }

    [Fact]
    public void The_dependency_graph_sees_real_uses()
    {
        // The graph comes from NetArchTest's reading of the types; if it were empty every rule above would pass.
        Assert.Contains("Tracemark.Identifiers", Uses.Value["Tracemark.Scanning"]);
        Assert.Contains("Tracemark.Store", Uses.Value["Tracemark.Tracing"]);
        Assert.Contains("Tracemark.Exposure", Uses.Value["Tracemark.Server"]);
        Assert.Contains("Tracemark.Reports", Uses.Value["Tracemark.Server"]);
        Assert.Contains("Tracemark.Reports", Uses.Value["Tracemark.Cli"]);
    }

    [Fact]
    public void No_assembly_opens_its_internals_to_a_production_assembly()
    {
        var wrong = new List<string>();
        foreach (var (layer, assembly) in Layers.Value)
        {
            foreach (var friend in assembly.GetCustomAttributes<InternalsVisibleToAttribute>())
            {
                if (!IsTestOrBenchmark(friend.AssemblyName))
                {
                    wrong.Add($"{assembly.GetName().Name} opens its internals to {friend.AssemblyName}");
                }
            }
        }

        Assert.Empty(wrong);
    }

    [Theory]
    [InlineData("Tracemark.Scanning.Tests", true)]
    [InlineData("Tracemark.Benchmarks", true)]
    [InlineData("Tracemark.IntelTrainer", true)]
    [InlineData("Tracemark.Intel", false)]
    [InlineData("tracemark", false)]
    [InlineData("Tracemark.Tests.Helpers", false)]
    [InlineData("Tracemark.Server.Tests, PublicKey=0024", true)]
    public void Only_test_and_benchmark_assemblies_count_as_friends(string name, bool allowed) =>
        Assert.Equal(allowed, IsTestOrBenchmark(name));

    private static bool IsTestOrBenchmark(string friend)
    {
        var name = friend.Split(',')[0].Trim();
        // bench/ holds the benchmarks and intel's model trainer (it must featurise exactly as intel scores); neither ships.
        return name.EndsWith(".Tests", StringComparison.Ordinal) || name is "Tracemark.Benchmarks" or "Tracemark.IntelTrainer";
    }

    /// <summary>Every Tracemark assembly beside the tests (not the tests themselves), by the namespace it owns.</summary>
    private static Dictionary<string, Assembly> LoadLayers()
    {
        var layers = new Dictionary<string, Assembly>(StringComparer.Ordinal);
        foreach (var path in Directory.EnumerateFiles(AppContext.BaseDirectory, "*.dll"))
        {
            var file = Path.GetFileNameWithoutExtension(path);
            if (!(file.StartsWith("Tracemark.", StringComparison.Ordinal) || file == "tracemark") || file.EndsWith(".Tests", StringComparison.Ordinal))
            {
                continue;
            }

            layers[file == "tracemark" ? "Tracemark.Cli" : file] = Assembly.LoadFrom(path);
        }

        return layers;
    }

    /// <summary>Per layer, the other layers some type of it uses, as NetArchTest reads them from the IL.</summary>
    private static Dictionary<string, IReadOnlyList<string>> UsesOfEachLayer()
    {
        var uses = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var (layer, assembly) in Layers.Value)
        {
            uses[layer] = [.. Layers.Value.Keys.Where(other => other != layer && Types.InAssembly(assembly).That().HaveDependencyOn(other).GetTypes().Any()).Order(StringComparer.Ordinal)];
        }

        return uses;
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
