// Where `ffmpeg` (or an explicit path) resolves, checked before a channel starts so a missing
// encoder is a clear API error instead of an asynchronous spawn failure.
import { accessSync, constants, statSync } from 'node:fs';
import path from 'node:path';

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

export function findExecutable(command: string, searchPath = process.env.PATH ?? ''): string | undefined {
  if (command.includes('/') || command.includes(path.sep)) return isExecutable(command) ? command : undefined;
  for (const directory of searchPath.split(path.delimiter)) {
    if (!directory) continue;
    const candidate = path.join(directory, command);
    if (isExecutable(candidate)) return candidate;
  }
  return undefined;
}

export const MISSING_FFMPEG_MESSAGE =
  'The sandbox encoder needs ffmpeg, which was not found. Install the Debian package `ffmpeg` (sudo apt-get install ffmpeg) or set the ffmpeg path.';
