using System.Threading.Channels;
using Tracemark.Store;
using Tracemark.Store.Workspace;

namespace Tracemark.Workspace;

/// <summary>
/// The server's one writer of the audit log. An entry's hash covers the entry before it, so appends are serialised
/// (a table lock in the database); with one transaction per entry, 100 readers of a summary queued on that lock one
/// commit at a time (p99 13 s in docs/benchmarks.md). Here requests hand over their entries and wait until they are
/// committed, while this writer takes every entry waiting at that moment and appends them chained, in order, in one
/// transaction — so a burst of reads costs a few commits, not one each, and the chain is the same as one by one.
/// A caller still sends nothing before its entry is committed, and sees the failure if it is not.
/// </summary>
internal sealed class AuditLog : IAsyncDisposable
{
    // Bounds one transaction (and the COPY behind it); a larger burst is simply written in several.
    private const int MaxBatch = 512;

    private readonly IWorkspace _db;
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _writer;

    public AuditLog(IWorkspace db)
    {
        _db = db;
        _writer = Task.Run(WriteAll);
    }

    /// <summary>Completes once the entry is committed; faults (with the store's error) if it could not be.</summary>
    public Task Write(string actor, long? caseId, string action, string detail)
    {
        var pending = new Pending(new AuditRecord(actor, caseId, action, detail, WorkspaceAdmin.Now()), new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        return _queue.Writer.TryWrite(pending) ? pending.Done.Task : Task.FromException(new StoreException("the audit log is closed: the server is stopping"));
    }

    private async Task WriteAll()
    {
        var batch = new List<Pending>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var next))
            {
                batch.Add(next);
            }

            if (!Commit(batch) && batch.Count > 1)
            {
                // One entry the database refuses must not cost the others theirs: each alone, so only it fails.
                foreach (var p in batch)
                {
                    Commit([p]);
                }
            }

            batch.Clear();
        }
    }

    /// <summary>Appends the entries in one transaction and tells their waiters; false when it failed (none written).</summary>
    private bool Commit(List<Pending> batch)
    {
        try
        {
            _db.Append([.. batch.Select(p => p.Entry)]);
            foreach (var p in batch)
            {
                p.Done.TrySetResult();
            }

            return true;
        }
#pragma warning disable CA1031 // whatever stopped the append, the waiting requests must hear of it (and send nothing), and the writer go on
        catch (Exception e)
#pragma warning restore CA1031
        {
            if (batch.Count == 1)
            {
                batch[0].Done.TrySetException(e);
            }

            return false;
        }
    }

    /// <summary>Writes what is waiting, then stops taking entries.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writer.ConfigureAwait(false);
    }

    private sealed record Pending(AuditRecord Entry, TaskCompletionSource Done);
}
