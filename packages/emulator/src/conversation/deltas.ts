/**
 * Splits reply text into the deltas a stream sends. Real Bedrock sends a few words per delta; we split
 * on word boundaries into chunks of about `wordsPerDelta` words so that concatenating them gives back
 * the text exactly.
 */
export function splitIntoDeltas(text: string, wordsPerDelta = 3): string[] {
  if (text.length === 0) return [];
  const pieces = text.match(/\s*\S+\s*|\s+/g) ?? [text];
  const deltas: string[] = [];
  for (let i = 0; i < pieces.length; i += wordsPerDelta) {
    deltas.push(pieces.slice(i, i + wordsPerDelta).join(''));
  }
  return deltas;
}
