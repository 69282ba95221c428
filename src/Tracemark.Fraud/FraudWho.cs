using Tracemark.Identifiers;
using Tracemark.Store;

namespace Tracemark.Fraud;

/// <summary>One known leak a person is in.</summary>
/// <param name="Dataset">The leak.</param>
/// <param name="Kinds">Which of the identifiers asked about are in it (kind codes).</param>
/// <param name="FirstSeen">When the person's identifier was first seen in it.</param>
/// <param name="Freshness">How fresh the leak was when seen, by the age of its newest record.</param>
public sealed record PersonLeak(Dataset Dataset, IReadOnlyList<string> Kinds, DateOnly FirstSeen, Freshness Freshness);

/// <summary>"Where did the fraudster get my data?": the known leaks a person's identifiers are in.</summary>
public static class FraudWho
{
    /// <summary>
    /// The leaks holding any of <paramref name="identifiers"/> (kind, value as typed), newest sighting first. A value
    /// that is not a valid identifier of its kind is refused with the identifier library's reason.
    /// </summary>
    public static IReadOnlyList<PersonLeak> Find(KnownLeakStore store, IReadOnlyList<(IdentifierKind Kind, string Value)> identifiers)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(identifiers);
        using var tagger = store.CreateTagger();
        var canonical = new char[Identifier.MaxCanonicalLength];
        var kindOf = new Dictionary<Store.Tags.Tag, IdentifierKind>();
        foreach (var (kind, value) in identifiers)
        {
            var verdict = Identifier.Check(kind, value, canonical);
            if (!verdict.IsValid)
            {
                throw new ArgumentException($"the {kind.Label()} given is not valid: {verdict.Explain()}");
            }

            kindOf[tagger.Make(kind, canonical.AsSpan(0, verdict.Length))] = kind;
        }

        var rules = new FreshnessRules();
        return [.. store.Sightings(kindOf.Keys)
            .GroupBy(s => s.Dataset.Id)
            .Select(g =>
            {
                var d = g.First().Dataset;
                return new PersonLeak(d, [.. g.Select(s => kindOf[s.Tag].Code()).Distinct().Order(StringComparer.Ordinal)], g.Min(s => s.FirstSeen),
                    rules.Grade(d.Seen, d.NewestRecord, d.Identifiers, 0));
            })
            .OrderByDescending(p => p.FirstSeen).ThenBy(p => p.Dataset.Name, StringComparer.Ordinal)];
    }
}
