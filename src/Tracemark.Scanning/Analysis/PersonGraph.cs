using Tracemark.Scanning.Detection;

namespace Tracemark.Scanning.Analysis;

/// <summary>
/// Distinct persons across every input of a scan: union–find over identifier keys (resident IDs and mobiles). A
/// record's person slot joins all its keys; two slots sharing a key are one person. Slots with personal data but no
/// key are a person each. Memory is one index slot (12 bytes at 40–80 % load), one parent and one category mask
/// (6 bytes) per distinct key: 21–36 bytes, whatever the number of records. Each node carries the legal categories of the records it
/// appeared in; a person's categories are the union over its component.
/// </summary>
internal sealed class PersonGraph
{
    private readonly LongIndex _nodes = new();
    private readonly ChunkedArray<int> _parent = new();
    private readonly ChunkedArray<Category> _categories = new();
    private readonly Dictionary<Category, long> _keylessByCategory = [];

    /// <summary>Distinct keys (resident IDs and mobiles).</summary>
    public int Keys => _nodes.Count;

    /// <summary>Persons without a resident ID or mobile.</summary>
    public long Keyless { get; private set; }

    /// <summary>The node of a key, created when new.</summary>
    public int Node(long key)
    {
        var before = _nodes.Count;
        var node = _nodes.GetOrAdd(key);
        if (node < before)
        {
            return node;
        }

        _parent.Ensure(node);
        _categories.Ensure(node);
        _parent[node] = node;
        _categories[node] = Category.None;
        return node;
    }

    /// <summary>Brings the index slot of <paramref name="key"/> into the cache ahead of <see cref="Node"/>.</summary>
    public void Prefetch(long key) => _nodes.Prefetch(key);

    public void Union(int a, int b)
    {
        var ra = Find(a);
        var rb = Find(b);
        if (ra == rb)
        {
            return;
        }

        // Smaller index becomes the root: deterministic, and with path halving trees stay shallow.
        if (rb < ra)
        {
            (ra, rb) = (rb, ra);
        }

        _parent[rb] = ra;
        _categories[ra] |= _categories[rb];
    }

    public void AddCategory(int node, Category category)
    {
        var root = Find(node);
        _categories[root] |= category;
    }

    public void AddKeyless(Category category)
    {
        Keyless++;
        _keylessByCategory[category] = _keylessByCategory.GetValueOrDefault(category) + 1;
    }

    /// <summary>Distinct persons: components of the key graph plus keyless slots.</summary>
    public long Persons()
    {
        long roots = 0;
        for (var i = 0; i < _nodes.Count; i++)
        {
            if (_parent[i] == i)
            {
                roots++;
            }
        }

        return roots + Keyless;
    }

    /// <summary>Persons by the set of categories their records carry.</summary>
    public Dictionary<Category, long> CategoryCounts()
    {
        var counts = new Dictionary<Category, long>(_keylessByCategory);
        for (var i = 0; i < _nodes.Count; i++)
        {
            if (_parent[i] == i)
            {
                counts[_categories[i]] = counts.GetValueOrDefault(_categories[i]) + 1;
            }
        }

        return counts;
    }

    /// <summary>Persons without a key, by the categories of their record.</summary>
    public IReadOnlyDictionary<Category, long> KeylessByCategory => _keylessByCategory;

    /// <summary>Every key with its node.</summary>
    public IEnumerable<(long Key, int Node)> Entries() => _nodes.Entries();

    /// <summary>The root of a node's component.</summary>
    public int Root(int node) => Find(node);

    /// <summary>The categories of a component, by its root.</summary>
    public Category CategoriesOf(int root) => _categories[root];

    /// <summary>Every key, for demographics from resident IDs.</summary>
    public IEnumerable<long> AllKeys() => _nodes.Entries().Select(e => e.Key);

    private int Find(int x)
    {
        while (_parent[x] != x)
        {
            _parent[x] = _parent[_parent[x]];
            x = _parent[x];
        }

        return x;
    }
}
