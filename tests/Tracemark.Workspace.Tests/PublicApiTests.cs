using Tracemark.Tests;

namespace Tracemark.Workspace.Tests;

public sealed class PublicApiTests
{
    [Fact]
    public void Workspace_public_api_is_approved() =>
        PublicApi.Verify(typeof(WorkspaceServer).Assembly, "Tracemark.Workspace.Tests/PublicApi.approved.txt");
}
