using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CsCheck;
using k8s;
using k8s.Models;
using KubeMesos.Framework.Store;
using KubeMesos.Tests.Unit.Dashboard.Api;
using KubeMesos.Tests.Unit.Support;

namespace KubeMesos.Tests.Unit.BadInput;

/// <summary>
/// Generated hostile requests against the Kubernetes-compatible API over real HTTP: mutated JSON and YAML bodies,
/// wrong types, deep and huge bodies, hostile names, labels and annotations, unknown and duplicate fields under each
/// <c>fieldValidation</c>. Every answer is a success or a Kubernetes Status (never a 5xx), the API keeps serving,
/// and the objects stored before the barrage keep byte-for-byte equal specs.
/// </summary>
public sealed partial class ApiBadInputProperties(ClusterApiHost host) : IClassFixture<ClusterApiHost>, IDisposable
{
    private const ulong Seed = 0x11_BAD_1;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private readonly ApiClient _api = new(host.Url);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _api.Dispose();

    [Fact]
    public async Task MutatedBodies_AnswerAStatus_StoreUnchanged_SurvivorsIntact()
    {
        var survivors = await Survivors.CreateAsync(host, "mut");
        var before = await StoredNamesAsync();

        await Fuzz.RunAsync("api-mutated-bodies", MutatedRequest(survivors.Names), async c =>
        {
            var answer = await _api.SendAsync(c.Method, c.Path, c.Body, c.ContentType);
            if (c.MustRefuse)
            {
                answer.AssertStatus(HttpStatusCode.BadRequest, HttpStatusCode.RequestEntityTooLarge, HttpStatusCode.UnsupportedMediaType, (HttpStatusCode)422);
            }
            else if (!answer.IsSuccess)
            {
                answer.AssertStatus(HttpStatusCode.BadRequest, HttpStatusCode.NotFound, HttpStatusCode.Conflict, HttpStatusCode.RequestEntityTooLarge, HttpStatusCode.UnsupportedMediaType, (HttpStatusCode)422);
            }
            else
            {
                Assert.Equal(c.Method == HttpMethod.Post ? HttpStatusCode.Created : HttpStatusCode.OK, answer.Code);
                Assert.NotNull(JsonNode.Parse(answer.Body)?["metadata"]);
            }
        }, count: 3500, Seed, print: c => c.ToString(), afterBatch: () => survivors.AssertIntactAsync(_api));

        await survivors.AssertIntactAsync(_api);
        Assert.Equal(before, await StoredNamesAsync());
    }

    [Fact]
    public async Task HostileMetadata_RefusedOnItsField_OrStoredExactly()
    {
        var survivors = await Survivors.CreateAsync(host, "meta");
        await Fuzz.RunAsync("api-hostile-metadata", HostileService, async c =>
        {
            var json = KubernetesJson.Serialize(c.Service);
            var answer = await _api.SendAsync(HttpMethod.Post, "/api/v1/namespaces/default/services", Encoding.UTF8.GetBytes(json), "application/json");
            var invalid = c.InvalidFields();
            if (invalid.Count == 0)
            {
                Assert.True(answer.Code == HttpStatusCode.Created, $"a valid service was answered {(int)answer.Code}: {answer.Body}");
                var stored = await host.Store.GetAsync<V1Service>("default", c.Service.Metadata.Name, Ct);
                Assert.NotNull(stored);
                Assert.Equal(c.Service.Metadata.Labels ?? new Dictionary<string, string>(), stored.Metadata.Labels ?? new Dictionary<string, string>());
                Assert.Equal(c.Service.Metadata.Annotations ?? new Dictionary<string, string>(), stored.Metadata.Annotations ?? new Dictionary<string, string>());
                var read = await _api.SendAsync(HttpMethod.Get, $"/api/v1/namespaces/default/services/{Uri.EscapeDataString(c.Service.Metadata.Name)}", null, null);
                var readBack = KubernetesJson.Deserialize<V1Service>(read.Body);
                Assert.Equal(c.Service.Metadata.Annotations ?? new Dictionary<string, string>(), readBack.Metadata.Annotations ?? new Dictionary<string, string>());
                await host.Store.DeleteAsync<V1Service>("default", c.Service.Metadata.Name, null, Ct);
            }
            else
            {
                var status = answer.AssertStatus((HttpStatusCode)422);
                var fields = status["details"]!["causes"]!.AsArray().Select(x => x!["field"]!.GetValue<string>()).ToHashSet();
                Assert.True(invalid.IsSubsetOf(fields), $"expected causes on {string.Join(", ", invalid)}, got {string.Join(", ", fields)}");
                if (c.Service.Metadata.Name is { Length: > 0 } refused && !refused.Contains('/'))
                {
                    Assert.Null(await host.Store.GetAsync<V1Service>("default", refused, Ct));
                }
            }
        }, count: 1500, Seed + 1, print: c => KubernetesJson.Serialize(c.Service), afterBatch: () => survivors.AssertIntactAsync(_api));
    }

