using System.Net;
using System.Net.Http.Json;
using System.Text;
using Tracemark.Synthetic.Posts;

namespace Tracemark.Workspace.Tests;

/// <summary>
/// Every role against every endpoint: the case's lead, analyst, auditor and viewer, and an outsider (a lead of the
/// workspace who is not in this case, and must not learn it exists: 404). One case with a finished scan serves
/// all rows.
/// </summary>
[Collection("hosted workspace")]
public sealed class RoleTests(HostedWorkspace ws)
{
    private static readonly SemaphoreSlim Once = new(1, 1);
    private static (Workspace Ws, long Case, long Job)? _prepared;

    private async Task<(long Case, long Job)> Prepared()
    {
        await Once.WaitAsync();
        try
        {
            if (_prepared is not { } p || p.Ws != ws)
            {
                var id = await ws.NewCase("roles");
                var (job, last, _) = await ws.UploadAndWait(id, Workspace.Sample("courier-waybills.csv"));
                Assert.Equal("done", last.GetProperty("state").GetString());
                _prepared = p = (ws, id, job);
            }

            return (p.Case, p.Job);
        }
        finally
        {
            Once.Release();
        }
    }

    public static TheoryData<string, string, int> Matrix()
    {
        // endpoint → expected status for lead, analyst, auditor, viewer, outsider.
        var table = new (string Endpoint, int[] Expected)[]
        {
            ("GET case", [200, 200, 200, 200, 404]),
            ("POST members", [204, 403, 403, 403, 404]),
            ("GET files", [200, 200, 403, 200, 404]),
            ("POST files", [202, 202, 403, 403, 404]),
            ("GET summary", [200, 200, 403, 200, 404]),
            ("POST reveal", [200, 200, 403, 403, 404]),
            ("GET audit", [200, 403, 200, 403, 404]),
            ("GET job", [200, 200, 403, 200, 404]),
            ("GET job events", [200, 200, 403, 200, 404]),
            ("POST cases", [201, 403, 403, 403, 201]),
        };
        return RoleTable.Rows(table);
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Each_role_is_allowed_or_refused_each_endpoint(string role, string endpoint, int expected)
    {
        var (id, job) = await Prepared();
        using var client = ws.Client(role);
        using var response = endpoint switch
        {
            "GET case" => await client.GetAsync(new Uri($"api/cases/{id}", UriKind.Relative)),
            "POST members" => await client.PostAsJsonAsync($"api/cases/{id}/members", new { user = "viewer", role = "viewer" }),
            "GET files" => await client.GetAsync(new Uri($"api/cases/{id}/files", UriKind.Relative)),
            "POST files" => await client.PostAsync(new Uri($"api/cases/{id}/files", UriKind.Relative), Upload()),
            "GET summary" => await client.GetAsync(new Uri($"api/cases/{id}/summary", UriKind.Relative)),
            "POST reveal" => await client.PostAsJsonAsync($"api/cases/{id}/reveal", new { finding = "mobile:0" }),
            "GET audit" => await client.GetAsync(new Uri($"api/audit?case={id}", UriKind.Relative)),
            "GET job" => await client.GetAsync(new Uri($"api/jobs/{job}", UriKind.Relative)),
            "GET job events" => await client.GetAsync(new Uri($"api/jobs/{job}/events", UriKind.Relative)),
            "POST cases" => await client.PostAsJsonAsync("api/cases", new { name = $"{role} case {Guid.NewGuid():N}" }),
            _ => throw new ArgumentException(endpoint),
        };
        Assert.Equal(expected, (int)response.StatusCode);
    }

    [Fact]
    public async Task An_outsider_does_not_see_the_case_in_the_list_and_gets_404_for_a_case_that_does_not_exist_too()
    {
        var (id, _) = await Prepared();
        using var outsider = ws.Client("outsider");
        var listed = await outsider.GetFromJsonAsync<List<CaseRow>>("api/cases");
        Assert.DoesNotContain(listed!, c => c.Id == id);
        using var missing = await outsider.GetAsync(new Uri("api/cases/999999", UriKind.Relative));
        using var hidden = await outsider.GetAsync(new Uri($"api/cases/{id}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(await missing.Content.ReadAsStringAsync(), await hidden.Content.ReadAsStringAsync());
        using var lead = ws.Client("lead");
        Assert.Contains((await lead.GetFromJsonAsync<List<CaseRow>>("api/cases"))!, c => c.Id == id && c.Role == "lead");
    }

    private static MultipartFormDataContent Upload()
    {
        var form = new MultipartFormDataContent();
        form.Add(new ByteArrayContent(Encoding.UTF8.GetBytes("name,mobile\n张伟,13800138000\n")), "file", "tiny.csv");
        return form;
    }

    private sealed record CaseRow(long Id, string Name, string Role);
}

/// <summary>
/// The rows of the role table for the views that need a store with owner data (the trace): the same roles, on a case
/// of the traced workspace whose scan has finished.
/// </summary>
[Collection("traced workspace")]
public sealed class TracedRoleTests(TracedWorkspace traced)
{
    private static readonly SemaphoreSlim Once = new(1, 1);
    private static (TracedWorkspace Ws, long Case)? _prepared;

    private async Task<long> Prepared()
    {
        await Once.WaitAsync();
        try
        {
            if (_prepared is not { } p || p.Ws != traced)
            {
                var id = await traced.Ws.NewCase("traced roles");
                var (_, last, _) = await traced.Ws.UploadAndWait(id, traced.Scenario("single-insider"));
                Assert.Equal("done", last.GetProperty("state").GetString());
                (_, last, _) = await traced.Ws.UploadAsAndWait(id, "posts", traced.Posts(PostFiles.ForumFile));
                Assert.Equal("done", last.GetProperty("state").GetString());
                using var lead = traced.Ws.Client("lead");
                using var opened = await lead.PostAsJsonAsync($"api/cases/{id}/incident", new { name = $"roles-{Guid.NewGuid():N}", discovered = "2026-12-06T21:40:00+08:00", @operator = "other" });
                Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
                await Workspace.FollowJob(lead, (await opened.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("job").GetInt64());
                _prepared = p = (traced, id);
            }

            return p.Case;
        }
        finally
        {
            Once.Release();
        }
    }

    public static TheoryData<string, string, int> Matrix()
    {
        // endpoint → expected status for lead, analyst, auditor, viewer, outsider.
        var table = new (string Endpoint, int[] Expected)[]
        {
            ("GET trace", [200, 200, 403, 200, 404]),
            ("GET intel", [200, 200, 403, 200, 404]),
            ("GET incident", [200, 200, 403, 200, 404]),
            ("POST incident", [201, 403, 403, 403, 404]),
        };
        return RoleTable.Rows(table);
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Each_role_is_allowed_or_refused_each_view(string role, string endpoint, int expected)
    {
        var id = await Prepared();
        using var client = traced.Ws.Client(role);
        using var response = endpoint switch
        {
            "GET trace" => await client.GetAsync(new Uri($"api/cases/{id}/trace", UriKind.Relative)),
            "GET intel" => await client.GetAsync(new Uri($"api/cases/{id}/intel", UriKind.Relative)),
            "GET incident" => await client.GetAsync(new Uri($"api/cases/{id}/incident", UriKind.Relative)),
            // Each caller opens the incident of a case of its own (one incident a case), with the members in their roles.
            "POST incident" => await client.PostAsJsonAsync($"api/cases/{await traced.Ws.NewCase($"incident roles {role} {Guid.NewGuid():N}")}/incident", new { discovered = "2026-12-06T21:40:00+08:00", @operator = "other" }),
            _ => throw new ArgumentException(endpoint),
        };
        Assert.Equal(expected, (int)response.StatusCode);
    }
}

/// <summary>A role table, endpoint by endpoint, as one theory row per role and endpoint.</summary>
internal static class RoleTable
{
    private static readonly string[] Roles = ["lead", "analyst", "auditor", "viewer", "outsider"];

    /// <summary>Rows of (role, endpoint, status) from statuses listed for lead, analyst, auditor, viewer, outsider.</summary>
    public static TheoryData<string, string, int> Rows((string Endpoint, int[] Expected)[] table)
    {
        var data = new TheoryData<string, string, int>();
        foreach (var (endpoint, expected) in table)
        {
            for (var i = 0; i < Roles.Length; i++)
            {
                data.Add(Roles[i], endpoint, expected[i]);
            }
        }

        return data;
    }
}
