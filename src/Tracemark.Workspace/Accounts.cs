using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Tracemark.Store.Workspace;

namespace Tracemark.Workspace;

/// <summary>
/// Finds the user of a bearer token or a name and password. Argon2id costs tens of milliseconds on purpose, so a
/// token once verified is remembered for a few minutes by its SHA-256 (never by the token itself): reading
/// summaries at 100 users stays fast while a stolen database still yields no usable token.
/// </summary>
internal sealed class Accounts(IWorkspace db)
{
    private static readonly TimeSpan Remember = TimeSpan.FromMinutes(5);
    private const int MaxRemembered = 10_000;

    private readonly ConcurrentDictionary<string, (WorkspaceUser User, DateTime Until)> _verified = new(StringComparer.Ordinal);

    public WorkspaceUser? ByToken(string token)
    {
        var key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
        if (_verified.TryGetValue(key, out var known) && known.Until > DateTime.UtcNow)
        {
            return known.User;
        }

        if (!Secrets.TryParse(token, out var id, out var secret) || db.FindUserByToken(id) is not { } user || !Secrets.Verify(secret, user.TokenHash))
        {
            return null;
        }

        if (_verified.Count >= MaxRemembered)
        {
            _verified.Clear();
        }

        _verified[key] = (user, DateTime.UtcNow + Remember);
        return user;
    }

    public WorkspaceUser? ByPassword(string name, string password)
    {
        var user = db.FindUser(name);
        if (user?.PasswordHash is not { } hash)
        {
            // The same work as a real check, so a missing user cannot be told from a wrong password by timing.
            Secrets.Verify(password, Decoy);
            return null;
        }

        return Secrets.Verify(password, hash) ? user : null;
    }

    private static readonly string Decoy = Secrets.Hash("decoy");
}
