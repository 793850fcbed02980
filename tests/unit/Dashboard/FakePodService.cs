using System.Collections.Concurrent;
using k8s.Models;
using KubeMesos.Framework.Pods;
using KubeMesos.Shared.Validation;

namespace KubeMesos.Tests.Unit.Dashboard;

/// <summary>Records created pods; can be told to refuse the next create with a given exception.</summary>
public sealed class FakePodService : IPodService
{
    private readonly ConcurrentDictionary<string, V1Pod> _pods = new();

    public List<V1Pod> Created { get; } = [];

    public Exception? NextError { get; set; }

    public Task<V1Pod> CreateAsync(V1Pod pod, CancellationToken cancellationToken = default)
    {
        if (NextError is { } error)
        {
            NextError = null;
            return Task.FromException<V1Pod>(error);
        }

        var key = $"{pod.Metadata.NamespaceProperty}/{pod.Metadata.Name}";
        if (!_pods.TryAdd(key, pod))
        {
            return Task.FromException<V1Pod>(new PodAlreadyExistsException(pod.Metadata.NamespaceProperty, pod.Metadata.Name));
        }

        Created.Add(pod);
        return Task.FromResult(pod);
    }

    public Task<bool> DeleteAsync(string @namespace, string name, CancellationToken cancellationToken = default) =>
        Task.FromResult(_pods.TryRemove($"{@namespace}/{name}", out _));

    public Task<V1Pod?> GetAsync(string @namespace, string name, CancellationToken cancellationToken = default) =>
        Task.FromResult(_pods.GetValueOrDefault($"{@namespace}/{name}"));

    public Task<IReadOnlyList<V1Pod>> ListAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<V1Pod>>([.. _pods.Values]);

    public static ObjectValidationException Invalid(string field, string message) =>
        new("Pod", "x", [new FieldError(field, message)]);
}
