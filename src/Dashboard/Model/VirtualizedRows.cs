namespace KubeMesos.Dashboard.Model;

/// <summary>Rows as Blazor's <c>Virtualize</c> takes them (an <see cref="ICollection{T}"/>).</summary>
public static class VirtualizedRows
{
    /// <summary>The list itself when it is a collection (the shared arrays and lists are), a copy otherwise.</summary>
    public static ICollection<T> Of<T>(IReadOnlyList<T> rows) => rows as ICollection<T> ?? [.. rows];
}
