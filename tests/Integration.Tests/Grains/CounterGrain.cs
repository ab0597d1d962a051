using Orchestrator.Integration.Tests.Infrastructure;
using Orleans.Runtime;

namespace Orchestrator.Integration.Tests.Grains;

public sealed class CounterGrain(
    [PersistentState("counter", TestSilo.StorageName)] IPersistentState<CounterState> state,
    ILocalSiloDetails silo) : Grain, ICounterGrain
{
    public async Task<int> Add(int delta)
    {
        state.State.Value += delta;
        await state.WriteStateAsync();
        return state.State.Value;
    }

    public Task<int> Get() => Task.FromResult(state.State.Value);

    public Task<string> Host() => Task.FromResult(silo.SiloAddress.ToString());
}
