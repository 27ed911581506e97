using CoachBot.Cli;

return CoachBotCli.Run(args, Console.In, Console.Out, Console.Error);
