using System.Reflection;
using System.Text;

namespace Tracemark.Tests;

/// <summary>
/// Snapshot of an assembly's public surface, one line per public type and member, so a change to the public API
/// shows up in review as a change to an approved file (PublicAnalyzers is not installable here).
/// </summary>
internal static class PublicApi
{
    public static string Describe(Assembly assembly)
    {
        var lines = new List<string>();
        foreach (var type in assembly.GetExportedTypes())
        {
            lines.Add($"{Kind(type)} {Name(type)}");
            const BindingFlags flags = BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
            foreach (var m in type.GetMembers(flags))
            {
                if (m is MethodInfo { IsSpecialName: true } || m.DeclaringType != type || IsCompilerNoise(m))
                {
                    continue;
                }

                lines.Add($"  {Name(type)}.{Member(m)}");
            }
        }

        lines.Sort(StringComparer.Ordinal);
        var sb = new StringBuilder();
        foreach (var l in lines)
        {
            sb.Append(l).Append('\n');
        }

        return sb.ToString();
    }

    /// <summary>Compares with the approved file next to the test sources; writes a .received file when they differ.</summary>
    public static void Verify(Assembly assembly, string approvedFile)
    {
        var actual = Describe(assembly);
        var path = Path.Combine(SourceDirectory(), approvedFile);
        var approved = File.Exists(path) ? File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal) : string.Empty;
        if (approved != actual)
        {
            File.WriteAllText(path + ".received", actual);
            Assert.Fail($"The public API of {assembly.GetName().Name} changed. If intended, replace {approvedFile} with {approvedFile}.received.");
        }
    }

    private static string SourceDirectory([System.Runtime.CompilerServices.CallerFilePath] string file = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(file)!, ".."));

    private static bool IsCompilerNoise(MemberInfo m) =>
        m.Name is "<Clone>$" or "Deconstruct" or "PrintMembers" or "EqualityContract" || m.Name.StartsWith("get_", StringComparison.Ordinal);

    private static string Kind(Type t) =>
        t.IsEnum ? "enum" : t.IsInterface ? "interface" : t.IsValueType ? "struct" : t.IsAbstract && t.IsSealed ? "static class" : t.IsSealed ? "sealed class" : "class";

    private static string Name(Type t)
    {
        if (!t.IsGenericType)
        {
            return t.FullName ?? t.Name;
        }

        var name = (t.FullName ?? t.Name).Split('`')[0];
        return $"{name}<{string.Join(", ", t.GetGenericArguments().Select(a => a.Name))}>";
    }

    private static string TypeName(Type t) =>
        t.IsGenericType ? $"{t.Name.Split('`')[0]}<{string.Join(", ", t.GetGenericArguments().Select(TypeName))}>" : t.Name;

    private static string Member(MemberInfo m) => m switch
    {
        MethodInfo mi => $"{mi.Name}({string.Join(", ", mi.GetParameters().Select(p => TypeName(p.ParameterType)))}) : {TypeName(mi.ReturnType)}",
        ConstructorInfo ci => $".ctor({string.Join(", ", ci.GetParameters().Select(p => TypeName(p.ParameterType)))})",
        PropertyInfo pi => $"{pi.Name} : {TypeName(pi.PropertyType)}",
        FieldInfo fi => $"{fi.Name} : {TypeName(fi.FieldType)}",
        _ => m.Name,
    };
}
