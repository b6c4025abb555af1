// In-memory SSM parameters. SecureString values are kept in clear here (the sandbox is the key
// holder), but read without decryption they come back as an opaque ciphertext, like the real service.
import { createCipheriv, randomBytes } from 'node:crypto';

export type ParameterType = 'String' | 'StringList' | 'SecureString';

export interface StoredParameter {
  name: string;
  type: ParameterType;
  value: string;
  version: number;
  lastModified: Date;
}

export class ParameterStore {
  private readonly parameters = new Map<string, StoredParameter>();
  private readonly key = randomBytes(32);

  constructor(readonly capacity: number) {}

  get full(): boolean {
    return this.parameters.size >= this.capacity;
  }

  get(name: string): StoredParameter | undefined {
    return this.parameters.get(name);
  }

  /** Returns the new version. */
  put(name: string, value: string, type: ParameterType): number {
    const version = (this.parameters.get(name)?.version ?? 0) + 1;
    this.parameters.set(name, { name, type, value, version, lastModified: new Date() });
    return version;
  }

  delete(name: string): boolean {
    return this.parameters.delete(name);
  }

  /** What GetParameter returns for a SecureString read without WithDecryption: base64 ciphertext. */
  encrypted(parameter: StoredParameter): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(parameter.value, 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
  }
}
