using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace Orchestrator.Specs.Values;

/// <summary>
/// An immutable map of settings sorted by key (ordinal), the order canonical JSON writes them in. Arrays with binary
/// search: cells are created by the thousand, and each holds one.
/// </summary>
public sealed class SettingMap : IReadOnlyDictionary<string, SettingValue>
{
    private readonly string[] _keys;
    private readonly SettingValue[] _values;

    private SettingMap(string[] keys, SettingValue[] values)
    {
        _keys = keys;
        _values = values;
    }

    public static SettingMap Empty { get; } = new([], []);

    public static SettingMap From(IEnumerable<KeyValuePair<string, SettingValue>> settings)
    {
        var sorted = settings.OrderBy(s => s.Key, StringComparer.Ordinal).ToArray();
        for (var i = 1; i < sorted.Length; i++)
        {
            if (sorted[i].Key == sorted[i - 1].Key)
            {
                throw new ArgumentException($"duplicate setting '{sorted[i].Key}'", nameof(settings));
            }
        }

        return new(sorted.Select(s => s.Key).ToArray(), sorted.Select(s => s.Value).ToArray());
    }

    /// <summary>A copy with the given values replacing (or adding) entries.</summary>
    public SettingMap With(IEnumerable<KeyValuePair<string, SettingValue>> replacements)
    {
        var values = (SettingValue[])_values.Clone();
        List<KeyValuePair<string, SettingValue>>? added = null;
        foreach (var (key, value) in replacements)
        {
            var index = Array.BinarySearch(_keys, key, StringComparer.Ordinal);
            if (index >= 0)
            {
                values[index] = value;
            }
            else
            {
                (added ??= []).Add(new(key, value));
            }
        }

        var map = new SettingMap(_keys, values);
        return added is null ? map : From(map.Concat(added));
    }

    public SettingValue this[string key] =>
        TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"no setting '{key}'");

    public IEnumerable<string> Keys => _keys;

    public IEnumerable<SettingValue> Values => _values;

    public int Count => _keys.Length;

    public bool ContainsKey(string key) => Array.BinarySearch(_keys, key, StringComparer.Ordinal) >= 0;

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out SettingValue value)
    {
        var index = Array.BinarySearch(_keys, key, StringComparer.Ordinal);
        value = index >= 0 ? _values[index] : null;
        return index >= 0;
    }

    public IEnumerator<KeyValuePair<string, SettingValue>> GetEnumerator()
    {
        for (var i = 0; i < _keys.Length; i++)
        {
            yield return new(_keys[i], _values[i]);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
