// `live-origin`: the project's rules for CI pipelines, with the same codes as the editor.
import { readFile, stat } from 'node:fs/promises';
import { CONFIG_CODES } from '../config/codes';
import { HLS_CODES } from '../hls/codes';
import { LIVE_CODES } from '../live/codes';
import { checkText } from './checkText';
import { DEPLOY_USAGE, parseDeployArgs, runDeploy } from './deployCommand';
import { DEBUG_ENV, describeFailure, expectedFailure } from './failure';
import { formatText, locate } from './format';
import { INSPECT_USAGE, parseInspectArgs, runInspect } from './inspectCommand';
import { LIST_USAGE, parseListArgs, runList } from './listCommand';
import { configureLocale } from './locale';
import { parseSandboxArgs, runSandbox, SANDBOX_USAGE } from './sandboxCommand';
import { parseVerifyArgs, runVerify, VERIFY_USAGE } from './verifyCommand';

const USAGE = `Usage:
  live-origin check <file> [--format text|json]   check a live-origin.json or an .m3u8 playlist
  live-origin codes                                list every diagnostic code
${INSPECT_USAGE}
${VERIFY_USAGE}
${LIST_USAGE}
${DEPLOY_USAGE}
${SANDBOX_USAGE}
Options for every command:
  --debug          print the stack trace of a failure (also ${DEBUG_ENV}=1)
Exit status: 0 no error found, 1 an error was found, 2 usage error, unreadable input, or a
failure the message names the fix for (a missing program, a port in use, a refused credential),
3 an unexpected failure (a bug: the message says where to report it).`;

const MAX_INPUT_BYTES = 50 * 1024 * 1024;

class UsageError extends Error {}

const usageError = (message: string) => new UsageError(message);

async function check(args: string[]): Promise<number> {
  let format = 'text';
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--format') format = args[++i] ?? '';
    else if (arg.startsWith('--format=')) format = arg.slice('--format='.length);
    else if (arg.startsWith('-')) throw new UsageError(`Unknown option ${arg}.`);
    else files.push(arg);
  }
  if (format !== 'text' && format !== 'json') throw new UsageError(`--format must be text or json, not "${format}".`);
  if (files.length !== 1) throw new UsageError('check takes exactly one file.');
  const [file] = files;
  const text = await readInput(file);
  const findings = locate(text, checkText(file, text));
  process.stdout.write(format === 'json' ? `${JSON.stringify(findings, null, 2)}\n` : formatText(file, findings));
  return findings.some((finding) => finding.severity === 'error') ? 1 : 0;
}

async function readInput(file: string): Promise<string> {
  let info;
  try {
    info = await stat(file);
  } catch (error) {
    throw new UsageError(`Cannot read ${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}.`);
  }
  if (!info.isFile()) throw new UsageError(`Cannot read ${file}: not a file.`);
  if (info.size > MAX_INPUT_BYTES) throw new UsageError(`Cannot check ${file}: ${info.size} bytes is over the ${MAX_INPUT_BYTES}-byte limit.`);
  return (await readFile(file, 'utf8')).replace(/^\uFEFF/, '');
}

function listCodes(): number {
  const rows = Object.entries({ ...CONFIG_CODES, ...HLS_CODES, ...LIVE_CODES }).map(([code, meaning]) => `${code.padEnd(38)} ${meaning}`);
  process.stdout.write(`${rows.join('\n')}\n`);
  return 0;
}

export async function main(argv: string[]): Promise<number> {
  configureLocale();
  const debug = argv.includes('--debug') || ['1', 'true'].includes(process.env[DEBUG_ENV] ?? '');
  const [command, ...rest] = argv.filter((arg) => arg !== '--debug');
  try {
    switch (command) {
      case 'check': return await check(rest);
      case 'codes': return listCodes();
      case 'list': return await runList(parseListArgs(rest, usageError));
      case 'inspect': return await runInspect(parseInspectArgs(rest, usageError), usageError);
      case 'verify': return await runVerify(parseVerifyArgs(rest, usageError));
      case 'plan':
      case 'apply': return await runDeploy(parseDeployArgs(command, rest, usageError));
      case 'sandbox': return await runSandbox(parseSandboxArgs(rest, (message) => new UsageError(message)));
      case '--help':
      case '-h':
      case 'help':
        process.stdout.write(`${USAGE}\n`);
        return 0;
      default:
        throw new UsageError(command ? `Unknown command "${command}".` : 'No command given.');
    }
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`live-origin: ${error.message}\n${USAGE}\n`);
      return 2;
    }
    process.stderr.write(`${describeFailure(error, debug)}\n`);
    return expectedFailure(error) === undefined ? 3 : 2;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => { process.exitCode = code; });
}
