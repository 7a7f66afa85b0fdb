import type { RefObject } from 'preact';
import { useLayoutEffect, useState } from 'preact/hooks';
import { IMAGE_TYPES, type PendingImage, readImage } from './images.ts';

interface Props {
  inputRef: RefObject<HTMLTextAreaElement | null>;
  /** Set by the composer so the chat view can hand it images dropped anywhere on it. */
  addFilesRef: { current: ((files: File[]) => void) | null };
  streaming: boolean;
  stopping: boolean;
  disabled: boolean;
  /** Resolves true when the message was accepted (the composer then clears). */
  onSend(text: string, images: PendingImage[]): Promise<boolean>;
  onStop(): void;
}

const MAX_IMAGES = 20;

/** The message box: text, attached images (picker, drag and drop, paste), send and stop. */
export function Composer({ inputRef, addFilesRef, streaming, stopping, disabled, onSend, onStop }: Props) {
  const [text, setText] = useState('');
  const [images, setImages] = useState<PendingImage[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const [sending, setSending] = useState(false);

  const addFiles = async (files: File[]) => {
    const problems: string[] = [];
    const read: PendingImage[] = [];
    for (const file of files) {
      try {
        read.push(await readImage(file));
      } catch (err) {
        problems.push((err as Error).message);
      }
    }
    setImages((list) => {
      const next = [...list, ...read];
      if (next.length > MAX_IMAGES) problems.push(`At most ${MAX_IMAGES} images per message.`);
      return next.slice(0, MAX_IMAGES);
    });
    setProblem(problems.length > 0 ? problems.join(' ') : null);
  };
  addFilesRef.current = addFiles;

  // Grow with the text, up to the CSS max-height.
  useLayoutEffect(() => {
    const el = inputRef.current;
    if (!el) return;
    el.style.height = 'auto';
    el.style.height = `${el.scrollHeight + 2}px`;
  }, [text, inputRef]);

  const canSend = !streaming && !sending && !disabled && (text.trim() !== '' || images.length > 0);

  const submit = async () => {
    if (!canSend) return;
    setSending(true);
    const ok = await onSend(text.trim(), images);
    setSending(false);
    if (ok) {
      setText('');
      setImages([]);
      setProblem(null);
    }
    inputRef.current?.focus();
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      void submit();
    } else if (e.key === 'Escape' && streaming) {
      e.preventDefault();
      onStop();
    }
  };

  const onPaste = (e: ClipboardEvent) => {
    const files: File[] = [];
    for (const item of Array.from(e.clipboardData?.items ?? [])) {
      if (item.kind === 'file' && item.type.startsWith('image/')) {
        const f = item.getAsFile();
        if (f) files.push(f);
      }
    }
    if (files.length > 0) {
      e.preventDefault();
      void addFiles(files);
    }
  };

  return (
    <form
      class="composer"
      aria-label="Send a message"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      {images.length > 0 && (
        <ul class="attachments" aria-label="Attached images">
          {images.map((img, i) => (
            <li key={img.url}>
              <img src={img.url} alt={img.name} />
              <button
                type="button"
                class="icon-button remove"
                aria-label={`Remove ${img.name}`}
                onClick={() => setImages((list) => list.filter((_, j) => j !== i))}
              >
                <span aria-hidden="true">×</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {problem && (
        <p class="notice error" role="alert">
          {problem}
        </p>
      )}
      <div class="composer-row">
        <label class="attach" title="Attach images (or drop / paste them)">
          <svg
            aria-hidden="true"
            width="20"
            height="20"
            viewBox="0 0 24 24"
            fill="none"
            stroke="currentColor"
            stroke-width="2"
            stroke-linecap="round"
            stroke-linejoin="round"
          >
            <path d="m21.4 11.1-9.2 9.2a6 6 0 0 1-8.5-8.5l9.2-9.2a4 4 0 0 1 5.7 5.7l-9.2 9.2a2 2 0 0 1-2.8-2.8l8.5-8.5" />
          </svg>
          <span class="sr-only">Attach images</span>
          <input
            class="sr-only"
            type="file"
            accept={IMAGE_TYPES.join(',')}
            multiple
            data-testid="image-input"
            onChange={(e) => {
              const input = e.currentTarget;
              void addFiles(Array.from(input.files ?? []));
              input.value = '';
            }}
          />
        </label>
        <label class="sr-only" for="composer-input">
          Message
        </label>
        <textarea
          id="composer-input"
          ref={inputRef}
          rows={1}
          value={text}
          placeholder="Message Strata…"
          aria-describedby="composer-hint"
          data-testid="composer-input"
          onInput={(e) => setText(e.currentTarget.value)}
          onKeyDown={onKeyDown}
          onPaste={onPaste}
        />
        {streaming ? (
          <button
            type="button"
            class="button danger"
            data-testid="stop-button"
            onClick={onStop}
            disabled={stopping}
          >
            {stopping ? 'Stopping…' : 'Stop'}
          </button>
        ) : (
          <button type="submit" class="button primary" data-testid="send-button" disabled={!canSend}>
            Send
          </button>
        )}
      </div>
      <p id="composer-hint" class="hint">
        Enter to send · Shift+Enter for a new line{streaming ? ' · Esc to stop' : ''}
      </p>
    </form>
  );
}
