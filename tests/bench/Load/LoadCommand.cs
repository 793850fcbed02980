using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using k8s;
using KubeMesos.Bench.Micro;

namespace KubeMesos.Bench.Load;

/// <summary>
/// <c>load --url URL [--pods N] [--concurrency C]</c>: creates the scenario's burst pods through the Kubernetes API of
/// an app running in another process, then waits until none is left outside Running. The memory of the server alone
/// can then be measured from outside (dotnet-counters, dotnet-gcdump) without a client in the same process. The app
/// must be started with <c>--Auth:Mode=Unsecured --RateLimit:Enabled=false</c> (measure-server-memory.sh does): the
/// burst writes far faster than the default write limit, and sends no token.
/// </summary>
public static class LoadCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        string? url = null;
        int pods = 10_000, concurrency = 16;
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--url": url = Next(); break;
                case "--pods": pods = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--concurrency": concurrency = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                default: throw new ArgumentException($"unknown option {args[i]}");
            }
        }

        using var http = new HttpClient { BaseAddress = new Uri(url ?? throw new ArgumentException("--url is required")), Timeout = TimeSpan.FromMinutes(2) };
        var started = Stopwatch.GetTimestamp();
        await Parallel.ForEachAsync(Enumerable.Range(0, pods), new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (i, ct) =>
        {
            var pod = Fixtures.Pod(i);
            pod.Metadata.Name = $"burst-{i:D5}";
            using var content = new StringContent(KubernetesJson.Serialize(pod), Encoding.UTF8, "application/json");
            using var response = await http.PostAsync(new Uri("/api/v1/namespaces/default/pods", UriKind.Relative), content, ct).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"create {pod.Metadata.Name}: {(int)response.StatusCode}");
            }
        }).ConfigureAwait(false);
        Console.WriteLine($"created {pods} pods in {Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s");

        while (true)
        {
            var notRunning = await CountAsync(http, "status.phase!=Running").ConfigureAwait(false);
            if (notRunning == 0)
            {
                break;
            }

            Console.Error.WriteLine($"{notRunning} pods not Running yet");
            await Task.Delay(TimeSpan.FromSeconds(2)).ConfigureAwait(false);
        }

        Console.WriteLine($"all {pods} Running {Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s after the first create");
        return 0;
    }

    private static async Task<int> CountAsync(HttpClient http, string fieldSelector)
    {
        using var stream = await http.GetStreamAsync(new Uri($"/api/v1/namespaces/default/pods?fieldSelector={Uri.EscapeDataString(fieldSelector)}", UriKind.Relative)).ConfigureAwait(false);
        using var list = await JsonDocument.ParseAsync(stream).ConfigureAwait(false);
        return list.RootElement.GetProperty("items").GetArrayLength();
    }
}
