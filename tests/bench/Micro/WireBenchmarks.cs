using BenchmarkDotNet.Attributes;
using Google.Protobuf;
using Mesos.V1.Scheduler;

namespace KubeMesos.Bench.Micro;

/// <summary>Protobuf encode/decode of the two largest messages on the scheduler's wire.</summary>
[MemoryDiagnoser]
public class WireBenchmarks
{
    private Event _offers = null!;
    private Call _accept = null!;
    private byte[] _offersBytes = null!;
    private byte[] _acceptBytes = null!;

    [GlobalSetup]
    public void Setup()
    {
        _offers = Fixtures.OffersEvent(100);
        _accept = Fixtures.Accept(50);
        _offersBytes = _offers.ToByteArray();
        _acceptBytes = _accept.ToByteArray();
    }

    [Benchmark(Description = "OFFERS(100) encode")]
    public byte[] EncodeOffers() => _offers.ToByteArray();

    [Benchmark(Description = "OFFERS(100) decode")]
    public Event DecodeOffers() => Event.Parser.ParseFrom(_offersBytes);

    [Benchmark(Description = "ACCEPT(50 LAUNCH_GROUP) encode")]
    public byte[] EncodeAccept() => _accept.ToByteArray();

    [Benchmark(Description = "ACCEPT(50 LAUNCH_GROUP) decode")]
    public Call DecodeAccept() => Call.Parser.ParseFrom(_acceptBytes);

    /// <summary>Sizes, for the report.</summary>
    public (int Offers, int Accept) Sizes() => (_offersBytes.Length, _acceptBytes.Length);
}
