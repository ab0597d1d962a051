using Orleans.Placement;

namespace Orchestrator.Grains.Placement;

/// <summary>Places a new activation on the compatible silo with the most free kernel slots.</summary>
[GenerateSerializer, Immutable]
public sealed class FreeSlotsPlacement : PlacementStrategy
{
    public static readonly FreeSlotsPlacement Instance = new();
}

/// <summary>Marks a grain class for <see cref="FreeSlotsPlacement"/>.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class FreeSlotsPlacementAttribute() : PlacementAttribute(FreeSlotsPlacement.Instance);
