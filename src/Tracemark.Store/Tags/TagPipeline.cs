using System.Collections.Concurrent;
using System.Text;
using Tracemark.Identifiers;
using Tracemark.Scanning;

namespace Tracemark.Store.Tags;

/// <summary>
/// Turns a scan's findings into sorted chunks of distinct tags, off the scan's aggregating thread: findings are
/// copied as UTF-8 into small batches, a consumer thread tags them (HMAC) and hands each full chunk on.
/// Memory is bounded by the chunk size and the queue, not by the input.
/// </summary>
internal sealed class TagPipeline : IFindingObserver, IDisposable
{
    private const int BatchItems = 16 * 1024;

    private readonly BlockingCollection<Batch> _queue = new(boundedCapacity: 4);
    private readonly ConcurrentBag<Batch> _free = [];
    private readonly Thread[] _consumers;
    private readonly Lock _handOn = new();
    private readonly StoreKey _key;
    private readonly int _chunkSize;
    private readonly Action<Span<TaggedIdentifier>> _chunk;
    private Batch _current = new();
    private Exception? _fault;

    /// <param name="key">The store key.</param>
    /// <param name="chunkSize">Tags per chunk handed on (before removing repeats).</param>
    /// <param name="chunk">Receives each chunk sorted and distinct, one at a time, on a tagging thread.</param>
    public TagPipeline(StoreKey key, int chunkSize, Action<Span<TaggedIdentifier>> chunk)
    {
        _key = key;
        _chunkSize = chunkSize;
        _chunk = chunk;
        // HMAC is the costly part: one tagging thread per core keeps up with the scan.
        _consumers = [.. Enumerable.Range(0, Math.Max(1, Environment.ProcessorCount)).Select(i => new Thread(Consume) { IsBackground = true, Name = $"tracemark tagging {i}" })];
        foreach (var consumer in _consumers)
        {
            consumer.Start();
        }
    }

    /// <summary>Kinds the store keeps: strong identifiers. Names and addresses repeat across people and drift in
    /// spelling, so as tags they would make unrelated leaks look related; masked forms are not identifiers.</summary>
    public static bool Stores(IdentifierKind kind) => !kind.IsMasked() && kind is not IdentifierKind.Name and not IdentifierKind.Address;

    public void Observe(IdentifierKind kind, ReadOnlySpan<char> canonical, string source, long record)
    {
        if (!Stores(kind))
        {
            return;
        }

        if (_fault is not null)
        {
            throw new StoreException(_fault.Message, _fault);
        }

        if (kind == IdentifierKind.Credential && canonical.IndexOf('\n') is > 0 and var end)
        {
            // The pair's account is also the identifier it is written as (a QQ number, mobile or e-mail, in the order
            // AccountOfferLinks tries them): an offer of bare accounts, a fraud victim's QQ or another leak then meets
            // this dump, which the pair's tag alone would hide.
            Span<char> account = stackalloc char[Identifier.MaxCanonicalLength];
            foreach (var strong in (ReadOnlySpan<IdentifierKind>)[IdentifierKind.Email, IdentifierKind.Mobile, IdentifierKind.Qq])
            {
                var v = Identifier.Check(strong, canonical[..end], account);
                if (v.IsValid)
                {
                    Add(strong, account[..v.Length]);
                    break;
                }
            }
        }

        Add(kind, canonical);
    }

    private void Add(IdentifierKind kind, ReadOnlySpan<char> canonical)
    {
        if (!_current.TryAdd(kind, canonical))
        {
            Flush();
            _current.TryAdd(kind, canonical);
        }
    }

    private void Flush()
    {
        if (_current.Count == 0)
        {
            return;
        }

        _queue.Add(_current);
        _current = _free.TryTake(out var b) ? b : new Batch();
        _current.Clear();
    }

    /// <summary>Waits until every finding so far has been tagged and handed on; rethrows the consumer's failure.</summary>
    public void Finish()
    {
        Flush();
        _queue.CompleteAdding();
        foreach (var consumer in _consumers)
        {
            consumer.Join();
        }

        if (_fault is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(_fault);
        }
    }

    private void Consume()
    {
        try
        {
            using var tagger = new Tagger(_key);
            var chunk = new TaggedIdentifier[_chunkSize];
            var n = 0;
            foreach (var batch in _queue.GetConsumingEnumerable())
            {
                for (var i = 0; i < batch.Count; i++)
                {
                    var value = batch.Item(i, out var kind);
                    chunk[n++] = new TaggedIdentifier(tagger.Make(kind, value), (byte)kind);
                    if (n == chunk.Length)
                    {
                        HandOn(chunk.AsSpan(0, TaggedIdentifier.SortDistinct(chunk)));
                        n = 0;
                    }
                }

                _free.Add(batch);
            }

            if (n > 0)
            {
                HandOn(chunk.AsSpan(0, TaggedIdentifier.SortDistinct(chunk.AsSpan(0, n))));
            }
        }
        catch (Exception e)
        {
            Interlocked.CompareExchange(ref _fault, e, null);

            // Keep draining so the scan is not blocked on a full queue; it stops at its next finding.
            foreach (var _ in _queue.GetConsumingEnumerable())
            {
            }
        }
    }

    // Consumers tag in parallel; the receiver sees one chunk at a time (chunks come in no particular order).
    private void HandOn(Span<TaggedIdentifier> chunk)
    {
        lock (_handOn)
        {
            _chunk(chunk);
        }
    }

    public void Dispose() => _queue.Dispose();

    private sealed class Batch
    {
        private readonly byte[] _kinds = new byte[BatchItems];
        private readonly int[] _ends = new int[BatchItems];
        private byte[] _bytes = new byte[BatchItems * 24];

        public int Count { get; private set; }

        public bool TryAdd(IdentifierKind kind, ReadOnlySpan<char> value)
        {
            if (Count == BatchItems)
            {
                return false;
            }

            var start = Count == 0 ? 0 : _ends[Count - 1];
            var max = Encoding.UTF8.GetMaxByteCount(value.Length);
            if (start + max > _bytes.Length)
            {
                if (Count > 0)
                {
                    return false;
                }

                _bytes = new byte[max];
            }

            var written = Encoding.UTF8.GetBytes(value, _bytes.AsSpan(start));
            _kinds[Count] = (byte)kind;
            _ends[Count] = start + written;
            Count++;
            return true;
        }

        public ReadOnlySpan<byte> Item(int i, out IdentifierKind kind)
        {
            var start = i == 0 ? 0 : _ends[i - 1];
            kind = (IdentifierKind)_kinds[i];
            return _bytes.AsSpan(start, _ends[i] - start);
        }

        public void Clear() => Count = 0;
    }
}
