using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tracemark.Reports;
using Tracemark.Store.Workspace;

namespace Tracemark.Workspace;

/// <summary>`Authorization: Bearer TOKEN` for the API: the token's user, or 401.</summary>
internal sealed class BearerHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, Accounts accounts)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string Name = "Bearer";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var user = accounts.ByToken(header[7..].Trim());
        return Task.FromResult(user is null
            ? AuthenticateResult.Fail("the token is not valid")
            : AuthenticateResult.Success(new AuthenticationTicket(Principal(user, Name), Name)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        return Response.WriteAsJsonAsync(new WorkspaceError("sign in: send Authorization: Bearer TOKEN (`tracemark server user add` prints one)"), ReportJson.EscapedInfo<WorkspaceError>());
    }

    public static ClaimsPrincipal Principal(WorkspaceUser user, string scheme) => new(new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, user.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new Claim(ClaimTypes.Name, user.Name),
            new Claim(ClaimTypes.Role, user.Role),
        ],
        scheme));
}

/// <summary>The signed-in user of a request.</summary>
internal readonly record struct Caller(long Id, string Name, string Role, bool ByCookie)
{
    public static Caller Of(HttpContext http)
    {
        var user = http.User;
        return new Caller(
            long.Parse(user.FindFirstValue(ClaimTypes.NameIdentifier)!, System.Globalization.CultureInfo.InvariantCulture),
            user.FindFirstValue(ClaimTypes.Name)!,
            user.FindFirstValue(ClaimTypes.Role)!,
            user.Identity?.AuthenticationType != BearerHandler.Name);
    }
}
