namespace Orchestrator.Telemetry.Tests;

public sealed class ProbeGrain([PersistentState("probe", MetricsHost.ProbeStorage)] IPersistentState<ProbeState> state)
    : Grain, IProbeGrain
{
    public async Task<int> IncrementAsync()
    {
        state.State.Count++;
        await state.WriteStateAsync();
        return state.State.Count;
    }
}
