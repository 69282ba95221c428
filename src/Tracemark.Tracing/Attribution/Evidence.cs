namespace Tracemark.Tracing.Attribution;

/// <summary>One record of a leaked sample, as matched to the owner's data.</summary>
/// <param name="Customer">The owner's customer it matched (dense index), or -1 when it is nobody the owner knows.</param>
/// <param name="InKnownLeak">Its identifiers are already in an earlier known leak: obtainable elsewhere.</param>
internal readonly record struct SampleRecord(int Customer, bool InKnownLeak);

/// <summary>What the owner knows: who could see which customer, and which customers are canaries of whom.</summary>
internal sealed class AccessIndex
{
    private readonly int[][] _channelsOf;
    private readonly int[] _accessed;
    private readonly int[] _canaryOf;

    /// <param name="customers">How many customers the owner has (indexes 0..customers-1).</param>
    /// <param name="channels">How many channels (indexes 0..channels-1).</param>
    /// <param name="accesses">Per channel, the distinct customers it accessed before the sample was seen.</param>
    /// <param name="canaries">Canary customer → the one channel it was shown to.</param>
    public AccessIndex(int customers, int channels, IReadOnlyList<IReadOnlyCollection<int>> accesses, IReadOnlyDictionary<int, int>? canaries = null)
    {
        Customers = customers;
        Channels = channels;
        _accessed = new int[channels];
        var lists = new List<int>?[customers];
        for (var c = 0; c < channels; c++)
        {
            _accessed[c] = accesses[c].Count;
            foreach (var customer in accesses[c])
            {
                (lists[customer] ??= []).Add(c);
            }
        }

        _channelsOf = [.. lists.Select(l => l is null ? [] : l.ToArray())];
        _canaryOf = Enumerable.Repeat(-1, customers).ToArray();
        // A canary is shown to its channel only: whatever else the log says touched it, only that channel explains it.
        foreach (var (customer, channel) in canaries ?? new Dictionary<int, int>())
        {
            _canaryOf[customer] = channel;
            _channelsOf[customer] = [channel];
        }
    }

    public int Customers { get; }

    public int Channels { get; }

    /// <summary>Channels that accessed <paramref name="customer"/> (|V_t| in the guilt model).</summary>
    public ReadOnlySpan<int> ChannelsOf(int customer) => _channelsOf[customer];

    /// <summary>Distinct customers <paramref name="channel"/> accessed (|A_c|).</summary>
    public int Accessed(int channel) => _accessed[channel];

    /// <summary>The channel a canary customer was shown to, or -1.</summary>
    public int CanaryOf(int customer) => _canaryOf[customer];
}