    [Fact]
    public async Task UnknownFields_StrictRefused_WarnWarned_IgnoreAccepted()
    {
        var survivors = await Survivors.CreateAsync(host, "unk");
        await Fuzz.RunAsync("api-unknown-fields", UnknownFieldRequest(survivors.Names), async c =>
        {
            var answer = await _api.SendAsync(c.Method, c.Path, c.Body, c.ContentType);
            var expected = $"unknown field \"{c.Field}\"";
            switch (c.Directive)
            {
                case "Strict":
                    var status = answer.AssertStatus(HttpStatusCode.BadRequest);
                    Assert.Equal("BadRequest", status["reason"]!.GetValue<string>());
                    Assert.StartsWith("strict decoding error: ", status["message"]!.GetValue<string>(), StringComparison.Ordinal);
                    Assert.Contains(expected, status["message"]!.GetValue<string>(), StringComparison.Ordinal);
                    break;
                case "Ignore":
                    Assert.True(answer.IsSuccess, $"{(int)answer.Code}: {answer.Body}");
                    Assert.Empty(answer.Warnings);
                    break;
                default:
                    Assert.True(answer.IsSuccess, $"{(int)answer.Code}: {answer.Body}");
                    Assert.Contains(answer.Warnings, w => w.StartsWith("299 - \"", StringComparison.Ordinal) && w.Contains(Escaped(expected), StringComparison.Ordinal));
                    break;
            }
        }, count: 1500, Seed + 2, print: c => c.ToString(), afterBatch: () => survivors.AssertIntactAsync(_api));
    }

    /// <summary>How the Warning header carries a text: quoted, ASCII, control and non-ASCII characters as \uXXXX.</summary>
    private static string Escaped(string text)
    {
        var builder = new StringBuilder();
        foreach (var ch in text)
        {
            builder.Append(ch switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                < ' ' or > '~' => $"\\u{(int)ch:x4}",
                _ => ch.ToString(),
            });
        }

