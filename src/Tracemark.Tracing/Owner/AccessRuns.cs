using System.Collections.Concurrent;

using Tracemark.Store.Owner;

namespace Tracemark.Tracing.Owner;

/// <summary>
/// An external sort of access rows by (customer, channel, time), the order of the access table's index. Rows
/// arrive in log order (by time, or by channel); inserted that way, every row lands on a random index page, and
/// once the index outgrows the database's cache the import crawls (a 100-million-row log slowed to a fraction of its
/// first minute's rate). Sorted runs spilled to disk and merged give one ordered pass instead.
/// </summary>
internal sealed class AccessRuns(int runRows = 1 << 20) : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"tracemark-access-{Guid.NewGuid():N}");
    private readonly List<string> _runs = [];
    private readonly List<AccessRow> _buffer = [];

    public void Add(AccessRow row)
    {
        _buffer.Add(row);
        if (_buffer.Count == runRows)
        {
            Spill();
        }
    }

    /// <summary>Every row, in (customer, channel, time) order.</summary>
    public IEnumerable<AccessRow> Sorted()
    {
        if (_runs.Count == 0)
        {
            _buffer.Sort();
            foreach (var row in _buffer)
            {
                yield return row;
            }

            yield break;
        }

        Spill(); // the rows still in memory become the last run (a no-op on a second pass)
        var readers = _runs.Select(r => new BinaryReader(new FileStream(r, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan))).ToList();
        try
        {
            var queue = new PriorityQueue<int, AccessRow>();
            var current = new AccessRow[readers.Count];
            for (var i = 0; i < readers.Count; i++)
            {
                if (TryRead(readers[i], out current[i]))
                {
                    queue.Enqueue(i, current[i]);
                }
            }

            while (queue.TryDequeue(out var i, out _))
            {
                yield return current[i];
                if (TryRead(readers[i], out current[i]))
                {
                    queue.Enqueue(i, current[i]);
                }
            }
        }
        finally
        {
            foreach (var r in readers)
            {
                r.Dispose();
            }
        }
    }

    /// <summary>
    /// <see cref="Sorted"/> merged on another thread, in batches: the merge (reading runs back, rebuilding their
    /// strings) and the writing of rows into the database each took most of a core at 11 M rows, one after the other.
    /// </summary>
    public IEnumerable<AccessRow> SortedAhead()
    {
        using var queue = new BlockingCollection<AccessRow[]>(boundedCapacity: 16);
        using var stop = new CancellationTokenSource();
        var producer = Task.Run(() =>
        {
            try
            {
                var batch = new AccessRow[4096];
                var n = 0;
                foreach (var row in Sorted())
                {
                    batch[n++] = row;
                    if (n == batch.Length)
                    {
                        queue.Add(batch, stop.Token);
                        batch = new AccessRow[batch.Length];
                        n = 0;
                    }
                }

                if (n > 0)
                {
                    queue.Add(batch[..n], stop.Token);
                }
            }
            finally
            {
                queue.CompleteAdding();
            }
        });

        try
        {
            foreach (var batch in queue.GetConsumingEnumerable())
            {
                foreach (var row in batch)
                {
                    yield return row;
                }
            }

            producer.GetAwaiter().GetResult(); // a failed merge surfaces here rather than looking like the end
        }
        finally
        {
            // A consumer that stops early (an error writing) releases the producer blocked on a full queue.
            stop.Cancel();
            try
            {
                producer.Wait();
            }
            catch (AggregateException e) when (e.InnerExceptions.All(x => x is OperationCanceledException))
            {
            }
        }
    }

    private void Spill()
    {
        if (_buffer.Count == 0)
        {
            return;
        }

        Write(_buffer, NextRun());
        _buffer.Clear();
    }

    private string NextRun()
    {
        Directory.CreateDirectory(_folder);
        var path = Path.Combine(_folder, $"{_runs.Count:D5}.run");
        _runs.Add(path);
        return path;
    }

    private static void Write(List<AccessRow> rows, string path)
    {
        rows.Sort();
        using var w = new BinaryWriter(new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16));
        foreach (var row in rows)
        {
            w.Write(row.Customer);
            w.Write(row.Channel);
            w.Write(row.Time);
            w.Write(row.Action);
            w.Write(row.Device ?? string.Empty);
            w.Write(row.Ip ?? string.Empty);
        }
    }

    private static bool TryRead(BinaryReader r, out AccessRow row)
    {
        if (r.BaseStream.Position >= r.BaseStream.Length)
        {
            row = default;
            return false;
        }

        var (customer, channel, time, action, device, ip) = (r.ReadInt64(), r.ReadInt64(), r.ReadInt64(), r.ReadString(), r.ReadString(), r.ReadString());
        row = new AccessRow(customer, channel, time, action, device.Length == 0 ? null : device, ip.Length == 0 ? null : ip);
        return true;
    }

    public void Dispose()
    {
        try
        {
            if (Directory.Exists(_folder))
            {
                Directory.Delete(_folder, recursive: true);
            }
        }
        catch (IOException)
        {
            // Runs left in the temp folder hold no identifiers (dense numbers only); the OS cleans them.
        }
    }
}
