// Profiles, regions and credentials through the SDK's own loaders and provider chain, over shared
// files and an SSO token cache in a temporary HOME: nothing here reaches the network.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { awsCredentialProvider, listProfiles, resolveRegion } from '../../../src/cloud/awsCredentials';
import { describeAwsFailure } from '../../../src/cloud/awsFailure';

const CONFIG = `[default]
region = eu-west-1

[profile team-sso]
sso_session = corp
sso_account_id = 123456789012
sso_role_name = Admin
region = us-west-2

[profile no-region]
output = json

[sso-session corp]
sso_start_url = https://corp.awsapps.com/start
sso_region = us-east-1
sso_registration_scopes = sso:account:access

[services local]
medialive =
  endpoint_url = http://127.0.0.1:1
`;

const CREDENTIALS = `[default]
aws_access_key_id = AKIAEXAMPLEDEFAULT
aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY

[keys-only]
aws_access_key_id = AKIAEXAMPLEKEYSONLY
aws_secret_access_key = je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY
region = ap-south-1
`;

/** Variables the SDK reads; each test sets its own and gets the originals back. */
const SDK_ENV = ['HOME', 'AWS_CONFIG_FILE', 'AWS_SHARED_CREDENTIALS_FILE', 'AWS_PROFILE', 'AWS_REGION', 'AWS_DEFAULT_REGION',
  'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_EC2_METADATA_DISABLED', 'AWS_CONTAINER_CREDENTIALS_FULL_URI',
  'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI', 'AWS_WEB_IDENTITY_TOKEN_FILE', 'AWS_ROLE_ARN'];

describe('AWS credentials', () => {
  let home: string;
  let saved: Record<string, string | undefined>;

  beforeEach(() => {
    // A fresh folder per test: the SDK caches each shared file by path for the life of the process.
    home = mkdtempSync(join(tmpdir(), 'live-origin-aws-'));
    mkdirSync(join(home, '.aws'));
    writeFileSync(join(home, '.aws', 'config'), CONFIG);
    writeFileSync(join(home, '.aws', 'credentials'), CREDENTIALS);
    saved = Object.fromEntries(SDK_ENV.map((name) => [name, process.env[name]]));
    for (const name of SDK_ENV) delete process.env[name];
    process.env.HOME = home;
    process.env.AWS_EC2_METADATA_DISABLED = 'true';
  });

  afterEach(() => {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    rmSync(home, { recursive: true, force: true });
  });

  describe('listProfiles', () => {
    it('lists the profiles of both files with their regions, and no sso-session or services section', async () => {
      assert.deepEqual(await listProfiles(), [
        { name: 'default', region: 'eu-west-1' },
        { name: 'keys-only', region: 'ap-south-1' },
        { name: 'no-region' },
        { name: 'team-sso', region: 'us-west-2' },
      ]);
    });

    it('follows AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE, and sees edits at once', async () => {
      const config = join(home, 'other-config');
      writeFileSync(config, '[profile elsewhere]\nregion = ap-northeast-1\n');
      process.env.AWS_CONFIG_FILE = config;
      process.env.AWS_SHARED_CREDENTIALS_FILE = join(home, 'missing');
      assert.deepEqual(await listProfiles(), [{ name: 'elsewhere', region: 'ap-northeast-1' }]);
      writeFileSync(config, '[profile elsewhere]\nregion = ap-northeast-1\n[profile added]\noutput = json\n');
      assert.deepEqual((await listProfiles()).map((profile) => profile.name), ['added', 'elsewhere']);
    });

    it('lists nothing when there are no shared files', async () => {
      assert.deepEqual(await listProfiles({ configFilepath: join(home, 'none'), filepath: join(home, 'none-either') }), []);
    });
  });

  describe('resolveRegion', () => {
    it('takes AWS_REGION, then AWS_DEFAULT_REGION, then the region of the profile', async () => {
      assert.equal(await resolveRegion('team-sso', { AWS_REGION: 'sa-east-1', AWS_DEFAULT_REGION: 'ca-central-1' }), 'sa-east-1');
      assert.equal(await resolveRegion('team-sso', { AWS_DEFAULT_REGION: 'ca-central-1' }), 'ca-central-1');
      assert.equal(await resolveRegion('team-sso', {}), 'us-west-2');
      assert.equal(await resolveRegion(undefined, { AWS_PROFILE: 'keys-only' }), 'ap-south-1');
      assert.equal(await resolveRegion(undefined, {}), 'eu-west-1');
      assert.equal(await resolveRegion('no-region', {}), undefined);
    });
  });

  describe('awsCredentialProvider', () => {
    it("resolves a profile's keys from the shared credentials file", async () => {
      const credentials = await awsCredentialProvider('keys-only')();
      assert.equal(credentials.accessKeyId, 'AKIAEXAMPLEKEYSONLY');
    });

    it('takes the environment keys when no profile is named', async () => {
      process.env.AWS_ACCESS_KEY_ID = 'AKIAEXAMPLEFROMENV';
      process.env.AWS_SECRET_ACCESS_KEY = 'secret-from-the-environment';
      assert.equal((await awsCredentialProvider()()).accessKeyId, 'AKIAEXAMPLEFROMENV');
    });

    it('fails with "aws sso login --profile NAME" when the SSO session in the token cache has expired', async () => {
      const cache = join(home, '.aws', 'sso', 'cache');
      mkdirSync(cache, { recursive: true });
      // The token provider finds the session's token by the SHA-1 of the session name.
      writeFileSync(join(cache, `${createHash('sha1').update('corp').digest('hex')}.json`), JSON.stringify({
        startUrl: 'https://corp.awsapps.com/start',
        region: 'us-east-1',
        accessToken: 'expired-access-token',
        expiresAt: new Date(Date.now() - 3_600_000).toISOString(),
      }));
      const failure = await awsCredentialProvider('team-sso')().then(() => undefined, (error: unknown) => error);
      assert.ok(failure instanceof Error, 'the chain must fail');
      assert.equal(describeAwsFailure(failure, 'team-sso', {}),
        'The AWS SSO session of profile "team-sso" has expired or was never started: run aws sso login --profile team-sso, then try again.');
    });

    it('fails with "aws sso login --profile NAME" when no SSO login ever happened', async () => {
      const failure = await awsCredentialProvider('team-sso')().then(() => undefined, (error: unknown) => error);
      assert.match(describeAwsFailure(failure, 'team-sso', {}) ?? String(failure), /aws sso login --profile team-sso/);
    });

    it('fails with the aws configure advice when nothing provides credentials', async () => {
      process.env.AWS_CONFIG_FILE = join(home, 'none');
      process.env.AWS_SHARED_CREDENTIALS_FILE = join(home, 'none-either');
      const failure = await awsCredentialProvider()().then(() => undefined, (error: unknown) => error);
      assert.match(describeAwsFailure(failure, undefined, {}) ?? String(failure), /No AWS credentials were found: run aws configure/);
    });

    it('fails naming a profile that does not exist', async () => {
      const failure = await awsCredentialProvider('typo')().then(() => undefined, (error: unknown) => error);
      assert.match(describeAwsFailure(failure, 'typo', {}) ?? String(failure), /for profile "typo": check that it exists \(aws configure list-profiles\)/);
    });
  });
});