        return builder.ToString();
    }

    private async Task<string> StoredNamesAsync()
    {
        var services = (await host.Store.ListAsync<V1Service>(new StoreListOptions(), Ct)).Items.Select(s => "svc/" + s.Metadata.Name);
        var rcs = (await host.Store.ListAsync<V1ReplicationController>(new StoreListOptions(), Ct)).Items.Select(s => "rc/" + s.Metadata.Name);
        var pods = (await host.Store.ListAsync<V1Pod>(new StoreListOptions(), Ct)).Items.Where(p => p.Metadata.OwnerReferences is not { Count: > 0 }).Select(s => "pod/" + s.Metadata.Name);
        return string.Join(",", services.Concat(rcs).Concat(pods).Order(StringComparer.Ordinal));
    }

    // ---- generators ----

    private static readonly Gen<string> DnsLabel = Gen.String[Gen.Char["abcdefghijklmnopqrstuvwxyz0123456789"], 1, 12].Select(s => "fz-" + s);

    private static readonly Gen<Dictionary<string, string>> Annotations =
        Gen.Dictionary(Gen.OneOf(Gen.OneOf("note", "example.com/owner", "kubemesos.io/placement-strategy"), DnsLabel), HostileText.Wellformed)[0, 3];

    private static readonly Gen<V1Pod> Pod = Gen.Select(DnsLabel, Annotations, Gen.Int[0, 3], (name, annotations, ports) => new V1Pod
    {
        ApiVersion = "v1",
        Kind = "Pod",
        Metadata = new V1ObjectMeta { Name = name, Labels = new Dictionary<string, string> { ["app"] = "fz" }, Annotations = annotations },
        Spec = new V1PodSpec
        {
            Containers =
            [
                new V1Container
                {
                    Name = "main", Image = "busybox:1.36",
                    Ports = [.. Enumerable.Range(0, ports).Select(p => new V1ContainerPort { ContainerPort = 8080 + p })],
                    Resources = new V1ResourceRequirements { Requests = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("100m") } },
                },
            ],
        },
    });

    private static readonly Gen<object> AnyObject = Gen.OneOf(
        Pod.Select(p => (object)p),
        Gen.Select(DnsLabel, Annotations, (name, a) => (object)new V1Service
        {
            ApiVersion = "v1", Kind = "Service",
            Metadata = new V1ObjectMeta { Name = name, Annotations = a },
            Spec = new V1ServiceSpec { Selector = new Dictionary<string, string> { ["app"] = "fz" }, Ports = [new V1ServicePort { Port = 80 }] },
        }),
        Gen.Select(DnsLabel, Gen.Int[0, 2], (name, replicas) => (object)new V1ReplicationController
        {
            ApiVersion = "v1", Kind = "ReplicationController",
            Metadata = new V1ObjectMeta { Name = name },
            Spec = new V1ReplicationControllerSpec
            {
                Replicas = replicas,
                Selector = new Dictionary<string, string> { ["app"] = name },
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = name } },
                    Spec = new V1PodSpec { Containers = [new V1Container { Name = "main", Image = "busybox" }] },
                },
            },
        }));

    private static string Plural(object obj) => obj switch { V1Pod => "pods", V1Service => "services", _ => "replicationcontrollers" };

    private static readonly (string Path, JsonNode? Value)[] WrongTypes =
    [
        ("spec", 5), ("spec", "x"), ("spec", new JsonArray()), ("metadata", "x"), ("metadata", 1.5), ("metadata.name", 7),
        ("metadata.name", new JsonObject()), ("metadata.labels", new JsonArray(1)), ("metadata.labels", "app=web"), ("metadata.annotations", 3),
        ("spec.containers", "x"), ("spec.containers", new JsonObject()), ("spec.ports", 80), ("spec.replicas", "three"), ("spec.replicas", new JsonArray()),
        ("spec.selector", "app"), ("spec.template", true), ("metadata.creationTimestamp", "yesterday"), ("metadata.generation", "many"),
    ];

    private static readonly string[] BadContentTypes = ["text/plain", "application/xml", "image/png", "application/x-www-form-urlencoded", "(((", "application/json-patch+json", "multipart/form-data; boundary=x"];

    /// <summary>
    /// A request with a mutated body. Creates are dry runs (anything may be answered, nothing is stored); replaces and
    /// patches target the survivors and use only mutations that are always refused, so the survivors cannot change.
    /// </summary>
    private static Gen<ApiCase> MutatedRequest(IReadOnlyDictionary<string, string> survivors) =>
        Gen.Select(AnyObject, Gen.Int[0, 9], Gen.Int[0, 2], Gen.Int, Gen.Byte.Array[1, 40], Gen.Int[0, 4]).Select((obj, mutation, target, r, garbage, format) =>
        {
            var node = JsonNode.Parse(KubernetesJson.Serialize(obj))!.AsObject();
            var plural = Plural(obj);
            var method = target switch { 0 => HttpMethod.Post, 1 => HttpMethod.Put, _ => HttpMethod.Patch };
            var path = method == HttpMethod.Post
                ? $"/api/v1/namespaces/default/{plural}?dryRun=All"
                : $"/api/v1/namespaces/default/{plural}/{survivors[plural]}";
            var contentType = method == HttpMethod.Patch ? "application/strategic-merge-patch+json" : format == 0 ? "application/yaml" : "application/json";
            if (method != HttpMethod.Post)
            {
                node["metadata"]!["name"] = survivors[plural];
            }

            var random = new Random(r);
            var text = node.ToJsonString();
            string name;
            byte[] body;
            var mustRefuse = true;
            switch (mutation)
            {
                case 0:
                    var cut = random.Next(text.Length);
                    name = $"truncated at {cut}";
                    body = Encoding.UTF8.GetBytes(text[..cut]);
                    if (contentType == "application/yaml")
                    {
                        contentType = "application/json";
                    }

                    break;
                case 1:
                    var (wrongPath, wrongValue) = WrongTypes[random.Next(WrongTypes.Length)];
                    name = $"wrong type at {wrongPath}";
                    Set(node, wrongPath, wrongValue?.DeepClone());
                    body = Encoding.UTF8.GetBytes(node.ToJsonString());
                    mustRefuse = method != HttpMethod.Post && WrongTypeAlwaysRefused(plural, wrongPath);
                    break;
                case 2:
                    var depth = 65 + random.Next(3000);
                    name = $"nested {depth} deep";
                    body = Encoding.UTF8.GetBytes(text[..^1] + ",\"deep\":" + new string('[', depth) + new string(']', depth) + "}");
                    break;
                case 3:
                    name = "huge annotation";
                    body = Encoding.UTF8.GetBytes(text[..^1] + ",\"x\":\"" + new string('x', (int)ClusterApiHost.BodyLimit + 10) + "\"}");
                    break;
                case 4:
                    contentType = BadContentTypes[random.Next(BadContentTypes.Length)];
                    name = $"content type {contentType}";
                    body = Encoding.UTF8.GetBytes(text);
                    if (method == HttpMethod.Patch && contentType == "application/json-patch+json")
                    {
                        contentType = "text/plain";
                    }

                    break;
                case 5:
                    name = "duplicate field, strict";
                    body = Encoding.UTF8.GetBytes("{\"kind\":\"x\"," + text[1..]);
                    path += (path.Contains('?') ? "&" : "?") + "fieldValidation=Strict";
                    break;
                case 6:
                    name = "random bytes";
                    body = garbage;
                    mustRefuse = method != HttpMethod.Post;
                    if (mustRefuse && garbage.Length > 0 && garbage[0] == (byte)'{')
                    {
                        garbage[0] = (byte)'x';
                    }

                    break;
                case 7:
                    var at = random.Next(text.Length);
                    name = $"garbage inserted at {at}";
                    body = [.. Encoding.UTF8.GetBytes(text[..at]), .. garbage, .. Encoding.UTF8.GetBytes(text[at..])];
                    mustRefuse = false;
                    break;
                case 8:
                    var flip = Encoding.UTF8.GetBytes(text);
                    var position = random.Next(flip.Length);
                    flip[position] ^= (byte)(1 + random.Next(255));
                    name = $"byte {position} flipped";
                    body = flip;
                    mustRefuse = false;
                    break;
                default:
                    // Block YAML, cut anywhere: often still valid YAML, so anything may come back on a dry run.
                    var yaml = KubernetesYaml.Serialize(obj);
                    var yamlCut = random.Next(yaml.Length + 1);
                    name = $"YAML cut at {yamlCut}";
                    body = Encoding.UTF8.GetBytes(yaml[..yamlCut]);
                    contentType = "application/yaml";
                    mustRefuse = false;
                    break;
            }

            if (method != HttpMethod.Post && !mustRefuse)
            {
                // Only creates take mutations that might be valid: make this one a dry-run create instead.
                method = HttpMethod.Post;
                path = $"/api/v1/namespaces/default/{plural}?dryRun=All";
                if (contentType == "application/strategic-merge-patch+json")
                {
                    contentType = "application/json";
                }
            }

            return new ApiCase(method, path, contentType, body, name, mustRefuse);
        });

    private static bool WrongTypeAlwaysRefused(string plural, string path) => path switch
    {
        "spec.ports" or "spec.selector" => plural == "services",
        "spec.replicas" or "spec.template" => plural == "replicationcontrollers",
        "spec.containers" => plural == "pods",
        _ => true,
    };

    private static void Set(JsonObject root, string path, JsonNode? value)
    {
        var parts = path.Split('.');
        var current = root;
        foreach (var part in parts[..^1])
        {
            if (current[part] is not JsonObject next)
            {
                current[part] = next = new JsonObject();
            }

            current = next;
        }

        current[parts[^1]] = value;
    }

    private static readonly string[] ObjectPaths = ["", "metadata", "spec", "spec.containers[0]", "spec.containers[0].resources", "spec.containers[0].ports[0]", "spec.securityContext"];

    private static readonly Gen<string> UnknownKey = Gen.OneOf(
        Gen.String[Gen.Char["abcdefghijklmnopqrstuvwxyz"], 3, 10].Select(s => "zz" + s),
        HostileText.Wellformed.Where(s => s.Length > 0).Select(s => "zz" + s),
        Gen.OneOf("Name", "IMAGE", "apiversion", "metaData", "spec ", "containerport"));

    private static Gen<UnknownFieldCase> UnknownFieldRequest(IReadOnlyDictionary<string, string> survivors) =>
        Gen.Select(Pod, Gen.OneOf(ObjectPaths), UnknownKey, Gen.OneOf("Strict", "Warn", "Ignore", ""), Gen.Int[0, 3]).Select((pod, at, key, directive, form) =>
        {
            pod.Spec.Containers[0].Ports = [new V1ContainerPort { ContainerPort = 80 }];
            pod.Spec.SecurityContext = new V1PodSecurityContext { RunAsNonRoot = true };
            var node = JsonNode.Parse(KubernetesJson.Serialize(pod))!.AsObject();
            JsonNode target = node;
            foreach (var part in at.Split('.', StringSplitOptions.RemoveEmptyEntries))
            {
                target = part.EndsWith("[0]", StringComparison.Ordinal) ? target[part[..^3]]![0]! : target[part]!;
            }

            target.AsObject()[key] = form == 3 ? new JsonObject { ["inner"] = 1 } : "x";
            var field = at.Length == 0 ? key : $"{at}.{key}";
            var query = directive.Length == 0 ? "dryRun=All" : $"dryRun=All&fieldValidation={directive}";
            var (method, path, contentType, body) = form switch
            {
                1 => (HttpMethod.Post, $"/api/v1/namespaces/default/pods?{query}", "application/yaml", node.ToJsonString()),
                2 => (HttpMethod.Patch, $"/api/v1/namespaces/default/pods/{survivors["pods"]}?{query}", "application/merge-patch+json", PatchOf(at, key)),
                _ => (HttpMethod.Post, $"/api/v1/namespaces/default/pods?{query}", "application/json", node.ToJsonString()),
            };
            return new UnknownFieldCase(method, path, contentType, Encoding.UTF8.GetBytes(body), directive, form == 2 ? PatchField(at, key) : field);
        });

    /// <summary>A merge patch that adds an unknown field under metadata or spec (lists are replaced whole by a merge patch).</summary>
    private static string PatchOf(string at, string key) => at.StartsWith("spec", StringComparison.Ordinal)
        ? new JsonObject { ["spec"] = new JsonObject { [key] = "x" } }.ToJsonString()
        : new JsonObject { ["metadata"] = new JsonObject { [key] = "x" } }.ToJsonString();

    private static string PatchField(string at, string key) => at.StartsWith("spec", StringComparison.Ordinal) ? $"spec.{key}" : $"metadata.{key}";

    private static readonly Gen<string> MaybeHostile = Gen.OneOf(DnsLabel, HostileText.Wellformed, DnsLabel.Select(s => s + "\n"), DnsLabel.Select(s => s.ToUpperInvariant()));

    private static readonly Gen<HostileServiceCase> HostileService =
        Gen.Select(MaybeHostile, Gen.Dictionary(MaybeHostile, Gen.OneOf(Gen.OneOf("web", "", "v1.2"), HostileText.Wellformed))[0, 3], Gen.Dictionary(MaybeHostile, HostileText.Wellformed)[0, 3])
            .Select((name, labels, annotations) => new HostileServiceCase(new V1Service
            {
                ApiVersion = "v1", Kind = "Service",
                Metadata = new V1ObjectMeta { Name = name, Labels = labels, Annotations = annotations },
                Spec = new V1ServiceSpec { Ports = [new V1ServicePort { Port = 80 }] },
            }));

    internal sealed record ApiCase(HttpMethod Method, string Path, string ContentType, byte[] Body, string Mutation, bool MustRefuse)
    {
        public override string ToString() => $"{Method} {Path} [{ContentType}] {Mutation}: {Encoding.UTF8.GetString(Body, 0, Math.Min(Body.Length, 300))}";
    }

    internal sealed record UnknownFieldCase(HttpMethod Method, string Path, string ContentType, byte[] Body, string Directive, string Field)
    {
        public override string ToString() => $"{Method} {Path} [{ContentType}] field {Field}: {Encoding.UTF8.GetString(Body)}";
    }

    /// <summary>A service with possibly hostile metadata, and the fields the API server would refuse (by its own rules, written here anew).</summary>
    internal sealed partial record HostileServiceCase(V1Service Service)
    {
        [GeneratedRegex(@"\A[a-z0-9]([-a-z0-9]*[a-z0-9])?\z")]
        private static partial Regex Dns1123Label();

        [GeneratedRegex(@"\A[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\z")]
        private static partial Regex Dns1123Subdomain();

        [GeneratedRegex(@"\A([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]\z")]
        private static partial Regex NamePart();

        public HashSet<string> InvalidFields()
        {
            var fields = new HashSet<string>();
            var name = Service.Metadata.Name;
            if (name.Length > 63 || !Dns1123Label().IsMatch(name))
            {
                fields.Add("metadata.name");
            }

            if (Service.Metadata.Labels.Any(l => !QualifiedName(l.Key) || !(l.Value.Length == 0 || (l.Value.Length <= 63 && NamePart().IsMatch(l.Value)))))
            {
                fields.Add("metadata.labels");
            }

            if (Service.Metadata.Annotations.Keys.Any(k => !QualifiedName(k)))
            {
                fields.Add("metadata.annotations");
            }

            return fields;
        }

        private static bool QualifiedName(string key)
        {
            var parts = key.Split('/');
            return parts.Length switch
            {
                1 => parts[0].Length <= 63 && NamePart().IsMatch(parts[0]),
                2 => parts[0].Length is > 0 and <= 253 && Dns1123Subdomain().IsMatch(parts[0]) && parts[1].Length <= 63 && NamePart().IsMatch(parts[1]),
                _ => false,
            };
        }
    }
}
