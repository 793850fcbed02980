using KubeMesos.Dashboard.Configuration;

var app = DashboardApplication.Build(args);
await app.RunAsync();

public partial class Program;
