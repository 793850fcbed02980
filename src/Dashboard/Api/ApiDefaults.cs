using k8s.Models;

namespace KubeMesos.Dashboard.Api;

/// <summary>
/// The defaults kube-apiserver fills in on every create and update (kubernetes/kubernetes
/// <c>pkg/apis/core/v1/defaults.go</c> and the declarative <c>+default</c> markers of <c>k8s.io/api/core/v1</c>), so
/// that kubectl, the client libraries and the dashboard read back what a real cluster would store: a container port's
/// <c>protocol</c> (kubectl prints <c>80/TCP</c>, not <c>80/</c>), a pod's restart, DNS and termination settings, a
/// service's type and session affinity. Idempotent: a field already set is never changed. The scheduler name is ours
/// (<c>Kubernetes:SchedulerName</c>), since this API's pods are scheduled by this framework.
/// </summary>
internal static class ApiDefaults
{
    public const string TerminationMessagePath = "/dev/termination-log";

    public static void Pod(V1Pod pod, string schedulerName)
    {
        pod.Spec ??= new V1PodSpec();
        PodSpec(pod.Spec, schedulerName);
    }

    public static void ReplicationController(V1ReplicationController rc, string schedulerName)
    {
        rc.Spec ??= new V1ReplicationControllerSpec();
        rc.Spec.Replicas ??= 1;
        if (rc.Spec.Template?.Metadata?.Labels is { Count: > 0 } labels)
        {
            if (rc.Spec.Selector is not { Count: > 0 })
            {
                rc.Spec.Selector = new Dictionary<string, string>(labels);
            }

            if (rc.Metadata.Labels is not { Count: > 0 })
            {
                rc.Metadata.Labels = new Dictionary<string, string>(labels);
            }
        }

        if (rc.Spec.Template?.Spec is { } spec)
        {
            PodSpec(spec, schedulerName);
        }
    }

    public static void Service(V1Service service)
    {
        service.Spec ??= new V1ServiceSpec();
        var spec = service.Spec;
        spec.Type = string.IsNullOrEmpty(spec.Type) ? "ClusterIP" : spec.Type;
        spec.SessionAffinity = string.IsNullOrEmpty(spec.SessionAffinity) ? "None" : spec.SessionAffinity;
        if (spec.SessionAffinity == "None")
        {
            spec.SessionAffinityConfig = null;
        }
        else if (spec.SessionAffinity == "ClientIP" && spec.SessionAffinityConfig?.ClientIP?.TimeoutSeconds is null)
        {
            spec.SessionAffinityConfig = new V1SessionAffinityConfig { ClientIP = new V1ClientIPConfig { TimeoutSeconds = 10800 } };
        }

        foreach (var port in spec.Ports ?? [])
        {
            port.Protocol = string.IsNullOrEmpty(port.Protocol) ? "TCP" : port.Protocol;
            if (port.TargetPort is null || port.TargetPort.Value is null or "" or "0")
            {
                port.TargetPort = port.Port;
            }
        }

        if (spec.Type is "NodePort" or "LoadBalancer" && string.IsNullOrEmpty(spec.ExternalTrafficPolicy))
        {
            spec.ExternalTrafficPolicy = "Cluster";
        }

        if (spec.Type is "ClusterIP" or "NodePort" or "LoadBalancer" && string.IsNullOrEmpty(spec.InternalTrafficPolicy))
        {
            spec.InternalTrafficPolicy = "Cluster";
        }
    }

    public static void PodSpec(V1PodSpec spec, string schedulerName)
    {
        spec.RestartPolicy = string.IsNullOrEmpty(spec.RestartPolicy) ? "Always" : spec.RestartPolicy;
        spec.DnsPolicy = string.IsNullOrEmpty(spec.DnsPolicy) ? "ClusterFirst" : spec.DnsPolicy;
        spec.TerminationGracePeriodSeconds ??= 30;
        spec.SchedulerName = string.IsNullOrEmpty(spec.SchedulerName) ? schedulerName : spec.SchedulerName;
        foreach (var container in (spec.InitContainers ?? []).Concat(spec.Containers ?? []))
        {
            Container(container);
        }
    }

    public static void Container(V1Container container)
    {
        if (string.IsNullOrEmpty(container.ImagePullPolicy))
        {
            container.ImagePullPolicy = TagOf(container.Image) == "latest" ? "Always" : "IfNotPresent";
        }

        container.TerminationMessagePath = string.IsNullOrEmpty(container.TerminationMessagePath) ? TerminationMessagePath : container.TerminationMessagePath;
        container.TerminationMessagePolicy = string.IsNullOrEmpty(container.TerminationMessagePolicy) ? "File" : container.TerminationMessagePolicy;
        foreach (var port in container.Ports ?? [])
        {
            port.Protocol = string.IsNullOrEmpty(port.Protocol) ? "TCP" : port.Protocol;
        }

        foreach (var probe in new[] { container.LivenessProbe, container.ReadinessProbe, container.StartupProbe })
        {
            if (probe is not null)
            {
                Probe(probe);
            }
        }
    }

    /// <summary>
    /// The image's tag as Kubernetes' <c>parsers.ParseImageName</c> reads it: <c>latest</c> when the reference names
    /// neither a tag nor a digest, empty when it names only a digest (<c>name@sha256:…</c> pulls IfNotPresent).
    /// </summary>
    public static string TagOf(string? image)
    {
        if (string.IsNullOrEmpty(image))
        {
            return "latest";
        }

        var at = image.IndexOf('@', StringComparison.Ordinal);
        var name = at >= 0 ? image[..at] : image;
        var lastSlash = name.LastIndexOf('/');
        var colon = name.IndexOf(':', lastSlash + 1); // a colon before the last slash is a registry's port
        if (colon >= 0)
        {
            return name[(colon + 1)..];
        }

        return at >= 0 ? "" : "latest";
    }

    private static void Probe(V1Probe probe)
    {
        probe.TimeoutSeconds = probe.TimeoutSeconds is null or 0 ? 1 : probe.TimeoutSeconds;
        probe.PeriodSeconds = probe.PeriodSeconds is null or 0 ? 10 : probe.PeriodSeconds;
        probe.SuccessThreshold = probe.SuccessThreshold is null or 0 ? 1 : probe.SuccessThreshold;
        probe.FailureThreshold = probe.FailureThreshold is null or 0 ? 3 : probe.FailureThreshold;
        if (probe.HttpGet is { } get)
        {
            get.Path = string.IsNullOrEmpty(get.Path) ? "/" : get.Path;
            get.Scheme = string.IsNullOrEmpty(get.Scheme) ? "HTTP" : get.Scheme;
        }
    }
}
