using k8s.Models;
using KubeMesos.Framework.Events;
using KubeMesos.Framework.Scheduling;
using KubeMesos.Framework.Store;
using KubeMesos.Shared.Contracts;
using KubeMesos.Shared.Validation;
using Microsoft.Extensions.Options;

namespace KubeMesos.Framework.Pods;

/// <summary>Stores new pods and hands them to the scheduler loop, which owns everything after that.</summary>
public sealed class PodService(
    IPodStore store,
    SchedulerInbox inbox,
    ClusterFeed feed,
    IOptions<SchedulerOptions> options,
    TimeProvider timeProvider) : IPodService
{
    public const string DefaultNamespace = "default";

    public Task<V1Pod> CreateAsync(V1Pod pod, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pod);
        pod.Metadata ??= new V1ObjectMeta();
        pod.Metadata.NamespaceProperty = string.IsNullOrEmpty(pod.Metadata.NamespaceProperty) ? DefaultNamespace : pod.Metadata.NamespaceProperty;
        var errors = PodValidator.Validate(pod);
        if (errors.Count > 0)
        {
            throw new ObjectValidationException("Pod", pod.Metadata.Name ?? string.Empty, errors);
        }

        pod.ApiVersion = "v1";
        pod.Kind = "Pod";
        pod.Metadata.Uid = Guid.NewGuid().ToString();
        pod.Metadata.CreationTimestamp = timeProvider.GetUtcNow().UtcDateTime;
        pod.Metadata.ResourceVersion = "1";
        pod.Spec.NodeName = null;
        pod.Status = new V1PodStatus
        {
            Phase = PodPhases.Pending,
            Conditions = [new V1PodCondition { Type = "PodScheduled", Status = "False", Reason = "Pending", Message = "waiting for an offer" }],
        };
        if (!store.TryAdd(pod))
        {
            throw new PodAlreadyExistsException(pod.Metadata.NamespaceProperty, pod.Metadata.Name);
        }

        var key = InMemoryPodStore.KeyOf(pod);
        feed.Publish(new PodUpdated(PodViews.From(pod, options.Value)));
        inbox.Post(new PodSubmitted(key));
        return Task.FromResult(pod);
    }

    public Task<bool> DeleteAsync(string @namespace, string name, CancellationToken cancellationToken = default)
    {
        var key = $"{@namespace}/{name}";
        if (store.Get(key) is null)
        {
            return Task.FromResult(false);
        }

        inbox.Post(new PodDeletionRequested(key));
        return Task.FromResult(true);
    }

    public V1Pod? Get(string @namespace, string name) => store.Get($"{@namespace}/{name}");

    public IReadOnlyList<V1Pod> List() => store.List();
}
