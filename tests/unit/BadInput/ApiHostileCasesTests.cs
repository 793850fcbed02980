using System.Net;
using System.Text;
using k8s.Models;
using KubeMesos.Tests.Unit.Dashboard.Api;

namespace KubeMesos.Tests.Unit.BadInput;

/// <summary>Hand-written hostile bodies that a random generator rarely hits.</summary>
public sealed class ApiHostileCasesTests(ClusterApiHost host) : IClassFixture<ClusterApiHost>, IDisposable
{
    private readonly ApiClient _api = new(host.Url);

    public void Dispose() => _api.Dispose();

    private Task<ApiAnswer> PostAsync(string body, string contentType = "application/json") =>
        _api.SendAsync(HttpMethod.Post, "/api/v1/namespaces/default/pods", Encoding.UTF8.GetBytes(body), contentType);

    [Fact]
    public async Task YamlAliasBomb_RefusedAt400_Quickly()
    {
        var yaml = new StringBuilder("apiVersion: v1\nkind: Pod\nmetadata:\n  name: bomb\nspec:\n  containers:\n  - name: main\n    image: busybox\n    args: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (var i = 1; i < 40; i++)
        {
            yaml.Append($"    env{i}: &a{i} [*a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}]\n");
        }

        var answer = await PostAsync(yaml.ToString(), "application/yaml");

        var status = answer.AssertStatus(HttpStatusCode.BadRequest);
        Assert.Contains("aliases", status["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Null(await host.Store.GetAsync<V1Pod>("default", "bomb", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task DeepYaml_RefusedAt400()
    {
        var answer = await PostAsync("metadata: " + new string('[', 100_000), "application/yaml");

        answer.AssertStatus(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task LoneSurrogate_RefusedAt400()
    {
        var answer = await PostAsync("""{"metadata":{"name":"lone","annotations":{"a":"\ud800"}},"spec":{"containers":[{"name":"main","image":"busybox"}]}}""");

        answer.AssertStatus(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task NullContainer_Is422_NullLabelValueIsEmpty()
    {
        var nullContainer = await PostAsync("""{"metadata":{"name":"null-container"},"spec":{"containers":[null]}}""");
        var nullLabel = await PostAsync("""{"metadata":{"name":"null-label","labels":{"app":null}},"spec":{"containers":[{"name":"main","image":"busybox"}]}}""");

        nullContainer.AssertStatus((HttpStatusCode)422);
        Assert.Equal(HttpStatusCode.Created, nullLabel.Code);
        var stored = await host.Store.GetAsync<V1Pod>("default", "null-label", TestContext.Current.CancellationToken);
        Assert.Equal("", stored!.Metadata.Labels["app"]);
    }

    [Fact]
    public async Task UnknownFieldStrict_400AsTheApiServerWordsIt_AndBadDirective400()
    {
        const string pod = """{"metadata":{"name":"strict"},"spec":{"foo":1,"containers":[{"name":"main","image":"busybox"}]}}""";
        var strict = await _api.SendAsync(HttpMethod.Post, "/api/v1/namespaces/default/pods?fieldValidation=Strict", Encoding.UTF8.GetBytes(pod), "application/json");
        var bogus = await _api.SendAsync(HttpMethod.Post, "/api/v1/namespaces/default/pods?fieldValidation=Loose", Encoding.UTF8.GetBytes(pod), "application/json");

        var status = strict.AssertStatus(HttpStatusCode.BadRequest);
        Assert.Equal("BadRequest", status["reason"]!.GetValue<string>());
        Assert.Equal("strict decoding error: unknown field \"spec.foo\"", status["message"]!.GetValue<string>());
        bogus.AssertStatus(HttpStatusCode.BadRequest);
        Assert.Null(await host.Store.GetAsync<V1Pod>("default", "strict", TestContext.Current.CancellationToken));
    }
}
