// "Create live-origin.json": a short series of questions, then a file with no findings, opened.
// Any answer may be passed in as an argument (tests, other commands); only the rest are asked.
import * as vscode from 'vscode';
import type { PublishMode } from '../config/model';
import { MOMENTO_REGIONS, restEndpointForRegion } from '../config/regions';
import { LADDER_PRESETS, renderConfig, scaffoldConfig, type ScaffoldAnswers } from '../config/scaffold';
import { CONFIG_FILE_NAME } from './documents';
import { uriExists } from './uriExists';

export interface CreateConfigArgs {
  folder?: vscode.Uri;
  answers?: Partial<ScaffoldAnswers>;
  /** Replace an existing file without asking. */
  overwrite?: boolean;
}

/** Reported each time a question is put to the user, before it is shown. */
export type QuestionListener = (question: { step: number; title: string }) => void;

const STEPS = 7;
const NAMESPACE_PATTERN = /^[A-Za-z0-9_-]{1,255}$/;
const AWS_REGIONS = [...MOMENTO_REGIONS, 'us-west-1', 'ca-central-1', 'eu-west-3', 'eu-north-1', 'ap-northeast-2', 'sa-east-1'];

function title(step: number): string {
  return vscode.l10n.t('Create live-origin.json ({0}/{1})', step, STEPS);
}

async function pick<T>(onAsk: QuestionListener, step: number, items: (vscode.QuickPickItem & { value: T })[], placeHolder: string): Promise<T | undefined> {
  onAsk({ step, title: title(step) });
  const chosen = await vscode.window.showQuickPick(items, { title: title(step), placeHolder, ignoreFocusOut: true });
  return chosen?.value;
}

async function askNumber(onAsk: QuestionListener, step: number, prompt: string, value: string, validate: (n: number) => string | undefined): Promise<number | undefined> {
  onAsk({ step, title: title(step) });
  const answer = await vscode.window.showInputBox({
    title: title(step),
    prompt,
    value,
    ignoreFocusOut: true,
    validateInput: (text) => {
      const n = Number(text);
      return text.trim() === '' || !Number.isFinite(n) ? vscode.l10n.t('Enter a number.') : validate(n);
    },
  });
  return answer === undefined ? undefined : Number(answer);
}

async function askNamespace(onAsk: QuestionListener): Promise<string | undefined> {
  onAsk({ step: 1, title: title(1) });
  return vscode.window.showInputBox({
    title: title(1),
    prompt: vscode.l10n.t('Momento Media Storage namespace (a cache) the encoder writes to'),
    value: 'live-origin',
    ignoreFocusOut: true,
    validateInput: (text) => (NAMESPACE_PATTERN.test(text) ? undefined : vscode.l10n.t('Letters, digits, "-" and "_" only.')),
  });
}

async function ask(given: Partial<ScaffoldAnswers>, onAsk: QuestionListener): Promise<ScaffoldAnswers | undefined> {
  const namespace = given.namespace ?? await askNamespace(onAsk);
  if (namespace === undefined) return undefined;

  const momentoRegion = given.momentoRegion ?? await pick(onAsk, 2, MOMENTO_REGIONS.map((region) => ({
    label: region,
    description: restEndpointForRegion(region),
    value: region,
    picked: region === 'us-west-2',
  })), vscode.l10n.t('Region of the Momento namespace'));
  if (momentoRegion === undefined) return undefined;

  const awsRegion = given.awsRegion ?? await pick(onAsk, 3, [
    { label: momentoRegion, description: vscode.l10n.t('Same as the namespace (recommended)'), value: momentoRegion },
    ...AWS_REGIONS.filter((region) => region !== momentoRegion).map((region) => ({ label: region, value: region })),
  ], vscode.l10n.t('Region of the MediaLive channel'));
  if (awsRegion === undefined) return undefined;

  const ladderPreset = given.ladderPreset ?? await pick(onAsk, 4, LADDER_PRESETS.map((preset) => ({
    label: preset.ladder.map((r) => `${r.height}p ${r.bitrateKbps}`).join(' · '),
    description: preset.id === 'guide' ? vscode.l10n.t('The guide\'s ladder (kbps)') : vscode.l10n.t('kbps'),
    value: preset.id,
  })), vscode.l10n.t('Adaptive bitrate ladder'));
  if (ladderPreset === undefined) return undefined;

  const segmentLengthSeconds = given.segmentLengthSeconds ?? await askNumber(onAsk, 5,
    vscode.l10n.t('Segment length in seconds (1 to 2.5 keeps latency low)'), '2',
    (n) => (n > 0 && n <= 10 ? undefined : vscode.l10n.t('Between 0 and 10 seconds.')));
  if (segmentLengthSeconds === undefined) return undefined;

  const ttlSeconds = given.ttlSeconds ?? await askNumber(onAsk, 6,
    vscode.l10n.t('How long playlists and segments stay in the namespace (TTL, seconds)'), '3600',
    (n) => (Number.isInteger(n) && n >= 60 ? undefined : vscode.l10n.t('A whole number of seconds, at least 60.')));
  if (ttlSeconds === undefined) return undefined;

  const publishMode = given.publishMode ?? await pick<PublishMode>(onAsk, 7, [
    { label: vscode.l10n.t('Credentials (recommended)'), detail: vscode.l10n.t('MediaLive signs its PUTs with a username and the key from an SSM parameter; no key in any URL.'), value: 'credentials' },
    { label: vscode.l10n.t('Token in the URL (as in the guides)'), detail: vscode.l10n.t('The encoder key is appended as ?token=; MediaLive copies it into the master playlist every viewer reads.'), value: 'token-in-url' },
  ], vscode.l10n.t('How MediaLive authenticates to Momento'));
  if (publishMode === undefined) return undefined;

  return { namespace, momentoRegion, awsRegion, ladderPreset, segmentLengthSeconds, ttlSeconds, publishMode, restEndpoint: given.restEndpoint };
}

async function targetFolder(given?: vscode.Uri): Promise<vscode.Uri | undefined> {
  if (given) return given;
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length === 1) return folders[0].uri;
  if (folders.length > 1) return (await vscode.window.showWorkspaceFolderPick({ placeHolder: vscode.l10n.t('Folder for live-origin.json') }))?.uri;
  const chosen = await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: false, openLabel: vscode.l10n.t('Create live-origin.json here') });
  return chosen?.[0];
}

/** Returns the file written, or undefined when the user cancelled (nothing is written then). */
export async function createConfig(args: CreateConfigArgs = {}, onAsk: QuestionListener = () => undefined): Promise<vscode.Uri | undefined> {
  const folder = await targetFolder(args.folder);
  if (!folder) return undefined;
  const target = vscode.Uri.joinPath(folder, CONFIG_FILE_NAME);
  if (!args.overwrite && await uriExists(target)) {
    const replace = vscode.l10n.t('Replace');
    const answer = await vscode.window.showWarningMessage(
      vscode.l10n.t('{0} already exists in {1}. Replace it?', CONFIG_FILE_NAME, folder.path), { modal: true }, replace);
    if (answer !== replace) return undefined;
  }
  const answers = await ask(args.answers ?? {}, onAsk);
  if (!answers) return undefined;
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(renderConfig(scaffoldConfig(answers))));
  await vscode.window.showTextDocument(target);
  return target;
}
