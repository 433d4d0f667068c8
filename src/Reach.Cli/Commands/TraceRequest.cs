using Reach.Targets;
using Reach.Tracing;

namespace Reach.Cli.Commands;

/// <summary>What a <c>reach trace</c> command line asks for, validated.</summary>
internal sealed record TraceRequest(TargetSpec Target, TraceOptions Options);
