using Bunit;
using k8s.Models;
using KubeMesos.Dashboard.Components.Pages;
using KubeMesos.Dashboard.Model;
using KubeMesos.Framework.Store;
using Microsoft.Extensions.DependencyInjection;

namespace KubeMesos.Tests.Unit.Dashboard;

public sealed class EventsPageTests : DashboardTestContext
{
    private readonly InMemoryObjectStore _store = new();

    public EventsPageTests() => Services.AddSingleton<IObjectStore>(_ => _store);

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    private static Corev1Event Event(string name, string reason, string type, string pod, string message, int minute) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "default" },
        InvolvedObject = new V1ObjectReference { Kind = "Pod", Name = pod, NamespaceProperty = "default" },
        Reason = reason,
        Type = type,
        Message = message,
        Count = 1,
        LastTimestamp = DateTime.UnixEpoch.AddMinutes(minute),
        Source = new V1EventSource { Component = "kubemesos-scheduler" },
    };

    [Fact]
    public async Task Events_ExistingThenLive_NewestFirst()
    {
        await _store.CreateAsync(Event("e1", "Scheduled", "Normal", "web-1", "Successfully assigned default/web-1 to agent-0", 1), Ct);
        var page = Render<Events>();
        page.WaitForAssertion(() => Assert.Contains("Successfully assigned default/web-1", page.Markup));

        await _store.CreateAsync(Event("e2", "FailedScheduling", "Warning", "huge", "0/5 agents fit: 5 insufficient cpus", 2), Ct);

        page.WaitForAssertion(() =>
        {
            var rows = page.FindAll("tbody tr");
            Assert.Equal(2, rows.Count);
            Assert.Contains("FailedScheduling", rows[0].TextContent);
            Assert.Contains("pod/huge", rows[0].TextContent);
        });
    }

    [Fact]
    public void Matches_Filter_ObjectReasonOrMessageCaseInsensitive()
    {
        var scheduled = EventRow.From(Event("a", "Scheduled", "Normal", "web-1", "assigned to agent-0", 1));
        var lost = EventRow.From(Event("b", "NodeLost", "Warning", "db-0", "Agent S3 was lost", 2));

        Assert.True(EventsModel.Matches(lost, "lost"));
        Assert.False(EventsModel.Matches(scheduled, "lost"));
        Assert.True(EventsModel.Matches(scheduled, "WEB-1"));
        Assert.True(EventsModel.Matches(scheduled, "agent-0"));
        Assert.True(EventsModel.Matches(lost, " "));
        Assert.Equal("pod/db-0", lost.Object);
        Assert.True(lost.IsWarning);
    }
}
