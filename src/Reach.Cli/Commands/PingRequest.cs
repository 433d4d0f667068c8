using Reach.Pinging;
using Reach.Targets;

namespace Reach.Cli.Commands;

/// <summary>A validated <c>reach ping</c> command line: the target, its port (null with --icmp) and the options.</summary>
internal sealed record PingRequest(TargetSpec Target, PortSpec? Port, PingOptions Options);
