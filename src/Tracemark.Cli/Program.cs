using System.Text;
using Tracemark.Cli;

Console.OutputEncoding = Encoding.UTF8;
return await CliApp.RunAsync(args, Terminal.FromConsole()).ConfigureAwait(false);
