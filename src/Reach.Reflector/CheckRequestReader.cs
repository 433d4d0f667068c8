using System.Text;
using System.Text.Json;
using Reach.External;

namespace Reach.Reflector;

/// <summary>
/// Reads a <c>POST /v1/check</c> body: <c>{"ports":[8080,22],"proto":"tcp"}</c>, into the wire contract's
/// <see cref="ReflectorCheckRequestWire"/> (distinct ports in the order asked, proto <c>tcp</c>). By hand rather than
/// through the JSON metadata: any other field, a repeated one or a bad port is refused with one sentence naming the bad
/// part, so nothing can name a target: the reflector probes the caller's own address and nothing else.
/// </summary>
internal static class CheckRequestReader
{
    public static bool TryRead(ReadOnlySpan<byte> body, int maxPorts, out ReflectorCheckRequestWire? request, out string? error)
    {
        request = null;
        try
        {
            error = Read(body, maxPorts, out request);
        }
        catch (JsonException ex)
        {
            error = $"the body is not valid JSON ({FirstSentence(ex.Message)})";
        }

        return error is null;
    }

    private static string? Read(ReadOnlySpan<byte> body, int maxPorts, out ReflectorCheckRequestWire? request)
    {
        request = null;
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow, MaxDepth = 4, AllowMultipleValues = true });
        if (!reader.Read())
        {
            return "the body is empty: send a JSON object like {\"ports\":[8080]}";
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return "the body must be a JSON object like {\"ports\":[8080]}";
        }

        List<int>? ports = null;
        var proto = "tcp";
        var seenProto = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString() ?? string.Empty;
            reader.Read();
            switch (name)
            {
                case "ports" when ports is null:
                    if (ReadPorts(ref reader, maxPorts, out ports) is { } portsError)
                    {
                        return portsError;
                    }

                    break;
                case "proto" when !seenProto:
                    seenProto = true;
                    if (reader.TokenType != JsonTokenType.String)
                    {
                        return "\"proto\" must be a string: \"tcp\"";
                    }

                    proto = reader.GetString()!;
                    if (!proto.Equals("tcp", StringComparison.OrdinalIgnoreCase))
                    {
                        return $"\"proto\": '{proto}' is not supported (only \"tcp\")";
                    }

                    proto = "tcp";
                    break;
                case "ports" or "proto":
                    return $"\"{name}\" is given twice";
                default:
                    // Refused rather than ignored: a field like "host" or "target" must never look accepted.
                    return $"unknown field \"{name}\" (only \"ports\" and \"proto\"; the reflector probes only your own address)";
            }
        }

        if (reader.TokenType != JsonTokenType.EndObject)
        {
            return "the body must be one JSON object";
        }

        if (reader.Read())
        {
            return "the body has something after the JSON object";
        }

        if (ports is null)
        {
            return "\"ports\" is missing: give the ports to check, like {\"ports\":[8080]}";
        }

        request = new ReflectorCheckRequestWire(ports, proto);
        return null;
    }

    private static string? ReadPorts(ref Utf8JsonReader reader, int maxPorts, out List<int>? ports)
    {
        ports = null;
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return "\"ports\" must be an array of port numbers, like [8080, 22]";
        }

        var list = new List<int>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt32(out var port))
            {
                return $"\"ports\": {Token(ref reader)} is not a port number (1-65535)";
            }

            if (port is < 1 or > 65535)
            {
                return $"\"ports\": {port} is not a port number (1-65535)";
            }

            if (!list.Contains(port))
            {
                list.Add(port);
            }

            if (list.Count > maxPorts)
            {
                return $"\"ports\": at most {maxPorts} ports per request";
            }
        }

        if (list.Count == 0)
        {
            return "\"ports\" is empty: give at least one port";
        }

        ports = list;
        return null;
    }

    private static string Token(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.String => $"\"{reader.GetString()}\"",
        JsonTokenType.Number => Encoding.UTF8.GetString(reader.ValueSpan),
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        _ => "a value",
    };

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return (end > 0 ? message[..end] : message).TrimEnd('.');
    }
}
