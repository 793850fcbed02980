namespace KubeMesos.Framework.Mesos.Embedded;

/// <summary>An outstanding offer: all of one agent's unused resources for one role of one framework.</summary>
internal sealed record SimOffer(string Id, SimFramework Framework, SimAgent Agent, string Role, ResourceBag Resources);

/// <summary>A DECLINE filter (Mesos RefusedOfferFilter): blocks offers whose resources are a subset of what was refused.</summary>
internal sealed record RefusalFilter(ResourceBag Refused, DateTimeOffset Expires);
