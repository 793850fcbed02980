using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Google.Protobuf;
using KubeMesos.Shared.Mesos;
using Mesos.V1;
using Mesos.V1.Scheduler;

namespace KubeMesos.Tests.Unit.Mesos;

/// <summary>The master's own JSON dialect (<c>NAME.mesos.json</c>, MESOS-V1-FACTS §1) against our writer and readers.</summary>
public sealed class MesosDialectVectorTests
{
    public static TheoryData<string> AllVectors => new(Vectors.Names);

    [Fact]
    public void VectorCopy_MatchesManifest()
    {
        var rows = File.ReadAllLines(Path.Combine(Vectors.Directory, "MANIFEST.tsv")).Where(l => l.Length > 0).Select(l => l.Split('\t')).ToList();

        Assert.Equal(26, rows.Count); // 23 .bin, 3 streams
        foreach (var row in rows)
        {
            var bytes = Vectors.Bytes(row[0]);
            Assert.Equal(long.Parse(row[1], System.Globalization.CultureInfo.InvariantCulture), bytes.LongLength);
            Assert.Equal(row[2], Convert.ToHexStringLower(SHA256.HashData(bytes)));
        }
    }

    [Theory]
    [MemberData(nameof(AllVectors))]
    public void Writer_WithoutDefaults_WritesExactlyTheMasterDialect(string name)
    {
        var message = Vectors.ParserFor(name).ParseFrom(Vectors.Bin(name));

        var written = JsonNode.Parse(MesosJsonWriter.Format(message, spellDefaults: false));

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(Vectors.Text(name + ".mesos.json")), written), $"{name}: {written}");
    }

    [Theory]
    [MemberData(nameof(AllVectors))]
    public void MasterDialect_ParsesEqualToBin_WithAndWithoutSpelledDefaults(string name)
    {
        var bin = Vectors.Bin(name);
        var parser = Vectors.ParserFor(name);
        var descriptor = parser.ParseFrom(bin).Descriptor;

        // Both readers (the master's strict-names one and the framework's lenient one) take numbers for 64-bit fields.
        var viaDialect = name.StartsWith("call-", StringComparison.Ordinal)
            ? (IMessage)MesosJsonDialect.Parse<Call>(Vectors.Text(name + ".mesos.json"))
            : MesosJsonDialect.Parse<Event>(Vectors.Text(name + ".mesos.json"));
        var viaLenient = MesosMediaTypes.JsonReader.Parse(Vectors.Text(name + ".mesos.json"), descriptor);
        var spelled = MesosMediaTypes.JsonReader.Parse(MesosJsonWriter.Format(parser.ParseFrom(bin)), descriptor);

        Assert.Equal(bin, viaDialect.ToByteArray());
        Assert.Equal(bin, viaLenient.ToByteArray());

        // Spelled-out defaults come back as present fields with the default value: same meaning, not the same bytes.
        Assert.Equal(MesosJsonWriter.Format(parser.ParseFrom(bin)), MesosJsonWriter.Format(spelled));
    }

    [Fact]
    public void Writer_SpellsOutExplicitDefaults_AsAMasterDoes()
    {
        var decline = new Call { Type = Call.Types.Type.Decline, Decline = new() { Filters = new Filters() } };
        var launch = Vectors.CallVector("call-accept-launch");

        var declineJson = JsonNode.Parse(MesosJsonWriter.Format(decline))!;
        var command = JsonNode.Parse(MesosJsonWriter.Format(launch))!["accept"]!["operations"]![0]!["launch"]!["task_infos"]![0]!["command"]!;

        Assert.Equal(5, declineJson["decline"]!["filters"]!["refuse_seconds"]!.GetValue<double>());
        Assert.True(command["shell"]!.GetValue<bool>());

        // Deprecated fields with a default (Resource.role "*") are not spelled out.
        var resource = JsonNode.Parse(MesosJsonWriter.Format(launch))!["accept"]!["operations"]![0]!["launch"]!["task_infos"]![0]!["resources"]![0]!;
        Assert.Null(resource["role"]);
    }

    [Fact]
    public void Writer_Writes64BitIntegersAsNumbers()
    {
        var json = JsonNode.Parse(MesosJsonWriter.Format(Vectors.EventVector("event-offers")))!;
        var range = json["offers"]!["offers"]![0]!["resources"]![3]!["ranges"]!["range"]![0]!;

        Assert.Equal(System.Text.Json.JsonValueKind.Number, range["begin"]!.GetValueKind());
        Assert.Equal(31000, range["begin"]!.GetValue<long>());
    }

    [Fact]
    public void MesosStream_IsTheFourEventsInTheMasterDialect_OneRecordEach()
    {
        var bytes = Vectors.Bytes("subscribe-stream.mesos.json.recordio");
        string[] names = ["event-subscribed", "event-offers", "event-heartbeat", "event-update-running"];
        var offset = 0;
        foreach (var name in names)
        {
            var newline = Array.IndexOf(bytes, (byte)'\n', offset);
            var length = int.Parse(Encoding.ASCII.GetString(bytes, offset, newline - offset), System.Globalization.CultureInfo.InvariantCulture);
            var record = Encoding.UTF8.GetString(bytes, newline + 1, length);
            offset = newline + 1 + length;

            Assert.True(JsonNode.DeepEquals(JsonNode.Parse(record), JsonNode.Parse(MesosJsonWriter.Format(Vectors.EventVector(name), spellDefaults: false))), name);
        }

        Assert.Equal(bytes.Length, offset);
    }
}
