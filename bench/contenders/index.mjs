// The library contenders by key, in the order the tables show them: Strata first (the reference of
// every ratio), its peers, then the floor. Each is imported only by the process that runs it, so no
// worker carries another client's modules in its memory.
export const CONTENDERS = {
  strata: { label: 'Strata', load: async () => (await import('./strata.mjs')).strata },
  'aws-sdk': { label: 'AWS SDK v3', load: async () => (await import('./aws-sdk.mjs')).awsSdk },
  'vercel-ai': { label: 'Vercel AI SDK', load: async () => (await import('./vercel-ai.mjs')).vercelAi },
  langchain: { label: 'LangChain', load: async () => (await import('./langchain.mjs')).langchain },
  floor: { label: 'floor (signed undici request)', load: async () => (await import('./floor.mjs')).floor },
};
