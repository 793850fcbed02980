namespace KubeMesos.Tests.Unit.Mesos;

/// <summary>The IDs the vectors use.</summary>
internal static class Ids
{
    public const string Master = "5b1f6ab0-3f1e-4c8e-9d2a-7f3c2e1d0a9b";
    public const string Framework = Master + "-0000";
    public const string Agent0 = Master + "-S0";
    public const string Offer0 = Master + "-O0";
}
