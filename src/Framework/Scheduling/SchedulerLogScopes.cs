using Microsoft.Extensions.Logging;

namespace KubeMesos.Framework.Scheduling;

/// <summary>
/// Log scopes of the scheduler paths, as key/value pairs (<c>Pod</c>, <c>Task</c>, <c>Offer</c>, <c>Agent</c>) that a
/// structured formatter writes with every line logged inside them, by any component (JSON console output:
/// <c>Logging:Console:FormatterName=json</c>). Cheap when nobody listens: no scope is made unless the scheduler's
/// category logs warnings (everything logged inside these scopes is a warning or below).
/// </summary>
internal static class SchedulerLogScopes
{
    private static readonly Func<ILogger, string, string, IDisposable?> s_pod =
        LoggerMessage.DefineScope<string, string>("Pod {Pod} on agent {Agent}");

    private static readonly Func<ILogger, string, string, IDisposable?> s_task =
        LoggerMessage.DefineScope<string, string>("Task {Task} on agent {Agent}");

    private static readonly Func<ILogger, string, string, IDisposable?> s_offers =
        LoggerMessage.DefineScope<string, string>("Offer {Offer} of agent {Agent}");

    private static readonly Func<ILogger, string, IDisposable?> s_agent =
        LoggerMessage.DefineScope<string>("Agent {Agent}");

    private static readonly Func<ILogger, string, IDisposable?> s_podOnly =
        LoggerMessage.DefineScope<string>("Pod {Pod}");

    public static IDisposable? Pod(ILogger logger, string pod, string agent) => Enabled(logger) ? s_pod(logger, pod, agent) : null;

    public static IDisposable? Pod(ILogger logger, string pod) => Enabled(logger) ? s_podOnly(logger, pod) : null;

    public static IDisposable? Task(ILogger logger, string task, string? agent) => Enabled(logger) ? s_task(logger, task, agent ?? "") : null;

    /// <param name="offers">The offer ids, comma-separated when an ACCEPT takes several.</param>
    public static IDisposable? Offers(ILogger logger, string offers, string agent) => Enabled(logger) ? s_offers(logger, offers, agent) : null;

    public static IDisposable? Agent(ILogger logger, string agent) => Enabled(logger) ? s_agent(logger, agent) : null;

    private static bool Enabled(ILogger logger) => logger.IsEnabled(LogLevel.Warning);
}
