/** An access key pair the emulator accepts for SigV4. */
export interface Credential {
  accessKeyId: string;
  secretAccessKey: string;
}

export interface AuthConfig {
  /** Key pairs whose signatures are verified. The emulator's default is `[{ test, test }]`. */
  credentials: Credential[];
  /**
   * Accept any access key id. A request signed with a key listed in `credentials` is still verified; one
   * signed with any other key is accepted once its header, scope and date are well formed (its secret is
   * unknown, so its signature can only be checked for shape).
   */
  anyCredentials: boolean;
  /** Accepted Bedrock API keys (`Authorization: Bearer`); empty accepts any well-formed key. */
  apiKeys: string[];
  /** How far `x-amz-date` may be from the emulator's clock. Default 5 minutes, as Bedrock. */
  clockSkewMs?: number;
  /** When set, the credential scope must name this region, as the real endpoint of that region demands. */
  region?: string;
}

export interface AuthRequest {
  method: string;
  /** The path as received, still percent-encoded. */
  rawPath: string;
  /** The query string as received, without `?`. */
  rawQuery: string;
  /** Lower-cased names. HTTP/2 requests carry `:authority` where HTTP/1.1 has `host`. */
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

export type AuthResult =
  | { kind: 'sigv4'; accessKeyId: string; region: string; service: string }
  | { kind: 'bearer' };
