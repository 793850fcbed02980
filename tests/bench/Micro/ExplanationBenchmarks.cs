using BenchmarkDotNet.Attributes;
using KubeMesos.Framework.Offers;
using KubeMesos.Framework.Scheduling;
using KubeMesos.Framework.Scheduling.Insight;
using KubeMesos.Framework.Scheduling.Pipeline;
using KubeMesos.Shared.Contracts;

namespace KubeMesos.Bench.Micro;

/// <summary>
/// The cost of explaining a failed placement at scale: 1,000 known agents (half of them with an offer held, a third
/// matching the pod's selector), a pod that fits none of them now. <see cref="ExplainClass"/> is what one class costs
/// per placement pass (every pod of the class shares it); <see cref="RecordPendingPods"/> what a pass costs the
/// <see cref="ExplanationBook"/> for 10,000 pending pods in <see cref="Classes"/> classes (one explanation per class,
/// one entry per pod). The book's retained size is measured by <see cref="RetainedBytes"/> (the smoke run prints it).
/// </summary>
[MemoryDiagnoser]
public class ExplanationBenchmarks
{
    public const int PendingPods = 10_000;

    private readonly PlacementPipeline _pipeline = PlacementPipeline.Default();
    private AgentBook _book = null!;
    private List<AgentCandidate> _candidates = null!;
    private PodRequirements[] _classes = null!;
    private string[] _classKeys = null!;

    [Params(1000)]
    public int Agents { get; set; }

    [Params(1, 100)]
    public int Classes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        (_book, _candidates) = Cluster(Agents);
        _classes = [.. Enumerable.Range(0, Classes).Select(Pod)];
        _classKeys = [.. _classes.Select(_pipeline.FeasibilityClassOf)];
    }

    [Benchmark]
    public ClassExplanation ExplainClass() => PlacementExplainer.Explain(_pipeline, _classes[0], _candidates, _book, Fixtures.Now);

    [Benchmark]
    public ExplanationBook RecordPendingPods()
    {
        var book = new ExplanationBook();
        for (var c = 0; c < _classes.Length; c++)
        {
            book.ClassAttempted(_classKeys[c], PlacementExplainer.Explain(_pipeline, _classes[c], _candidates, _book, Fixtures.Now));
        }

        for (var i = 0; i < PendingPods; i++)
        {
            book.PodAttempted($"default/pending-{i:D5}", _classKeys[i % _classKeys.Length], Fixtures.Now);
        }

        return book;
    }

    /// <summary>Bytes the book of <see cref="RecordPendingPods"/> keeps alive after a full collection.</summary>
    public long RetainedBytes()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var book = RecordPendingPods();
        var after = GC.GetTotalMemory(forceFullCollection: true);
        GC.KeepAlive(book);
        return after - before;
    }

    /// <summary>Agents known from offers (the first half still offering), each running one of our pods.</summary>
    internal static (AgentBook Book, List<AgentCandidate> Candidates) Cluster(int agents)
    {
        var book = new AgentBook();
        var offers = new List<HeldOffer>();
        for (var i = 0; i < agents; i++)
        {
            var offer = Fixtures.Offer(i);
            var held = new HeldOffer(offer, i + 1, Fixtures.Now.AddSeconds(-30));
            book.OfferReceived(held, NodeLabels.For(offer.Hostname, new Dictionary<string, string> { ["zone"] = $"zone-{i % 3}" }));
            book.Launched(held.AgentId, offer.Hostname, $"default/running-{i:D5}", new ResourceDemand(0.2 * (i % 15), 64 * (i % 15), 10));
            if (i % 2 == 0)
            {
                offers.Add(held);
            }
            else
            {
                book.OfferGone(held, Fixtures.Now.AddSeconds(-10));
            }
        }

        var candidates = offers.Select(o => new AgentCandidate(o.AgentId, o.Offer.Hostname, book.Find(o.AgentId)!.NodeLabels, o.Total,
            PortRanges.FromOffer(o.Offer), book.Find(o.AgentId)!.Total, book.Find(o.AgentId)!.Used)).ToList();
        return (book, candidates);
    }

    /// <summary>Class <paramref name="c"/>: 5 cpus and more (bigger than any offer, 4 cpus), a zone selector, a host port.</summary>
    internal static PodRequirements Pod(int c)
    {
        var pod = Fixtures.Pod(c);
        pod.Spec.NodeSelector = new Dictionary<string, string> { [NodeLabels.Zone] = "zone-2" };
        pod.Spec.Containers[0].Resources.Requests["cpu"] = new k8s.Models.ResourceQuantity($"{5000 + c}m");
        pod.Spec.Containers[0].Ports = [new k8s.Models.V1ContainerPort { ContainerPort = 8080, HostPort = 31080 }];
        return PodRequirements.From(pod, new SchedulerOptions());
    }
}
