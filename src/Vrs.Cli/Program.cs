using Vrs.Cli;

return await VrsApplication.RunAsync(args);
