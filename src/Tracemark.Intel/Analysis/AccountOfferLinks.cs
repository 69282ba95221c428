using Tracemark.Identifiers;
using Tracemark.Scanning;
using Tracemark.Store;
using Tracemark.Store.Tags;

namespace Tracemark.Intel.Analysis;

/// <summary>
/// A known dump an account offer's samples come from: the store's dataset, how many of the post's (account,
/// password) samples are credential pairs in it, and how many of its sample accounts are identifiers in it.
/// </summary>
/// <param name="Dataset">The dataset's name in the store.</param>
/// <param name="Pairs">Sample (account, password) pairs found as credential tags of the dataset.</param>
/// <param name="Accounts">Sample accounts (QQ, mobile, e-mail) found as identifier tags of the dataset.</param>
public sealed record DumpMatch(string Dataset, int Pairs, int Accounts);

/// <summary>
/// Links account offers (goods "accounts": 号商 selling QQ/WeChat/game accounts by the thousand) to credential dumps
/// in the store: the post's sample lines (account----password, 账号:… 密码:…) are tagged as the store tags credential
/// pairs, its bare sample accounts as identifiers, and the complete datasets holding any of them are named. Nothing
/// is kept: the pairs live only for the call, and only keyed tags reach the store.
/// </summary>
internal sealed class AccountOfferLinks(KnownLeakStore store, Tagger tagger)
{
    private readonly TextFinder _finder = new();
    private readonly Sink _sink = new();

    /// <summary>The dumps the post's samples match, most pairs first; null when nothing matches.</summary>
    public IReadOnlyList<DumpMatch>? Match(string text)
    {
        _sink.Values.Clear();
        _finder.FindCredentials(text, _sink);
        _finder.Find(text, _sink);
        if (_sink.Values.Count == 0)
        {
            return null;
        }

        var pairs = new HashSet<Tag>();
        var tags = new HashSet<Tag>();
        Span<char> canonical = stackalloc char[Identifier.MaxCanonicalLength];
        foreach (var (kind, value) in _sink.Values)
        {
            var tag = tagger.Make(kind, value);
            tags.Add(tag);
            if (kind != IdentifierKind.Credential)
            {
                continue;
            }

            pairs.Add(tag);
            // The pair's account, as the identifier it is (a QQ number, mobile or e-mail), may be in other leaks.
            var account = value.AsSpan(0, value.IndexOf('\n', StringComparison.Ordinal));
            foreach (var strong in (ReadOnlySpan<IdentifierKind>)[IdentifierKind.Email, IdentifierKind.Mobile, IdentifierKind.Qq])
            {
                var v = Identifier.Check(strong, account, canonical);
                if (v.IsValid)
                {
                    tags.Add(tagger.Make(strong, canonical[..v.Length]));
                    break;
                }
            }
        }

        var matches = store.Sightings(tags)
            .GroupBy(s => s.Dataset.Name, StringComparer.Ordinal)
            .Select(g => new DumpMatch(g.Key, g.Select(s => s.Tag).Distinct().Count(pairs.Contains), g.Select(s => s.Tag).Distinct().Count(t => !pairs.Contains(t))))
            .OrderByDescending(m => m.Pairs).ThenByDescending(m => m.Accounts).ThenBy(m => m.Dataset, StringComparer.Ordinal)
            .ToList();
        return matches.Count == 0 ? null : matches;
    }

    // Credential pairs and the identifier kinds accounts are written as.
    private sealed class Sink : IIdentifierSink
    {
        public List<(IdentifierKind Kind, string Value)> Values { get; } = [];

        public void Found(IdentifierKind kind, ReadOnlySpan<char> canonical)
        {
            if (kind is IdentifierKind.Credential or IdentifierKind.Qq or IdentifierKind.Mobile or IdentifierKind.Email)
            {
                Values.Add((kind, canonical.ToString()));
            }
        }
    }
}
