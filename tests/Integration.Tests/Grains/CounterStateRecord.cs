using System.Diagnostics.CodeAnalysis;

namespace Orchestrator.Integration.Tests.Grains;

/// <summary>What an activation holds of its stored state, for driving the storage provider by hand.</summary>
public sealed class CounterStateRecord : IGrainState<CounterState>
{
    private CounterState _state = new();

    [AllowNull]
    public CounterState State
    {
        get => _state;
        set => _state = value ?? new CounterState();
    }

    public string? ETag { get; set; }

    public bool RecordExists { get; set; }
}
