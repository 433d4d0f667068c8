using Reach.Cli;
using Reach.Cli.Infrastructure;

return await ReachApp.RunAsync(args, CliConsole.FromSystem()).ConfigureAwait(false);
