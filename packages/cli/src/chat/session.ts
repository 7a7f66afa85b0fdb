import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import {
  type AgentEvent,
  type AgentTool,
  type ApprovalDecision,
  type ApprovalRequest,
  runAgent,
} from '@strata/agent';
import type { Bedrock, ContentBlock, ImageFormat, Message } from '@strata/bedrock';

const IMAGE_FORMATS: Record<string, ImageFormat> = {
  '.png': 'png',
  '.jpg': 'jpeg',
  '.jpeg': 'jpeg',
  '.gif': 'gif',
  '.webp': 'webp',
};

export interface ChatOutput {
  text(delta: string): void;
  reasoning(delta: string): void;
  tool(line: string): void;
  note(line: string): void;
}

/** One chat session: the model, system prompt, history and totals that /commands change and report. */
export class ChatSession {
  messages: Message[] = [];
  images: ContentBlock[] = [];
  totalCost = 0;
  totalInput = 0;
  totalOutput = 0;

  constructor(
    private readonly bedrock: Bedrock,
    public model: string,
    public system: string | undefined,
    private readonly tools: AgentTool[],
    private readonly workspace: string,
    private readonly approve: (request: ApprovalRequest) => Promise<ApprovalDecision>,
  ) {}

  async attachImage(path: string): Promise<void> {
    const format = IMAGE_FORMATS[extname(path).toLowerCase()];
    if (!format) throw new Error(`${path}: images must be .png, .jpg, .gif or .webp.`);
    const data = await readFile(path);
    this.images.push({ type: 'image', format, source: { type: 'bytes', data } });
  }

  /** Runs one user turn, writing what arrives as it arrives; resolves with the stop reason. */
  async turn(text: string, out: ChatOutput, signal: AbortSignal): Promise<string> {
    const content: ContentBlock[] = [...this.images, { type: 'text', text }];
    this.images = [];
    const run = runAgent({
      bedrock: this.bedrock,
      model: this.model,
      messages: [...this.messages, { role: 'user', content }],
      tools: this.tools,
      workspace: this.workspace,
      approve: this.approve,
      signal,
      ...(this.system ? { system: this.system } : {}),
    });
    let stop = 'end_turn';
    for await (const event of run) stop = this.render(event, out) ?? stop;
    return stop;
  }

  private render(event: AgentEvent, out: ChatOutput): string | undefined {
    switch (event.type) {
      case 'text-delta':
        out.text(event.text);
        return undefined;
      case 'reasoning-delta':
        if (event.text) out.reasoning(event.text);
        return undefined;
      case 'tool-start':
        out.tool(`→ ${event.tool} ${JSON.stringify(event.input).slice(0, 120)}`);
        return undefined;
      case 'tool-result':
        out.tool(`← ${event.tool} ${event.status} (${event.durationMs} ms)`);
        return undefined;
      case 'done':
        this.messages = event.messages;
        this.totalCost += event.cost.total;
        this.totalInput += event.usage.inputTokens;
        this.totalOutput += event.usage.outputTokens;
        if (event.error) out.note(`Error (${event.error.code}): ${event.error.message}`);
        return event.stopReason;
      default:
        return undefined;
    }
  }
}
