import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { ImageFormat, ToolResultContent } from '@strata/bedrock';
import type { ToolOutput } from '../tools/tool.js';

const IMAGE_FORMATS: Record<string, ImageFormat> = {
  'image/png': 'png',
  'image/jpeg': 'jpeg',
  'image/jpg': 'jpeg',
  'image/gif': 'gif',
  'image/webp': 'webp',
};

type McpContent = CallToolResult['content'][number];

const text = (value: string): ToolResultContent => ({ type: 'text', text: value });

function imageBlock(data: string, mimeType: string, what: string): ToolResultContent {
  const format = IMAGE_FORMATS[mimeType.toLowerCase()];
  if (format) return { type: 'image', format, source: { type: 'base64', data } };
  // Bedrock takes only these four image formats; a note tells the model something was there.
  return text(`[${what} of type ${mimeType} omitted: only png, jpeg, gif and webp images can be shown]`);
}

function block(content: McpContent): ToolResultContent {
  switch (content.type) {
    case 'text':
      return text(content.text);
    case 'image':
      return imageBlock(content.data, content.mimeType, 'An image');
    case 'audio':
      return text(`[audio of type ${content.mimeType} omitted: audio cannot be shown]`);
    case 'resource_link':
      return text(`[resource link: ${content.name} <${content.uri}>]`);
    case 'resource': {
      const { resource } = content;
      if ('text' in resource) return text(resource.text);
      const mimeType = resource.mimeType ?? 'application/octet-stream';
      if (mimeType.startsWith('image/'))
        return imageBlock(resource.blob, mimeType, `The resource ${resource.uri}`);
      return text(`[binary resource ${resource.uri} (${mimeType}) omitted]`);
    }
  }
}

/** Whether a text block merely repeats the structured content, as the MCP spec asks servers to do. */
function repeats(value: string, structured: Record<string, unknown>): boolean {
  try {
    return JSON.stringify(JSON.parse(value)) === JSON.stringify(structured);
  } catch {
    return false;
  }
}

/**
 * An MCP tool result in the unified content model. Structured content becomes a json block and the
 * text copy of it servers add for older clients is dropped, so the model does not read it twice.
 * `isError: true` results stay results (the model should see what the tool said), not exceptions.
 */
export function toToolOutput(result: CallToolResult): ToolOutput {
  const { structuredContent } = result;
  const content = result.content
    .filter((c) => !(structuredContent && c.type === 'text' && repeats(c.text, structuredContent)))
    .map(block);
  if (structuredContent) content.push({ type: 'json', json: structuredContent });
  // Bedrock refuses an empty tool result; say so rather than send nothing.
  if (content.length === 0) content.push(text('(the tool returned no content)'));
  return result.isError ? { content, isError: true } : { content };
}
