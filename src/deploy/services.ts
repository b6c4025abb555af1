// What plan and apply need from Momento, SSM, MediaLive and CloudFront, as plain functions over
// the SDKs' own shapes. src/cloud/deployServices.ts implements it with the SDKs; this file and the
// rest of src/deploy stay free of them (type imports only).
import type {
  CreateChannelRequest,
  CreateInputRequest,
  DescribeChannelResponse,
  UpdateChannelRequest,
} from '@aws-sdk/client-medialive';
import type { DistributionConfig, DistributionConfigWithTags } from '@aws-sdk/client-cloudfront';

export type Tags = Record<string, string>;

export interface InputSummary {
  id: string;
  arn: string;
  name: string;
  type: string;
  tags: Tags;
  attachedChannels: string[];
}

export interface ChannelSummary {
  id: string;
  arn: string;
  name: string;
  state: string;
  tags: Tags;
}

export interface DistributionSummary {
  id: string;
  arn: string;
  domainName: string;
  status: string;
  /** Origin domain (with `:port` when not the default) and origin path of each origin. */
  origins: { domain: string; path: string }[];
  comment: string;
}

export interface DeployServices {
  namespaces(): Promise<string[]>;
  createNamespace(name: string): Promise<void>;

  /** The parameter's clear value (SecureString decrypted), or undefined when it does not exist. */
  parameter(name: string): Promise<string | undefined>;
  putParameter(name: string, value: string): Promise<void>;

  inputs(): Promise<InputSummary[]>;
  createInput(request: CreateInputRequest): Promise<{ id: string }>;

  channels(): Promise<ChannelSummary[]>;
  describeChannel(id: string): Promise<DescribeChannelResponse>;
  createChannel(request: CreateChannelRequest): Promise<{ id: string }>;
  updateChannel(request: UpdateChannelRequest): Promise<void>;
  tagResource(arn: string, tags: Tags): Promise<void>;
  startChannel(id: string): Promise<void>;
  stopChannel(id: string): Promise<void>;

  distributions(): Promise<DistributionSummary[]>;
  distributionTags(arn: string): Promise<Tags>;
  distributionConfig(id: string): Promise<{ config: DistributionConfig; etag: string }>;
  createDistribution(request: DistributionConfigWithTags): Promise<{ id: string; domainName: string }>;
  updateDistribution(id: string, config: DistributionConfig, etag: string): Promise<void>;
  tagDistribution(arn: string, tags: Tags): Promise<void>;
}
