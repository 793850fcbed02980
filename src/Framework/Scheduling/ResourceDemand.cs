namespace KubeMesos.Framework.Scheduling;

/// <summary>Scalar resources a pod (or an offer) has, in Mesos units: cpus, MB of memory, MB of disk.</summary>
public readonly record struct ResourceDemand(double Cpus, double MemMb, double DiskMb)
{
    // Mesos keeps scalars with three decimals (fixed point); compare with that tolerance.
    private const double Epsilon = 0.0005;

    public static ResourceDemand operator +(ResourceDemand a, ResourceDemand b) => new(a.Cpus + b.Cpus, a.MemMb + b.MemMb, a.DiskMb + b.DiskMb);

    public static ResourceDemand operator -(ResourceDemand a, ResourceDemand b) => new(a.Cpus - b.Cpus, a.MemMb - b.MemMb, a.DiskMb - b.DiskMb);

    public bool HasCpusFor(ResourceDemand need) => Cpus + Epsilon >= need.Cpus;

    public bool HasMemFor(ResourceDemand need) => MemMb + Epsilon >= need.MemMb;

    public bool HasDiskFor(ResourceDemand need) => DiskMb + Epsilon >= need.DiskMb;

    public bool Fits(ResourceDemand need) => HasCpusFor(need) && HasMemFor(need) && HasDiskFor(need);

    /// <summary>Rounded to Mesos' three decimals, as a master expects them.</summary>
    public static double Round(double value) => Math.Round(value, 3, MidpointRounding.AwayFromZero);
}
