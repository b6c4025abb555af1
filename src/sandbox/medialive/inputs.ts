// CreateInput / DescribeInput / ListInputs / DeleteInput. The sandbox's inputs are only bookkeeping
// (the encoder always reads its test pattern), but channels must attach inputs that exist.
import type { CreateInputRequest, Input } from '@aws-sdk/client-medialive';
import { conflict, notFound, tooManyRequests, unprocessable } from './errors';
import type { Limits } from './limits';
import { page } from './paging';
import { arn, IdSource, InputRecord } from './records';
import { checkTags, type TagHolder } from './tags';
import { Tombstones } from './tombstones';

const INPUT_TYPES = ['UDP_PUSH', 'RTP_PUSH', 'RTMP_PUSH', 'RTMP_PULL', 'URL_PULL', 'MP4_FILE', 'MEDIACONNECT', 'INPUT_DEVICE',
  'AWS_CDI', 'TS_FILE', 'SRT_CALLER', 'SRT_LISTENER', 'MULTICAST', 'SMPTE_2110_RECEIVER_GROUP', 'SDI', 'MEDIACONNECT_ROUTER'];
const PULL_TYPES = ['URL_PULL', 'RTMP_PULL', 'MP4_FILE', 'TS_FILE'];

export class InputRegistry {
  private readonly inputs = new Map<string, InputRecord>();
  private readonly byRequest = new Map<string, string>();
  private readonly deleted: Tombstones;

  constructor(
    private readonly region: string,
    private readonly ids: IdSource,
    private readonly limits: Limits,
    /** Ids of the live channels that attach this input. */
    private readonly attachedTo: (inputId: string) => string[],
  ) {
    this.deleted = new Tombstones(limits);
  }

  private liveInputs(): InputRecord[] {
    this.deleted.prune();
    return [...this.inputs.values()].filter((record) => record.input.State !== 'DELETED');
  }

  private view(record: InputRecord): Input {
    const attached = this.attachedTo(record.input.Id!);
    const state = record.input.State === 'DELETED' ? 'DELETED' : attached.length > 0 ? 'ATTACHED' : 'DETACHED';
    return { ...record.input, AttachedChannels: attached, State: state };
  }

  private live(id: string): InputRecord {
    const record = this.inputs.get(id);
    if (!record || record.input.State === 'DELETED') throw notFound(`Input ${id} not found`);
    return record;
  }

  /** Undefined when the input exists and may be attached to `channelId`; else why not. */
  attachProblem(inputId: string, channelId?: string): string | undefined {
    const record = this.inputs.get(inputId);
    if (!record || record.input.State === 'DELETED') return `Input "${inputId}" does not exist`;
    const others = this.attachedTo(inputId).filter((id) => id !== channelId);
    return others.length > 0 ? `Input "${inputId}" is already attached to channel ${others[0]}` : undefined;
  }

  create(request: CreateInputRequest): Input {
    const existing = request.RequestId ? this.byRequest.get(request.RequestId) : undefined;
    if (existing && this.inputs.get(existing)?.input.State !== 'DELETED') return this.view(this.inputs.get(existing)!);
    const type = request.Type as string | undefined;
    if (!type || !INPUT_TYPES.includes(type)) {
      throw unprocessable('Failed Create Input validation', [{ elementPath: 'type', errorMessage: `type is required: one of ${INPUT_TYPES.join(', ')}` }]);
    }
    if (PULL_TYPES.includes(type) && !(request.Sources ?? []).some((source) => source.Url)) {
      throw unprocessable('Failed Create Input validation', [{ elementPath: 'sources', errorMessage: `A ${type} input needs at least one source URL` }]);
    }
    const tags = checkTags(request.Tags);
    if (this.liveInputs().length >= this.limits.inputs) {
      throw tooManyRequests(`Limit exceeded: this account and Region may have ${this.limits.inputs} inputs; delete one first`);
    }
    const id = this.ids.take();
    const input: Input = {
      Arn: arn(this.region, 'input', id),
      Id: id,
      Name: request.Name,
      Type: request.Type,
      InputClass: 'STANDARD',
      InputSourceType: PULL_TYPES.includes(type) ? 'STATIC' : undefined,
      Sources: (request.Sources ?? []).map((source) => ({ Url: source.Url, Username: source.Username, PasswordParam: source.PasswordParam })),
      Destinations: [],
      SecurityGroups: request.InputSecurityGroups ?? [],
      MediaConnectFlows: [],
      RoleArn: request.RoleArn,
      Tags: tags,
      State: 'DETACHED',
    };
    const record: InputRecord = { input, requestId: request.RequestId };
    this.inputs.set(id, record);
    if (request.RequestId) this.byRequest.set(request.RequestId, id);
    return this.view(record);
  }

  /** The tags of a live input, for CreateTags and friends. */
  tagHolder(id: string): TagHolder | undefined {
    const record = this.inputs.get(id);
    if (!record || record.input.State === 'DELETED') return undefined;
    return {
      get tags() {
        return record.input.Tags ?? {};
      },
      set tags(tags) {
        record.input = { ...record.input, Tags: tags };
      },
    };
  }

  describe(id: string): Input {
    this.deleted.prune();
    const record = this.inputs.get(id);
    if (!record) throw notFound(`Input ${id} not found`);
    return this.view(record);
  }

  list(maxResults: string | null, nextToken: string | null): { Inputs: Input[]; NextToken?: string } {
    const live = this.liveInputs().sort((a, b) => (a.input.Id! < b.input.Id! ? -1 : 1));
    const result = page(live, (record) => record.input.Id!, 'input', maxResults, nextToken);
    return { Inputs: result.items.map((record) => this.view(record)), NextToken: result.nextToken };
  }

  delete(id: string): void {
    const record = this.live(id);
    const attached = this.attachedTo(id);
    if (attached.length > 0) throw conflict(`Input ${id} is attached to channel ${attached[0]}: detach it before deleting`);
    record.input = { ...record.input, State: 'DELETED' };
    if (record.requestId) this.byRequest.delete(record.requestId);
    this.deleted.add(id, () => this.inputs.delete(id));
  }
}
