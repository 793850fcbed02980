using KubeMesos.Dashboard.Configuration;

if (HealthProbeCommand.IsCommand(args))
{
    return await HealthProbeCommand.RunAsync(args[1..], Console.Out);
}

var app = MasterApplication.IsMasterCommand(args)
    ? MasterApplication.Build(args[1..])
    : DashboardApplication.Build(args);
await app.RunAsync();

// Main's value is the exit code: keep what the app set (a leader that lost its lease exits 1).
return Environment.ExitCode;

public partial class Program;
