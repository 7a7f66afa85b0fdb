/** A usage-ledger row for `model` costing `costUsd`, optionally tied to a conversation and API key. */
export function spend(
  model: string,
  costUsd: number,
  extra: { conversationId?: string | null; apiKeyId?: string | null } = {},
) {
  return {
    conversationId: extra.conversationId ?? null,
    apiKeyId: extra.apiKeyId ?? null,
    source: 'app' as const,
    model,
    inputTokens: 100,
    outputTokens: 10,
    cacheReadInputTokens: 1,
    cacheWriteInputTokens: 2,
    costUsd,
  };
}
