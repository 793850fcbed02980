using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KubeMesos.Framework.RemoteApi;

/// <summary>Says at start which API server the framework schedules for and what of ours stands down, once.</summary>
internal sealed partial class ApiServerModeAnnouncer(IOptions<KubernetesOptions> options, ILogger<ApiServerModeAnnouncer> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var server = options.Value.ApiServer;
        LogMode(server.Url ?? $"kubeconfig {server.Kubeconfig}", options.Value.SchedulerName);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Scheduling for the Kubernetes API server at {Server}: pods with spec.schedulerName={SchedulerName} are bound through pods/binding; our replication, endpoints, node and event-retention controllers stand down (the API server's controllers run)")]
    private partial void LogMode(string server, string schedulerName);
}
