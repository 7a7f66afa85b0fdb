import { createHmac } from 'node:crypto';

const hmac = (key: string | Buffer, data: string): Buffer => createHmac('sha256', key).update(data).digest();

/**
 * Derived SigV4 signing keys, per (secret, date, region, service). A key changes once a day, so at
 * thousands of requests a second this turns four HMACs per request into one map lookup.
 */
export class SigningKeyCache {
  readonly #keys = new Map<string, Buffer>();

  constructor(private readonly maxEntries = 256) {}

  get(secretAccessKey: string, shortDate: string, region: string, service: string): Buffer {
    const id = `${shortDate}/${region}/${service}/${secretAccessKey}`;
    const cached = this.#keys.get(id);
    if (cached) return cached;
    const key = hmac(hmac(hmac(hmac(`AWS4${secretAccessKey}`, shortDate), region), service), 'aws4_request');
    if (this.#keys.size >= this.maxEntries) {
      // Oldest first: yesterday's keys are the ones that fall out of use.
      const oldest = this.#keys.keys().next();
      if (!oldest.done) this.#keys.delete(oldest.value);
    }
    this.#keys.set(id, key);
    return key;
  }
}
