using System.Net;
using System.Text.Json;

namespace Reach.Lab.Tests.Cli;

/// <summary>Reading reach's JSON in assertions: a missing or mistyped property fails with the JSON shown.</summary>
public static class JsonAssert
{
    public static JsonElement Prop(this JsonElement element, string name)
    {
        Assert.True(
            element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out _),
            $"expected property \"{name}\" in {element.GetRawText()}");
        return element.GetProperty(name);
    }

    public static string? Text(this JsonElement element, string name)
    {
        var value = element.Prop(name);
        Assert.True(
            value.ValueKind is JsonValueKind.String or JsonValueKind.Null,
            $"expected \"{name}\" to be a string or null in {element.GetRawText()}");
        return value.ValueKind == JsonValueKind.Null ? null : value.GetString();
    }

    public static double Number(this JsonElement element, string name)
    {
        var value = element.Prop(name);
        Assert.True(value.ValueKind == JsonValueKind.Number, $"expected \"{name}\" to be a number in {element.GetRawText()}");
        return value.GetDouble();
    }

    public static int WholeNumber(this JsonElement element, string name)
    {
        var value = element.Prop(name);
        Assert.True(value.ValueKind == JsonValueKind.Number, $"expected \"{name}\" to be a number in {element.GetRawText()}");
        return value.GetInt32();
    }

    public static bool Flag(this JsonElement element, string name)
    {
        var value = element.Prop(name);
        Assert.True(
            value.ValueKind is JsonValueKind.True or JsonValueKind.False,
            $"expected \"{name}\" to be true or false in {element.GetRawText()}");
        return value.GetBoolean();
    }

    public static IReadOnlyList<JsonElement> Items(this JsonElement element, string name)
    {
        var value = element.Prop(name);
        Assert.True(value.ValueKind == JsonValueKind.Array, $"expected \"{name}\" to be an array in {element.GetRawText()}");
        return [.. value.EnumerateArray()];
    }

    /// <summary>The array, or empty when the property is missing or null.</summary>
    public static IReadOnlyList<JsonElement> ItemsOrEmpty(this JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object
        && element.TryGetProperty(name, out var value)
        && value.ValueKind == JsonValueKind.Array
            ? [.. value.EnumerateArray()]
            : [];

    /// <summary>An address property, parsed (so "fd00:5eac::2" and "fd00:5eac:0::2" are the same).</summary>
    public static IPAddress Address(this JsonElement element, string name)
    {
        var text = element.Text(name);
        Assert.True(IPAddress.TryParse(text, out var address), $"expected \"{name}\" to be an IP address in {element.GetRawText()}");
        return address;
    }

    /// <summary>The single target's only probe result.</summary>
    public static JsonElement SingleResult(this JsonElement target)
    {
        var results = target.Items("results");
        Assert.True(results.Count == 1, $"expected exactly one result in {target.GetRawText()}");
        return results[0];
    }
}
