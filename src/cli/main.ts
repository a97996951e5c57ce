import { Command } from 'commander';

type MakeCommand = (setExit: (code: number) => void) => Command;

/**
 * Commands by name, each module loaded only when its command runs: a command's dependencies (the
 * Kubernetes client, Fastify, PGlite, the rule engine) are most of the CLI's start-up. Adding one is a
 * file and a line here.
 */
const Commands: Record<string, () => Promise<MakeCommand>> = {
  ids: async () => (await import('./ids.js')).idsCommand,
  logs: async () => (await import('./logs.js')).logsCommand,
  reach: async () => (await import('./reach.js')).reachCommand,
  metrics: async () => (await import('./metrics.js')).metricsCommand,
  anomaly: async () => (await import('./anomaly.js')).anomalyCommand,
  audit: async () => (await import('./audit.js')).auditCommand,
  server: async () => (await import('./server.js')).serverCommand,
  agent: async () => (await import('./agent.js')).agentCommand,
  up: async () => (await import('./up.js')).upCommand,
};

export async function main(argv: string[]): Promise<number> {
  const program = new Command('vigil')
    .description('Vigil: security monitoring for Kubernetes clusters')
    .version('0.1.0')
    .showHelpAfterError()
    .enablePositionalOptions();
  program.exitOverride();
  let exit = 0;
  const setExit = (code: number) => {
    exit = code;
  };
  // The top level has no options but --help/--version, so argv[2] names the command when there is one;
  // otherwise (help, a typo to suggest a fix for) every command is loaded.
  const name = argv[2];
  const names = name !== undefined && Object.hasOwn(Commands, name) ? [name] : Object.keys(Commands);
  for (const n of names) program.addCommand((await Commands[n]!())(setExit).exitOverride());
  try {
    await program.parseAsync(argv);
  } catch (err) {
    const code = (err as { exitCode?: number }).exitCode;
    if (typeof code === 'number') return code === 0 ? 0 : 64;
    throw err;
  }
  return exit;
}
