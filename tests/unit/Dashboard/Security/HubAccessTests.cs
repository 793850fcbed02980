using System.Net;
using KubeMesos.Dashboard.Hubs;
using KubeMesos.Dashboard.Security;
using KubeMesos.Shared.Contracts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KubeMesos.Tests.Unit.Dashboard.Security;

/// <summary>
/// The cluster hub with authentication on, with the real SignalR client: connecting needs a token, a viewer streams,
/// a connection's streams are bounded, another site's origin is refused, and a hub method that is not marked read-only
/// needs an operator.
/// </summary>
public sealed class HubAccessTests(HubAccessTests.TwoStreamsHost host) : IClassFixture<HubAccessTests.TwoStreamsHost>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Connect_NoToken_Refused()
    {
        await using var connection = Connection(host.Url + ClusterHub.Path, null);

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => connection.StartAsync(Ct));

        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
    }

    [Fact]
    public async Task Viewer_Streams_UpToTheLimit_ThenRefused()
    {
        await using var connection = Connection(host.Url + ClusterHub.Path, SecuredAppHost.ViewerToken);
        await connection.StartAsync(Ct);

        await using var first = connection.StreamAsync<ClusterChange>(nameof(ClusterHub.StreamChanges), Ct).GetAsyncEnumerator(Ct);
        await using var second = connection.StreamAsync<ClusterChange>(nameof(ClusterHub.StreamChanges), Ct).GetAsyncEnumerator(Ct);
        Assert.True(await first.MoveNextAsync());
        Assert.IsType<Resynced>(first.Current);
        Assert.True(await second.MoveNextAsync());

        await using var third = connection.StreamAsync<ClusterChange>(nameof(ClusterHub.StreamChanges), Ct).GetAsyncEnumerator(Ct);
        var refused = await Assert.ThrowsAsync<HubException>(async () => await third.MoveNextAsync());
        Assert.Contains("too many streams", refused.Message);
    }

    [Theory]
    [InlineData(SecuredAppHost.ViewerToken, HttpStatusCode.OK)]
    [InlineData("not-a-token", HttpStatusCode.Unauthorized)]
    public async Task Negotiate_AccessTokenQuery_AsBrowsersSendIt(string token, HttpStatusCode expected)
    {
        // Browsers cannot put headers on WebSockets or EventSource: the JavaScript client sends ?access_token= there.
        using var http = host.Client();
        using var response = await http.PostAsync($"{ClusterHub.Path}/negotiate?negotiateVersion=1&access_token={Uri.EscapeDataString(token)}", null, Ct);

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task AccessTokenQuery_OutsideTheHubs_NotAToken()
    {
        using var http = host.Client();
        using var response = await http.GetAsync($"/api/v1/pods?access_token={Uri.EscapeDataString(SecuredAppHost.ViewerToken)}", Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("http://evil.example", HttpStatusCode.Forbidden)]
    [InlineData(null, HttpStatusCode.OK)]
    public async Task Negotiate_Origin_OnlyOwnOrAllowed(string? origin, HttpStatusCode expected)
    {
        using var http = host.Client(SecuredAppHost.ViewerToken);
        var request = new HttpRequestMessage(HttpMethod.Post, ClusterHub.Path + "/negotiate?negotiateVersion=1");
        request.Headers.Add("Origin", origin ?? host.Url);

        using var response = await http.SendAsync(request, Ct);

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task HubMethod_NotReadOnly_ViewerRefused_OperatorAllowed()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(Options.Create(new AuthOptions { Tokens = [new() { Name = "v", Token = SecuredAppHost.ViewerToken, Role = "viewer" }, new() { Name = "o", Token = SecuredAppHost.OperatorToken, Role = "operator" }] }));
        builder.Services.AddSingleton<SignInTokens>();
        builder.Services.AddAuthentication(ApiTokenAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiTokenAuthenticationHandler>(ApiTokenAuthenticationHandler.SchemeName, null);
        builder.Services.AddAuthorization();
        builder.Services.AddSignalR(o => o.EnableDetailedErrors = false).AddHubOptions<WritingHub>(o => o.AddFilter<ClusterHubAccessFilter>());
        await using var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapHub<WritingHub>("/hub");
        await app.StartAsync(Ct);

        await using var viewer = Connection(app.Urls.First() + "/hub", SecuredAppHost.ViewerToken);
        await using var @operator = Connection(app.Urls.First() + "/hub", SecuredAppHost.OperatorToken);
        await viewer.StartAsync(Ct);
        await @operator.StartAsync(Ct);

        Assert.Equal("read", await viewer.InvokeAsync<string>(nameof(WritingHub.Read), Ct));
        var refused = await Assert.ThrowsAsync<HubException>(() => viewer.InvokeAsync<string>(nameof(WritingHub.Change), Ct));
        Assert.Contains("forbidden", refused.Message);
        Assert.Equal("changed", await @operator.InvokeAsync<string>(nameof(WritingHub.Change), Ct));
    }

    private static HubConnection Connection(string url, string? token) => new HubConnectionBuilder()
        .WithUrl(url, options =>
        {
            if (token is not null)
            {
                options.AccessTokenProvider = () => Task.FromResult<string?>(token);
            }
        })
        .AddJsonProtocol(options => ClusterHubJson.Configure(options.PayloadSerializerOptions))
        .Build();

    public sealed class TwoStreamsHost : SecuredAppHost
    {
        protected override string[] Extra => ["--ClusterHub:MaxStreamsPerConnection=2"];
    }

    private sealed class WritingHub : Hub
    {
        [ReadOnlyHubMethod]
        public string Read() => "read";

        public string Change() => "changed";
    }
}
