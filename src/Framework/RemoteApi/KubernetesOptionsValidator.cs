using KubeMesos.Shared.Validation;
using Microsoft.Extensions.Options;

namespace KubeMesos.Framework.RemoteApi;

/// <summary>Checks the <c>Kubernetes</c> section at start: a bad setting stops the app with a message naming its key.</summary>
internal sealed class KubernetesOptionsValidator : IValidateOptions<KubernetesOptions>
{
    public ValidateOptionsResult Validate(string? name, KubernetesOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.SchedulerName) || KubernetesNames.ValidateDns1123Subdomain(options.SchedulerName).Count > 0)
        {
            failures.Add($"Kubernetes:SchedulerName must be a DNS subdomain like kubemesos (got \"{options.SchedulerName}\").");
        }

        var server = options.ApiServer;
        var hasKubeconfig = !string.IsNullOrWhiteSpace(server.Kubeconfig);
        var hasUrl = !string.IsNullOrWhiteSpace(server.Url);
        if (hasKubeconfig && hasUrl)
        {
            failures.Add("Kubernetes:ApiServer is either a kubeconfig path (Kubernetes:ApiServer or Kubernetes:ApiServer:Kubeconfig) or Kubernetes:ApiServer:Url, not both.");
        }

        if (hasKubeconfig && !File.Exists(server.Kubeconfig))
        {
            failures.Add($"Kubernetes:ApiServer:Kubeconfig names no file (got \"{server.Kubeconfig}\").");
        }

        if (hasUrl && (!Uri.TryCreate(server.Url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")))
        {
            failures.Add($"Kubernetes:ApiServer:Url must be an http or https URL like https://host:6443 (got \"{server.Url}\").");
        }

        if (!hasUrl && (!string.IsNullOrEmpty(server.Token) || !string.IsNullOrEmpty(server.CaCertificatePath)))
        {
            failures.Add("Kubernetes:ApiServer:Token and :CaCertificatePath go with Kubernetes:ApiServer:Url (a kubeconfig carries its own credentials).");
        }

        if (!hasKubeconfig && !string.IsNullOrEmpty(server.Context))
        {
            failures.Add("Kubernetes:ApiServer:Context goes with a kubeconfig (Kubernetes:ApiServer=/path/kubeconfig).");
        }

        if (!string.IsNullOrEmpty(server.CaCertificatePath) && !File.Exists(server.CaCertificatePath))
        {
            failures.Add($"Kubernetes:ApiServer:CaCertificatePath names no file (got \"{server.CaCertificatePath}\").");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
