namespace Tracemark.Tracing.Attribution;

/// <summary>One record of a leaked sample, as matched to the owner's data.</summary>
/// <param name="Customer">The owner's customer it matched (dense index), or -1 when it is nobody the owner knows.</param>
/// <param name="InKnownLeak">Its identifiers are already in an earlier known leak: obtainable elsewhere.</param>
internal readonly record struct SampleRecord(int Customer, bool InKnownLeak);

/// <summary>
/// What the owner knows about the customers of a sample: who could see each (before the sample was seen), how many
/// customers each channel saw, and which customers are canaries of whom. Built whole for a simulation, or only for
/// the sample's customers when read from the store.
/// </summary>
internal sealed class AccessIndex
{
    private readonly Dictionary<int, int[]> _channelsOf;
    private readonly Dictionary<int, int> _accessed;
    private readonly Dictionary<int, int> _canaryOf;

    /// <param name="customers">How many customers the owner has.</param>
    /// <param name="channels">How many channels.</param>
    /// <param name="channelsOf">Per customer (of interest), the channels that accessed it.</param>
    /// <param name="accessed">Per channel (of interest), how many distinct customers it accessed (|A_c|).</param>
    /// <param name="canaries">Canary customer → the one channel it was shown to.</param>
    public AccessIndex(int customers, int channels, Dictionary<int, int[]> channelsOf, Dictionary<int, int> accessed, IReadOnlyDictionary<int, int>? canaries = null)
    {
        Customers = customers;
        Channels = channels;
        _channelsOf = channelsOf;
        _accessed = accessed;
        _canaryOf = [];

        // A canary is shown to its channel only: whatever else the log says touched it, only that channel explains it.
        foreach (var (customer, channel) in canaries ?? new Dictionary<int, int>())
        {
            _canaryOf[customer] = channel;
            _channelsOf[customer] = [channel];
        }
    }

    /// <summary>Every channel's accessed customers, for a simulated owner.</summary>
    public AccessIndex(int customers, int channels, IReadOnlyList<IReadOnlyCollection<int>> accesses, IReadOnlyDictionary<int, int>? canaries = null)
        : this(customers, channels, Invert(accesses), Enumerable.Range(0, channels).ToDictionary(c => c, c => accesses[c].Count), canaries)
    {
    }

    public int Customers { get; }

    public int Channels { get; }

    /// <summary>Channels that accessed <paramref name="customer"/> (|V_t| in the guilt model).</summary>
    public ReadOnlySpan<int> ChannelsOf(int customer) => _channelsOf.TryGetValue(customer, out var c) ? c : [];

    /// <summary>Distinct customers <paramref name="channel"/> accessed (|A_c|).</summary>
    public int Accessed(int channel) => _accessed.GetValueOrDefault(channel, 1);

    /// <summary>The channel a canary customer was shown to, or -1.</summary>
    public int CanaryOf(int customer) => _canaryOf.GetValueOrDefault(customer, -1);

    private static Dictionary<int, int[]> Invert(IReadOnlyList<IReadOnlyCollection<int>> accesses)
    {
        var lists = new Dictionary<int, List<int>>();
        for (var c = 0; c < accesses.Count; c++)
        {
            foreach (var customer in accesses[c])
            {
                if (!lists.TryGetValue(customer, out var list))
                {
                    lists[customer] = list = [];
                }

                list.Add(c);
            }
        }

        return lists.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray());
    }
}
