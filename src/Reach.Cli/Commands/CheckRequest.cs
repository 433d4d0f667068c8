using Reach.Checking;
using Reach.Targets;

namespace Reach.Cli.Commands;

/// <summary>The targets and settings a <c>reach check</c> command line asks for, validated.</summary>
/// <param name="IsList">True when several targets were asked for (several arguments or -i): the output is a list.</param>
internal sealed record CheckRequest(IReadOnlyList<TargetSpec> Targets, TimeSpan Timeout, AddressFamilyFilter Family, bool IsList);
