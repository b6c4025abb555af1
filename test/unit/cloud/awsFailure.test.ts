// Each AWS credential failure, as the SDK itself raises it, becomes one sentence naming its fix.
import assert from 'node:assert/strict';
import { AccessDenied } from '@aws-sdk/client-cloudfront';
import { ForbiddenException } from '@aws-sdk/client-medialive';
import { AccessDeniedException, SSMServiceException } from '@aws-sdk/client-ssm';
import { CredentialsProviderError, TokenProviderError } from '@smithy/core/config';
import { describeAwsFailure } from '../../../src/cloud/awsFailure';

const $metadata = { httpStatusCode: 400, requestId: 'req-1' };
const serviceError = (name: string, message: string) => new SSMServiceException({ name, $fault: 'client', $metadata, message });

function described(error: unknown, profile = 'prod'): string {
  const text = describeAwsFailure(error, profile, {});
  assert.ok(text, `no description for ${String(error)}`);
  assert.ok(!text.includes('\n') && !/\bat .*:\d+:\d+/.test(text), `not one line without a stack: ${text}`);
  return text;
}

describe('describeAwsFailure', () => {
  it('names aws configure for missing credentials, and checking the profile when one is named', () => {
    const error = new CredentialsProviderError('Could not load credentials from any providers', { tryNextLink: false });
    assert.match(describeAwsFailure(error, undefined, {})!, /No AWS credentials were found: run aws configure/);
    assert.match(described(error), /No AWS credentials were found for profile "prod": check that it exists/);
  });

  it('names aws sso login --profile for an expired SSO session, from either provider', () => {
    const fromCredentials = new CredentialsProviderError('The SSO session associated with this profile has expired. To refresh this SSO session run aws sso login with the corresponding profile.', { tryNextLink: false });
    const fromToken = new CredentialsProviderError("Token is expired. To refresh this SSO session run 'aws sso login' with the corresponding profile.", { tryNextLink: false });
    for (const error of [fromCredentials, fromToken]) assert.match(described(error, 'team-sso'), /aws sso login --profile team-sso/);
  });

  it('names the profile it could not find', () => {
    const error = new TokenProviderError("Profile 'typo' could not be found in shared credentials file.", false);
    assert.match(described(error), /no AWS profile "typo".*aws configure list-profiles/);
  });

  it('falls back to AWS_PROFILE, then default, for the profile named in the fix', () => {
    const error = new CredentialsProviderError('The SSO session associated with this profile is invalid. To refresh this SSO session run aws sso login with the corresponding profile.');
    assert.match(describeAwsFailure(error, undefined, { AWS_PROFILE: 'from-env' })!, /aws sso login --profile from-env/);
    assert.match(describeAwsFailure(error, undefined, {})!, /aws sso login --profile default/);
  });

  it('says an expired session token needs new credentials', () => {
    assert.match(described(serviceError('ExpiredTokenException', 'The security token included in the request is expired')), /session token of profile "prod" has expired/);
    assert.match(described(serviceError('ExpiredToken', 'The security token included in the request is expired')), /has expired/);
  });

  it('says AWS does not know the access key, or its secret does not match', () => {
    assert.match(described(serviceError('UnrecognizedClientException', 'The security token included in the request is invalid.')), /does not recognise the access key.*aws configure --profile prod/);
    assert.match(described(serviceError('InvalidClientTokenId', 'The security token included in the request is invalid.')), /does not recognise the access key/);
    assert.match(described(serviceError('InvalidSignatureException', 'The request signature we calculated does not match')), /secret access key does not belong.*aws configure --profile prod/);
    assert.match(described(serviceError('SignatureDoesNotMatch', 'The request signature we calculated does not match')), /request signature/);
  });

  it('names the denied action when AWS says which, from every client', () => {
    const message = 'User: arn:aws:iam::123456789012:user/dev is not authorized to perform: ssm:GetParameter on resource: arn:aws:ssm:us-west-2:123456789012:parameter/x';
    assert.match(described(new AccessDeniedException({ Message: message, message, $metadata })), /AWS denied ssm:GetParameter to profile "prod": ask your administrator to allow ssm:GetParameter/);
    assert.match(described(new AccessDenied({ message: 'Access denied', $metadata })), /AWS denied this request to profile "prod"/);
    assert.match(described(new ForbiddenException({ message: 'Forbidden', $metadata })), /AWS denied this request/);
  });

  it('redacts what it quotes from a provider it does not recognise', () => {
    const error = new CredentialsProviderError('credential_process printed {"SecretAccessKey":"abcdefghijklmnopqrstuvwxyz0123456789ABCD"}\n    at stack');
    const text = described(error);
    assert.ok(!text.includes('abcdefghijklmnopqrstuvwxyz'), text);
    assert.ok(!text.includes('at stack'), text);
  });

  it('leaves failures that are not about credentials to the caller', () => {
    assert.equal(describeAwsFailure(serviceError('ThrottlingException', 'Rate exceeded'), 'prod', {}), undefined);
    assert.equal(describeAwsFailure(new Error('ECONNREFUSED'), 'prod', {}), undefined);
    assert.equal(describeAwsFailure('a string', 'prod', {}), undefined);
  });
});
