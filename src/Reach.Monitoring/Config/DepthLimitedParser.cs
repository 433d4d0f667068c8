using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Reach.Monitoring.Config;

/// <summary>
/// The YAML parser's events, refused past <see cref="MaxDepth"/> nested lists and mappings. YamlDotNet builds its node
/// tree by recursion, one level of the call stack per level of nesting, so <c>{a: {a: …}}</c> or <c>[[[…]]]</c> 50,000
/// deep overflowed the stack and killed the process (SIGSEGV: no exception to catch), also on a reload. The parser
/// itself is a loop, so counting its events here stops such a file before the recursion goes deep. It also remembers
/// where each open collection began, to name an unclosed <c>[</c> or <c>{</c> when the scanner gives up.
/// </summary>
internal sealed class DepthLimitedParser(IParser inner, YamlNodeReader reader) : IParser
{
    /// <summary>reach.yaml needs five levels (alerts, an alert, email, to, an address); 64 is far more, and far from the stack's end.</summary>
    public const int MaxDepth = 64;

    private readonly Stack<(Mark Start, bool Flow, bool List)> open = new();

    public ParsingEvent? Current => inner.Current;

    /// <summary>The innermost <c>[…]</c> or <c>{…}</c> still open: where a flow collection began, and which kind.</summary>
    public (Mark Start, bool List)? OpenFlowCollection =>
        open.FirstOrDefault(c => c.Flow) is { Flow: true } found ? (found.Start, found.List) : null;

    public bool MoveNext()
    {
        if (!inner.MoveNext())
        {
            return false;
        }

        switch (inner.Current)
        {
            case SequenceStart sequence:
                Enter(sequence.Start, sequence.Style == YamlDotNet.Core.Events.SequenceStyle.Flow, list: true);
                break;
            case MappingStart mapping:
                Enter(mapping.Start, mapping.Style == YamlDotNet.Core.Events.MappingStyle.Flow, list: false);
                break;
            case SequenceEnd or MappingEnd when open.Count > 0:
                open.Pop();
                break;
        }

        return true;
    }

    private void Enter(Mark start, bool flow, bool list)
    {
        if (open.Count == MaxDepth)
        {
            throw new ConfigException($"{reader.File}:{start.Line}:{start.Column}: malformed YAML: nested deeper than {MaxDepth} levels of lists and mappings");
        }

        open.Push((start, flow, list));
    }
}
