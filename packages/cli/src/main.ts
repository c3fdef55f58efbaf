#!/usr/bin/env node
import 'reflect-metadata';
import { Command, InvalidArgumentError } from 'commander';
import { createKey, createProgram, createWorkspace, listKeys, PERMISSIONS_HELP, revokeKey, runWorker } from './commands/admin.js';
import { serve } from './commands/serve.js';
import { createAdapterScaffold } from './scaffold/createAdapterScaffold.js';

const integer = (value: string) => {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0) throw new InvalidArgumentError('must be a whole number');
  return parsed;
};
const print = (value: unknown): void => void process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);

const program = new Command('flexroll').description('Flexroll: the platform energy-flexibility programmes run on.');

program
  .command('serve')
  .description('Start the API (MongoDB when MONGODB_URI is set, else the embedded store)')
  .option('-p, --port <port>', 'port to listen on (default: FLEXROLL_PORT, PORT, or 3000)', integer)
  .option('--host <host>', 'address to listen on (default: FLEXROLL_HOST, HOST, or 127.0.0.1)')
  .option('--sweep-seconds <seconds>', 'embedded store only: how often to run the scheduled sweeps (0: never)', integer, 60)
  .action((options: { port?: number; host?: string; sweepSeconds: number }) => serve(options));

program
  .command('worker')
  .description('Run the background tasks against MONGODB_URI until stopped: the scheduled sweeps and webhook delivery')
  .option('--interval <seconds>', 'seconds between sweeps', integer, 60)
  .action((options: { interval: number }) => runWorker(options.interval));

const workspace = program.command('workspace').description('Workspaces (tenants)');
workspace.command('create <name>').description('Create a workspace').action(async (name: string) => print(await createWorkspace(name)));

const key = program.command('key').description('API keys of a workspace');
key
  .command('create <workspaceId>')
  .description('Create a key; the secret is printed once')
  .option('--name <name>', 'what the key is for', 'default')
  .option('--mode <mode>', 'live or test', 'live')
  .option('--permissions <list>', `a scoped key with these comma-separated permissions (${PERMISSIONS_HELP}); omit for a secret key`)
  .action(async (workspaceId: string, options: { name: string; mode: 'live' | 'test'; permissions?: string }) => print(await createKey(workspaceId, options)));
key.command('list <workspaceId>').description('List keys (never their secrets)').action(async (workspaceId: string) => print(await listKeys(workspaceId)));
key.command('revoke <workspaceId> <keyId>').description('Revoke a key').action(async (workspaceId: string, keyId: string) => print(await revokeKey(workspaceId, keyId)));

program
  .command('program')
  .description('Programs (platform-wide)')
  .command('create <name>')
  .description('Create a program')
  .requiredOption('--provider <name>', 'the provider’s display name')
  .option('--learn-more-url <url>')
  .option('--logo-url <url>')
  .option('--description <text>')
  .action(async (name: string, options: { provider: string; learnMoreUrl?: string; logoUrl?: string; description?: string }) => print(await createProgram({ name, ...options })));

program
  .command('adapter')
  .description('Operator adapters')
  .command('new <name>')
  .description('Scaffold an adapter package that passes the test kit as generated')
  .option('--dir <folder>', 'where plugins live', 'plugins')
  .action(async (name: string, options: { dir: string }) => {
    const files = await createAdapterScaffold(name, options.dir);
    process.stdout.write(`Created ${files.length} files in ${options.dir}/${name}. Next: add it to the workspaces and run its tests (docs/adapters.md).\n`);
  });

program.parseAsync().catch((error: unknown) => {
  process.stderr.write(`flexroll: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
