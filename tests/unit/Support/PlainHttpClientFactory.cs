namespace KubeMesos.Tests.Unit.Support;

/// <summary>Plain HttpClients for code that asks a factory (no handlers: the tests talk to loopback masters).</summary>
internal sealed class PlainHttpClientFactory : IHttpClientFactory
{
    public HttpClient CreateClient(string name) => new() { Timeout = TimeSpan.FromSeconds(30) };
}
