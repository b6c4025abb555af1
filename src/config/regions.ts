// Momento cells by AWS region (FACTS.md, from Momento's public platform/regions page).

const CELLS: Readonly<Record<string, string>> = {
  'us-east-1': 'cell-us-east-1-1.prod.a.momentohq.com',
  'us-east-2': 'cell-1-us-east-2-1.prod.a.momentohq.com',
  'us-west-2': 'cell-4-us-west-2-1.prod.a.momentohq.com',
  'eu-west-1': 'cell-1-eu-west-1-1.prod.a.momentohq.com',
  'eu-west-2': 'cell-1-eu-west-2-1.prod.a.momentohq.com',
  'eu-central-1': 'cell-1-eu-central-1-1.prod.a.momentohq.com',
  'ap-south-1': 'cell-1-ap-south-1-1.prod.a.momentohq.com',
  'ap-northeast-1': 'cell-ap-northeast-1-1.prod.a.momentohq.com',
  'ap-southeast-1': 'cell-1-ap-southeast-1-1.prod.a.momentohq.com',
  'ap-southeast-2': 'cell-1-ap-southeast-2-1.prod.a.momentohq.com',
};

/** The closest region with a Momento cell, for AWS regions that have none. */
const NEAREST_CELL_REGION: Readonly<Record<string, string>> = {
  'us-west-1': 'us-west-2',
  'ca-central-1': 'us-east-1',
  'ca-west-1': 'us-west-2',
  'sa-east-1': 'us-east-1',
  'eu-west-3': 'eu-west-1',
  'eu-north-1': 'eu-central-1',
  'eu-south-1': 'eu-central-1',
  'eu-central-2': 'eu-central-1',
  'ap-northeast-2': 'ap-northeast-1',
  'ap-northeast-3': 'ap-northeast-1',
  'ap-east-1': 'ap-southeast-1',
  'ap-south-2': 'ap-south-1',
  'ap-southeast-3': 'ap-southeast-1',
  'ap-southeast-4': 'ap-southeast-2',
  'me-central-1': 'ap-south-1',
  'me-south-1': 'ap-south-1',
  'af-south-1': 'eu-west-1',
};

export const MOMENTO_REGIONS: readonly string[] = Object.keys(CELLS);

export function isMomentoRegion(region: string): boolean {
  return Object.prototype.hasOwnProperty.call(CELLS, region);
}

/** `api.cache.<cell>`: the HTTP API host of the region's cell. */
export function restEndpointForRegion(region: string): string | undefined {
  return isMomentoRegion(region) ? `api.cache.${CELLS[region]}` : undefined;
}

/** The region whose REST endpoint this host is, if it is one. */
export function regionOfRestEndpoint(host: string): string | undefined {
  const lower = host.toLowerCase();
  return MOMENTO_REGIONS.find((region) => restEndpointForRegion(region) === lower);
}

export function nearestMomentoRegion(region: string): string | undefined {
  return NEAREST_CELL_REGION[region];
}

/** Hosts of the local sandbox: loopback only, where plain HTTP and ports are expected. */
export function isLoopbackHost(host: string): boolean {
  const name = host.toLowerCase().replace(/:\d+$/, '').replace(/^\[|\]$/g, '');
  return name === 'localhost' || name.endsWith('.localhost') || /^127(\.\d{1,3}){3}$/.test(name) || name === '::1';
}
