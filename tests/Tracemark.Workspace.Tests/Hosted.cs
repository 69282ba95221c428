using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;

namespace Tracemark.Workspace.Tests;

/// <summary>
/// The entry point <see cref="WorkspaceFactory"/> hosts (the test assembly's own Main; the test SDK's generated one is
/// turned off): it builds the server as `tracemark server` does, through <see cref="WorkspaceServer.Build"/>, and runs
/// it. WebApplicationFactory starts Main on its own thread and swaps Kestrel for its in-memory TestServer while the
/// host is built, so the application under test is the one the CLI serves — same middleware, same endpoints.
/// </summary>
public static class HostedProgram
{
    /// <summary>The options of the server the current factory is starting (flows to Main's thread with the context).</summary>
    internal static readonly AsyncLocal<WorkspaceOptions?> Pending = new();

    public static void Main()
    {
        var options = Pending.Value ?? throw new InvalidOperationException("the workspace entry point runs only under WorkspaceFactory");
        WorkspaceServer.Build(options).Run();
    }
}

/// <summary>
/// Microsoft.AspNetCore.Mvc.Testing's factory over the workspace: the real application on a TestServer. The type
/// argument only names the assembly whose entry point (<see cref="HostedProgram.Main"/>) is hosted.
/// </summary>
internal sealed class WorkspaceFactory(WorkspaceOptions options) : WebApplicationFactory<HostedWorkspace>
{
    /// <summary>Starts the server (migrating its database) on the calling thread; later calls return at once.</summary>
    public TestServer Start()
    {
        var previous = HostedProgram.Pending.Value;
        HostedProgram.Pending.Value = options;
        try
        {
            return Server;
        }
        finally
        {
            HostedProgram.Pending.Value = previous;
        }
    }
}
