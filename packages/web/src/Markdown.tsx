import { useMemo } from 'preact/hooks';
import { renderMarkdown } from './markdown.ts';

/** Rendered, sanitised markdown (re-parsed only when the text changes). */
export function Markdown({ text }: { text: string }) {
  const html = useMemo(() => renderMarkdown(text), [text]);
  return <div class="md" dangerouslySetInnerHTML={{ __html: html }} />;
}
