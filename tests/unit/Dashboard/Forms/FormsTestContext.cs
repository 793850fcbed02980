using k8s.Models;
using KubeMesos.Dashboard.Api;
using KubeMesos.Dashboard.Configuration;
using KubeMesos.Dashboard.Model;
using KubeMesos.Framework.Scheduling;
using KubeMesos.Framework.Scheduling.Insight;
using KubeMesos.Framework.Store;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace KubeMesos.Tests.Unit.Dashboard.Forms;

/// <summary>
/// The forms' bUnit context: the real write path (<see cref="ClusterWriter"/> over the API's handlers) on an
/// in-memory store that holds the <c>default</c> and <c>shop</c> namespaces, so a test asserts what was stored.
/// </summary>
public abstract class FormsTestContext : DashboardTestContext
{
    protected FormsTestContext()
    {
        // The base context registers the store, the API context and the writer; the forms add the importer.
        Services.AddSingleton<ManifestImporter>();
        Services.AddDashboardForms();
        Store.CreateAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "shop" } }, Ct).GetAwaiter().GetResult();
        // The fit line asks the scheduler loop through the base context's inbox; nobody reads it unless a test answers
        // (AnswerFits).
    }

    /// <summary>The dry runs the forms asked for, in order.</summary>
    protected System.Collections.Concurrent.ConcurrentQueue<FitPods> FitQuestions { get; } = new();

    /// <summary>Stands in for the scheduler loop's fit answers: <paramref name="answer"/> gets the replica count.</summary>
    protected void AnswerFits(Func<int, FitResult> answer) => _ = Task.Run(async () =>
    {
        // Bounded: the stand-in must not outlive the test run, whatever the test's token does.
        using var lifetime = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        lifetime.CancelAfter(TimeSpan.FromMinutes(2));
        await foreach (var message in Inbox.Reader.ReadAllAsync(lifetime.Token))
        {
            if (message is FitPods fit)
            {
                FitQuestions.Enqueue(fit);
                fit.Reply.TrySetResult(answer(fit.Replicas));
            }
        }
    }, Ct);

    protected async Task<IReadOnlyList<T>> StoredAsync<T>()
        where T : class, k8s.IKubernetesObject<V1ObjectMeta> =>
        (await Store.ListAsync<T>(new StoreListOptions(), Ct)).Items;
}
