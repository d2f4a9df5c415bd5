/**
 * One SDK client per client class, account and region, configured once: no SDK-level retries
 * (the engine retries, so throttling slows the whole service down), connection timeouts, and
 * custom endpoints for AWS-compatible emulators.
 */
import { S3Client } from '@aws-sdk/client-s3';
import { S3ControlClient } from '@aws-sdk/client-s3-control';
import type { fromNodeProviderChain } from '@aws-sdk/credential-providers';
import type { AwsClient, ClientClass } from './descriptor.js';

/** A credential provider as @aws-sdk/credential-providers makes them (refreshing when they expire). */
export type CredentialProvider = ReturnType<typeof fromNodeProviderChain>;

/** Credentials as the SDK takes them: fixed, or a provider that refreshes. */
export type Credentials = Awaited<ReturnType<CredentialProvider>> | CredentialProvider;

/** How every client of a run is configured. */
export interface ClientSettings {
  /** One endpoint for every service (`--endpoint-url`, tests); env variables are read by the SDK. */
  endpoint?: string;
  /** Environment that decides S3 addressing for emulators (default process.env). */
  env: Record<string, string | undefined>;
  connectTimeoutMs: number;
  /** Sockets per client; the engine's limiters keep the real number of calls lower. */
  maxSockets: number;
}

/** Creates clients on first use and destroys them all at the end of a run. */
export class ClientPool {
  private readonly clients = new Map<string, AwsClient>();
  private readonly classIds = new Map<ClientClass, number>();

  constructor(private readonly settings: ClientSettings) {}

  /** The client of `clientClass` for this account (credentials) and region. */
  get(clientClass: ClientClass, accountId: string, region: string, credentials: Credentials): AwsClient {
    const key = `${this.idOf(clientClass)}|${accountId}|${region}`;
    let client = this.clients.get(key);
    if (!client) {
      const Client = clientClass as unknown as new (config: object) => AwsClient;
      client = new Client({ ...this.baseConfig(region, credentials), ...this.serviceConfig(clientClass, region) });
      this.clients.set(key, client);
    }
    return client;
  }

  /** Closes every socket the run opened. */
  destroyAll(): void {
    for (const client of this.clients.values()) client.destroy();
    this.clients.clear();
  }

  private idOf(clientClass: ClientClass): number {
    let id = this.classIds.get(clientClass);
    if (id === undefined) {
      id = this.classIds.size;
      this.classIds.set(clientClass, id);
    }
    return id;
  }

  private baseConfig(region: string, credentials: Credentials): object {
    const sockets = { maxSockets: this.settings.maxSockets };
    return {
      region,
      credentials,
      // Retries live in the engine: it backs off and lowers the service's concurrency together.
      maxAttempts: 1,
      requestHandler: { connectionTimeout: this.settings.connectTimeoutMs, httpAgent: sockets, httpsAgent: sockets },
      ...(this.settings.endpoint ? { endpoint: this.settings.endpoint } : {}),
    };
  }

  /** S3 and S3 Control need help to reach emulators, whose endpoints are not bucket- or account-addressable. */
  private serviceConfig(clientClass: ClientClass, region: string): object {
    if (clientClass === (S3Client as unknown as ClientClass)) {
      const custom = this.customEndpoint('S3') !== undefined;
      return { followRegionRedirects: true, ...(custom ? { forcePathStyle: true } : {}) };
    }
    if (clientClass === (S3ControlClient as unknown as ClientClass)) {
      const custom = this.customEndpoint('S3_CONTROL');
      // S3 Control puts the account id in front of the host, which an emulator's address
      // (often an IP) cannot take; the account id also travels in a header, so send as is.
      if (custom !== undefined) return { endpointProvider: () => verbatimEndpoint(custom, region) };
    }
    return {};
  }

  /** The endpoint configured for a service: explicit, or the SDK's environment variables. */
  private customEndpoint(serviceSuffix: string): string | undefined {
    const env = this.settings.env;
    if (this.settings.endpoint) return this.settings.endpoint;
    if (env['AWS_IGNORE_CONFIGURED_ENDPOINT_URLS'] === 'true') return undefined;
    return env[`AWS_ENDPOINT_URL_${serviceSuffix}`] || env['AWS_ENDPOINT_URL'] || undefined;
  }
}

function verbatimEndpoint(url: string, region: string): object {
  return {
    url: new URL(url),
    properties: { authSchemes: [{ name: 'sigv4', signingName: 's3', signingRegion: region, disableDoubleEncoding: true }] },
  };
}
