using KubeMesos.Dashboard.Configuration;

if (HealthProbeCommand.IsCommand(args))
{
    return await HealthProbeCommand.RunAsync(args[1..], Console.Out);
}

var app = MasterApplication.IsMasterCommand(args)
    ? MasterApplication.Build(args[1..])
    : DashboardApplication.Build(args);
await app.RunAsync();
return 0;

public partial class Program;
