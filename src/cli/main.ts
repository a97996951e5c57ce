import { Command } from 'commander';
import { idsCommand } from './ids.js';
import { logsCommand } from './logs.js';
import { reachCommand } from './reach.js';
import { metricsCommand } from './metrics.js';
import { anomalyCommand } from './anomaly.js';
import { auditCommand } from './audit.js';
import { serverCommand } from './server.js';
import { agentCommand } from './agent.js';
import { upCommand } from './up.js';

/** Commands by name: adding one is a file and a line here. */
const Commands = {
  ids: idsCommand,
  logs: logsCommand,
  reach: reachCommand,
  metrics: metricsCommand,
  anomaly: anomalyCommand,
  audit: auditCommand,
  server: serverCommand,
  agent: agentCommand,
  up: upCommand,
} satisfies Record<string, (setExit: (code: number) => void) => Command>;

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
  for (const make of Object.values(Commands)) program.addCommand(make(setExit).exitOverride());
  try {
    await program.parseAsync(argv);
  } catch (err) {
    const code = (err as { exitCode?: number }).exitCode;
    if (typeof code === 'number') return code === 0 ? 0 : 64;
    throw err;
  }
  return exit;
}
