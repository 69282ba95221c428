namespace Tracemark.Workspace;

/// <summary>
/// Answers the busy read path keeps in memory, per case and user: the masked summary of a case's latest finished
/// scan (the same for every user) and a member's role in a case. Both change only through this server — a job of the
/// case finishes, a lead changes a member — which then calls <see cref="Changed"/>; this assumes one server process
/// per workspace database (docs/server.md), and an entry is dropped after a minute all the same. A read that started
/// before a change never stores its older answer (the generation check), so a change is never hidden by a stale
/// entry. Only answers found are kept: "not a member" and "no summary yet" are asked again each time.
/// </summary>
internal sealed class CaseCache<T>
    where T : class
{
    private static readonly TimeSpan Keep = TimeSpan.FromMinutes(1);

    // Past this many entries the cache starts again rather than grow without bound.
    private const int MaxEntries = 10_000;

    private readonly Lock _gate = new();
    private readonly Dictionary<(long Case, long User), (T Value, long Until)> _entries = [];
    private long _generation;

    /// <summary>The cached answer, or the loader's (kept when found).</summary>
    public async Task<T?> Get(long caseId, long user, Func<CancellationToken, Task<T?>> load, CancellationToken cancellation)
    {
        long generation;
        lock (_gate)
        {
            if (_entries.TryGetValue((caseId, user), out var hit) && hit.Until > Environment.TickCount64)
            {
                return hit.Value;
            }

            generation = _generation;
        }

        var value = await load(cancellation).ConfigureAwait(false);
        if (value is not null)
        {
            lock (_gate)
            {
                if (_generation == generation)
                {
                    if (_entries.Count >= MaxEntries)
                    {
                        _entries.Clear();
                    }

                    _entries[(caseId, user)] = (value, Environment.TickCount64 + (long)Keep.TotalMilliseconds);
                }
            }
        }

        return value;
    }

    /// <summary>Something of the case changed: its entries go, and reads already under way keep their answer to themselves.</summary>
    public void Changed(long caseId)
    {
        lock (_gate)
        {
            _generation++;
            foreach (var key in _entries.Keys.Where(k => k.Case == caseId).ToList())
            {
                _entries.Remove(key);
            }
        }
    }
}
