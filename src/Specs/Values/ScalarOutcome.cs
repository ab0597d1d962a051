namespace Orchestrator.Specs.Values;

/// <summary>The result of reading one scalar: a value, or a message saying what is wrong (without the field path).</summary>
public readonly record struct ScalarOutcome(SettingValue? Value, string? Error)
{
    public static ScalarOutcome Ok(SettingValue value) => new(value, null);

    public static ScalarOutcome Fail(string error) => new(null, error);
}
