// The options of the service commands (list, plan, apply): `--name value` or `--name=value` for
// the valued ones, bare flags, and the positional arguments; `--target` and `--format` checked.
import { parseTargetKind, type TargetKind } from '../cloud/target';

export interface ParsedOptions {
  positional: string[];
  flags: Set<string>;
  target: TargetKind;
  format: 'text' | 'json';
}

export function parseServiceOptions(args: string[], flags: readonly string[], usageError: (message: string) => Error): ParsedOptions {
  const values: Record<string, string | undefined> = {};
  const positional: string[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const [name, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    if (name === '--format' || name === '--target') {
      const value = inline ?? args[++i];
      if (value === undefined) throw usageError(`${name} needs a value.`);
      values[name] = value;
    } else if (flags.includes(arg)) seen.add(arg);
    else if (arg.startsWith('-')) throw usageError(`Unknown option ${arg}.`);
    else positional.push(arg);
  }
  const format = values['--format'] ?? 'text';
  if (format !== 'text' && format !== 'json') throw usageError(`--format must be text or json, not "${format}".`);
  try {
    return { positional, flags: seen, target: parseTargetKind(values['--target']), format };
  } catch (error) {
    throw usageError((error as Error).message);
  }
}
