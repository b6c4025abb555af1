// GetParameter, PutParameter, DeleteParameter over a ParameterStore, in SSM's awsJson shapes.
import { ParameterStore, ParameterType, StoredParameter } from './parameterStore';
import { parameterNotFound, SsmError, validation } from './errors';
import type { OperationCatalog } from '../aws/requestCounts';

const NAME = /^[a-zA-Z0-9_.\-/]+$/;
const TYPES: readonly ParameterType[] = ['String', 'StringList', 'SecureString'];
const MAX_STANDARD_VALUE = 4096;

type Body = Record<string, unknown>;

export interface OperationContext {
  store: ParameterStore;
  region: string;
  account: string;
}

function requireName(body: Body): string {
  const name = body.Name;
  if (typeof name !== 'string' || name.length === 0) {
    throw validation("1 validation error detected: Value null at 'name' failed to satisfy constraint: Member must not be null");
  }
  if (name.length > 2048 || !NAME.test(name)) {
    throw validation(`Parameter name: can't be prefixed with "aws" or "ssm" (case-insensitive) and must only contain letters, numbers and _.-/ : ${name}`);
  }
  return name;
}

function arn(context: OperationContext, name: string): string {
  return `arn:aws:ssm:${context.region}:${context.account}:parameter/${name.replace(/^\//, '')}`;
}

function describe(context: OperationContext, parameter: StoredParameter, decrypt: boolean): Body {
  const clear = parameter.type !== 'SecureString' || decrypt;
  return {
    Name: parameter.name,
    Type: parameter.type,
    Value: clear ? parameter.value : context.store.encrypted(parameter),
    Version: parameter.version,
    LastModifiedDate: parameter.lastModified.getTime() / 1000,
    ARN: arn(context, parameter.name),
    DataType: 'text',
  };
}

function getParameter(context: OperationContext, body: Body): Body {
  const name = requireName(body);
  const parameter = context.store.get(name);
  if (!parameter) throw parameterNotFound(name);
  return { Parameter: describe(context, parameter, body.WithDecryption === true) };
}

function putParameter(context: OperationContext, body: Body): Body {
  const name = requireName(body);
  if (/^\/?(aws|ssm)/i.test(name)) throw validation(`Parameter name: can't be prefixed with "aws" or "ssm" (case-insensitive): ${name}`);
  const value = body.Value;
  if (typeof value !== 'string' || value.length === 0) {
    throw validation("1 validation error detected: Value at 'value' failed to satisfy constraint: Member must have length greater than or equal to 1");
  }
  if (value.length > MAX_STANDARD_VALUE) {
    throw validation(`Standard tier parameters support a maximum parameter value of ${MAX_STANDARD_VALUE} characters.`);
  }
  const existing = context.store.get(name);
  if (existing && body.Overwrite !== true) {
    throw new SsmError('ParameterAlreadyExists', 'The parameter already exists. To overwrite this value, set the overwrite option in the request to true.');
  }
  if (!existing && context.store.full) {
    throw new SsmError('ParameterLimitExceeded', `You have exceeded the number of parameters for this AWS account (${context.store.capacity} in the sandbox). Delete unnecessary parameters and try again.`);
  }
  const type = body.Type ?? existing?.type;
  if (type === undefined) throw validation('A parameter type is required when you create a parameter.');
  if (!TYPES.includes(type as ParameterType)) {
    throw validation(`1 validation error detected: Value '${String(type)}' at 'type' failed to satisfy constraint: Member must satisfy enum value set: [${TYPES.join(', ')}]`);
  }
  return { Version: context.store.put(name, value, type as ParameterType), Tier: 'Standard' };
}

function deleteParameter(context: OperationContext, body: Body): Body {
  const name = requireName(body);
  if (!context.store.delete(name)) throw parameterNotFound(name);
  return {};
}

export const operations: Record<string, (context: OperationContext, body: Body) => Body> = {
  GetParameter: getParameter,
  PutParameter: putParameter,
  DeleteParameter: deleteParameter,
};

/** Every operation the endpoint serves, for request counts and fault rules. */
export const SSM_OPERATIONS: OperationCatalog = {
  GetParameter: 'read',
  PutParameter: 'mutating',
  DeleteParameter: 'mutating',
};
