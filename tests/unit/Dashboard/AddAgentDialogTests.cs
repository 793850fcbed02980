using Bunit;
using KubeMesos.Dashboard.Components.Dialogs;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Xunit;

namespace KubeMesos.Tests.Unit.Dashboard;

public sealed class AddAgentDialogTests : DashboardTestContext
{
    [Fact]
    public async Task Submit_ZeroCpus_ErrorUnderTheField()
    {
        var provider = Render<MudDialogProvider>();
        var dialogs = Services.GetRequiredService<IDialogService>();
        await provider.InvokeAsync(() => dialogs.ShowAsync<AddAgentDialog>("Add agent"));
        provider.WaitForAssertion(() => Assert.NotNull(provider.Find("[role=dialog]")));

        var inputs = provider.FindAll("[role=dialog] input");
        inputs[0].Input("ok.local");
        provider.FindAll("[role=dialog] input")[1].Input("0");
        await provider.InvokeAsync(() => provider.FindAll("[role=dialog] button").Single(b => b.TextContent.Trim() == "Add agent").Click());

        provider.WaitForAssertion(() => Assert.Contains("must be greater than 0", provider.Markup));
        Assert.DoesNotContain("Required value", provider.Markup);
    }
}
