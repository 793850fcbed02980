namespace KubeMesos.Framework.RemoteApi;

/// <summary>
/// Configuration section <c>Kubernetes</c>: the scheduler's name, and (optionally) a real Kubernetes control plane to
/// schedule for instead of our own store (<c>Kubernetes:ApiServer</c>). Validated at start by
/// <see cref="KubernetesOptionsValidator"/>.
/// </summary>
public sealed class KubernetesOptions
{
    public const string Section = "Kubernetes";

    public const string DefaultSchedulerName = "kubemesos";

    /// <summary>
    /// <c>Kubernetes:SchedulerName</c>: the pods this framework schedules are those whose <c>spec.schedulerName</c> is
    /// this (or empty); our API defaults a new pod's <c>schedulerName</c> to it, as kube-apiserver defaults
    /// <c>default-scheduler</c>.
    /// </summary>
    public string SchedulerName { get; set; } = DefaultSchedulerName;

    /// <summary><c>Kubernetes:ApiServer</c>: the control plane whose pods we schedule; unset, the app is its own API server.</summary>
    public KubernetesApiServerOptions ApiServer { get; set; } = new();
}

/// <summary>
/// <c>Kubernetes:ApiServer</c>: either a kubeconfig (<c>Kubernetes:ApiServer=/path/kubeconfig</c>, the same as
/// <c>Kubernetes:ApiServer:Kubeconfig</c>, with an optional <c>:Context</c>) or a URL with an optional bearer token
/// (<c>Kubernetes:ApiServer:Url</c>, <c>:Token</c>, <c>:CaCertificatePath</c>).
/// </summary>
public sealed class KubernetesApiServerOptions
{
    /// <summary>A kubeconfig file; its current context (or <see cref="Context"/>) names the server and credentials.</summary>
    public string? Kubeconfig { get; set; }

    /// <summary>The kubeconfig context to use instead of its current one.</summary>
    public string? Context { get; set; }

    /// <summary>The API server's URL (<c>https://host:6443</c>), when no kubeconfig is given.</summary>
    public string? Url { get; set; }

    /// <summary>A bearer token for <see cref="Url"/> (a service account's, with rights on pods, pods/binding, pods/status, events).</summary>
    public string? Token { get; set; }

    /// <summary>A PEM CA certificate to trust for an <c>https</c> <see cref="Url"/>, besides the system's.</summary>
    public string? CaCertificatePath { get; set; }

    /// <summary>Whether an API server is configured (then the framework schedules for it and our controllers stand down).</summary>
    public bool IsConfigured => !string.IsNullOrWhiteSpace(Kubeconfig) || !string.IsNullOrWhiteSpace(Url);
}
