#!/usr/bin/env node
import 'reflect-metadata';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command, InvalidArgumentError } from 'commander';
import { MEMBER_ROLES, type MemberRole } from '@flexroll/core';
import { createKey, createProgram, createWorkspace, listKeys, PERMISSIONS_HELP, revokeKey, runWorker } from './commands/admin.js';
import { addMember, listMembers } from './commands/memberCommands.js';
import { serve } from './commands/serve.js';
import { importFile } from './commands/importCommand.js';
import { BULK_ACTION_NAMES, runBulk } from './commands/bulkCommand.js';
import { createAdapterScaffold, scaffoldNextSteps } from './scaffold/createAdapterScaffold.js';

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

const member = program.command('member').description('Members of a workspace: people who sign in to the console');
member
  .command('add <workspaceId> <email>')
  .description('Invite a member (the first admin comes from here); prints the one-time link that sets the password')
  .option('--role <role>', `${MEMBER_ROLES.join(', ')}`, 'viewer')
  .action(async (workspaceId: string, email: string, options: { role: string }) => {
    if (!(MEMBER_ROLES as readonly string[]).includes(options.role)) throw new InvalidArgumentError(`--role must be one of ${MEMBER_ROLES.join(', ')}`);
    print(await addMember(workspaceId, email, { role: options.role as MemberRole }));
  });
member.command('list <workspaceId>').description('List members (never their passwords)').action(async (workspaceId: string) => print(await listMembers(workspaceId)));

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

const remote = '(against --url or FLEXROLL_URL, default http://127.0.0.1:3000, with --key or FLEXROLL_API_KEY)';
program
  .command('import <file>')
  .description(`Import candidate enrollments from a CSV or NDJSON file as a job, with progress ${remote}; run it again to resume`)
  .requiredOption('--instance <id>', 'the program instance to enroll them in')
  .option('--format <format>', 'csv or ndjson (default: from the file’s extension)')
  .option('--errors <file>', 'where to write the rows that failed (default: <file>.errors.csv)')
  .option('--again', 'import the file as a new job even if it was imported before')
  .option('--url <url>', 'the server')
  .option('--key <key>', 'an API key with enrollments:write')
  .action(async (file: string, options: Parameters<typeof importFile>[1]) => {
    process.exitCode = await importFile(file, options);
  });

const collect = (value: string, previous: string[]) => [...previous, value];
program
  .command('bulk <action>')
  .description(`${BULK_ACTION_NAMES.join(', ')} a filtered set of a program instance's enrollments as a job ${remote}`)
  .requiredOption('--instance <id>', 'the program instance')
  .option('--where <condition>', 'status=…, tags=… or referenceIds=… (comma-separated values); repeat to combine', collect, [])
  .option('--reason <text>', 'why (required for approve, reject and unenroll; recorded on every move)')
  .option('--errors <file>', 'where to write the rows that failed')
  .option('--again', 'start a new job even if the same command ran before')
  .option('--url <url>', 'the server')
  .option('--key <key>', 'an API key with enrollments:write')
  .action(async (action: string, options: Parameters<typeof runBulk>[1]) => {
    if (!(BULK_ACTION_NAMES as readonly string[]).includes(action)) throw new InvalidArgumentError(`action must be one of ${BULK_ACTION_NAMES.join(', ')}`);
    process.exitCode = await runBulk(action as (typeof BULK_ACTION_NAMES)[number], options);
  });

program
  .command('adapter')
  .description('Operator adapters')
  .command('new <name>')
  .description('Scaffold an adapter package that passes the test kit as generated')
  .option('--dir <folder>', 'where plugins live', 'plugins')
  .option('--packs <folder>', 'packed SDK and test kit tarballs (npm run pack:sdk), for an adapter kept outside a Flexroll checkout')
  .action(async (name: string, options: { dir: string; packs?: string }) => {
    const files = await createAdapterScaffold(name, options.dir, options.packs === undefined ? {} : { packs: options.packs });
    const folder = path.join(options.dir, name);
    const checkout = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
    const next = await scaffoldNextSteps(folder, { ...(options.packs === undefined ? {} : { packs: options.packs }), checkout });
    process.stdout.write(`Created ${files.length} files in ${folder}. ${next}\n`);
  });

program.parseAsync().catch((error: unknown) => {
  process.stderr.write(`flexroll: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
