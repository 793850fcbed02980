namespace KubeMesos.Dashboard.Model;

/// <summary>A fixed-capacity buffer that overwrites its oldest item when full. Not thread-safe.</summary>
public sealed class RingBuffer<T>
{
    private readonly T[] _items;
    private int _start;

    public RingBuffer(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _items = new T[capacity];
    }

    public int Capacity => _items.Length;

    public int Count { get; private set; }

    public void Add(T item)
    {
        if (Count < _items.Length)
        {
            _items[(_start + Count) % _items.Length] = item;
            Count++;
        }
        else
        {
            _items[_start] = item;
            _start = (_start + 1) % _items.Length;
        }
    }

    /// <summary>The newest item; the buffer must not be empty.</summary>
    public T Last => Count == 0 ? throw new InvalidOperationException("The buffer is empty.") : _items[(_start + Count - 1) % _items.Length];

    /// <summary>Replaces the newest item.</summary>
    public void ReplaceLast(T item)
    {
        if (Count == 0)
        {
            throw new InvalidOperationException("The buffer is empty.");
        }

        _items[(_start + Count - 1) % _items.Length] = item;
    }

    /// <summary>A copy, oldest first.</summary>
    public T[] ToArray()
    {
        var copy = new T[Count];
        for (var i = 0; i < Count; i++)
        {
            copy[i] = _items[(_start + i) % _items.Length];
        }

        return copy;
    }
}
