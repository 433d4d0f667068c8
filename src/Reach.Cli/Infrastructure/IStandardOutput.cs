namespace Reach.Cli.Infrastructure;

/// <summary>How this OS's standard output is opened for the CLI (<see cref="CliConsole"/>); one implementation per OS.</summary>
internal interface IStandardOutput
{
    TextWriter Open();
}
