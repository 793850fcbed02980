using Microsoft.Extensions.Logging.Console;

namespace KubeMesos.Dashboard.Configuration;

/// <summary>
/// Structured logs: with <c>Logging:Console:FormatterName=json</c> every line is one JSON object, and by default it
/// carries its scopes (the scheduler's <c>Pod</c>, <c>Task</c>, <c>Offer</c>, <c>Agent</c>; a request's path and id)
/// and a UTC timestamp. <c>Logging:Console:FormatterOptions:*</c> still decides when set. The plain formatter is left
/// as it is (scopes there are extra lines).
/// </summary>
public static class DashboardLogging
{
    private const string FormatterOptions = "Logging:Console:FormatterOptions";

    public static IServiceCollection AddDashboardLogging(this IServiceCollection services)
    {
        services.AddOptions<JsonConsoleFormatterOptions>().Configure<IConfiguration>((options, configuration) =>
        {
            var configured = configuration.GetSection(FormatterOptions);
            if (configured[nameof(options.IncludeScopes)] is null)
            {
                options.IncludeScopes = true;
            }

            if (configured[nameof(options.TimestampFormat)] is null)
            {
                options.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
            }

            if (configured[nameof(options.UseUtcTimestamp)] is null)
            {
                options.UseUtcTimestamp = true;
            }
        });
        return services;
    }
}
