// The command line speaks the user's language when the extension ships a bundle for it.
import * as l10n from '@vscode/l10n';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export function configureLocale(env: NodeJS.ProcessEnv = process.env): void {
  const language = (env.LC_ALL || env.LC_MESSAGES || env.LANG || '').split(/[_.@-]/)[0].toLowerCase();
  if (!language || language === 'en' || language === 'c' || language === 'posix') return;
  // dist/cli.js sits one level below the package root; the tsc build (out/src/cli) three.
  for (let up = 1; up <= 3; up++) {
    const bundle = join(__dirname, ...Array<string>(up).fill('..'), 'l10n', `bundle.l10n.${language}.json`);
    if (existsSync(bundle)) {
      l10n.config({ fsPath: bundle });
      return;
    }
  }
}
