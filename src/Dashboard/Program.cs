using KubeMesos.Framework;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddKubeMesosFramework(builder.Configuration);
var app = builder.Build();
app.Run();

public partial class Program;
