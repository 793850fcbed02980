using System.Net.Http.Headers;
using Google.Protobuf;
using KubeMesos.Shared.Mesos;
using MasterCall = Mesos.V1.Master.Call;
using MasterResponse = Mesos.V1.Master.Response;

namespace KubeMesos.Framework.Mesos.Client;

/// <summary>
/// The v1 operator API of a Mesos master (<c>POST /api/v1</c>, protobuf): what nodes, logs and the frameworks panel
/// read. Uses the <c>mesos</c> HTTP client, so credentials and the custom CA apply; works against Apache Mesos and the
/// embedded master alike.
/// </summary>
public sealed class MasterOperatorClient(IHttpClientFactory httpClientFactory)
{
    /// <exception cref="HttpRequestException">the master is unreachable or refused the call.</exception>
    public async Task<MasterResponse> CallAsync(Uri master, MasterCall.Types.Type type, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(master);
        using var content = new ByteArrayContent(new MasterCall { Type = type }.ToByteArray());
        content.Headers.ContentType = new MediaTypeHeaderValue(MesosMediaTypes.Protobuf);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(master, "api/v1")) { Content = content };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(MesosMediaTypes.Protobuf));
        using var response = await httpClientFactory.CreateClient(MesosSchedulerClient.HttpClientName).SendAsync(request, ct).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        try
        {
            return MasterResponse.Parser.ParseFrom(await response.Content.ReadAsByteArrayAsync(ct).ConfigureAwait(false));
        }
        catch (InvalidProtocolBufferException ex)
        {
            throw new HttpRequestException($"{type} from {master}: the answer is not a mesos.v1.master.Response ({ex.Message})", ex);
        }
    }
}
