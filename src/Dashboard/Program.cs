using KubeMesos.Dashboard.Configuration;

var app = MasterApplication.IsMasterCommand(args)
    ? MasterApplication.Build(args[1..])
    : DashboardApplication.Build(args);
await app.RunAsync();

public partial class Program;
