import { useEffect, useRef, useState } from 'preact/hooks';
import { api, getApiKey, setApiKey } from './api.ts';
import { matchModel } from './turn.ts';
import type { ModelInfo, Settings as SettingsDoc, Status } from './types.ts';

interface Props {
  models: ModelInfo[];
  status: Status | null;
  onSaved(keyChanged: boolean, model: string | undefined): void;
}

/** The API key (kept in this browser) and the gateway's settings: default model, system prompt. */
export function Settings({ models, status, onSaved }: Props) {
  const heading = useRef<HTMLHeadingElement>(null);
  const [doc, setDoc] = useState<SettingsDoc | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [key, setKey] = useState(getApiKey());
  const [showKey, setShowKey] = useState(false);
  const [model, setModel] = useState('');
  const [system, setSystem] = useState('');
  const [saving, setSaving] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [version, setVersion] = useState(0);

  useEffect(() => heading.current?.focus(), []);

  useEffect(() => {
    let cancelled = false;
    api.settings().then(
      (s) => {
        if (cancelled) return;
        setDoc(s);
        setLoadError(null);
        setModel(typeof s.model === 'string' ? s.model : '');
        setSystem(typeof s.system === 'string' ? s.system : '');
      },
      (err: Error) => {
        if (!cancelled) setLoadError(err.message);
      },
    );
    return () => {
      cancelled = true;
    };
  }, [version]);

  const save = async (e: Event) => {
    e.preventDefault();
    setSaving(true);
    setMessage(null);
    const keyChanged = key.trim() !== getApiKey();
    setApiKey(key.trim());
    try {
      if (doc) {
        const next: SettingsDoc = { ...doc, cliProvider: doc.cliProvider ?? 'bedrock', model };
        if (system.trim()) next.system = system;
        else delete next.system;
        const saved = await api.saveSettings(next);
        if (saved && typeof saved === 'object') setDoc(saved);
        setMessage({ ok: true, text: 'Settings saved.' });
      } else {
        setMessage({ ok: true, text: 'API key saved in this browser.' });
      }
      onSaved(keyChanged, doc ? model : undefined);
      if (keyChanged || !doc) setVersion((v) => v + 1);
    } catch (err) {
      setMessage({ ok: false, text: (err as Error).message });
      if (keyChanged) onSaved(true, undefined);
    } finally {
      setSaving(false);
    }
  };

  const known = matchModel(models, model);
  const keyProps = {
    id: 'api-key',
    autocomplete: 'off',
    spellcheck: false,
    value: key,
    'aria-describedby': 'api-key-hint',
    'data-testid': 'api-key-input',
    onInput: (e: Event) => setKey((e.currentTarget as HTMLInputElement).value),
  };

  return (
    <section class="page settings" aria-labelledby="settings-title">
      <h1 id="settings-title" ref={heading} tabIndex={-1}>
        Settings
      </h1>
      <form onSubmit={save} class="form">
        <fieldset>
          <legend>Access</legend>
          <label for="api-key">API key</label>
          <div class="inline">
            {showKey ? <input type="text" {...keyProps} /> : <input type="password" {...keyProps} />}
            <button type="button" class="button" aria-pressed={showKey} onClick={() => setShowKey((s) => !s)}>
              {showKey ? 'Hide' : 'Show'}
            </button>
          </div>
          <p id="api-key-hint" class="hint">
            Needed when the gateway requires keys. Kept in this browser only (localStorage) and sent as a
            bearer token.
          </p>
        </fieldset>

        <fieldset disabled={!doc}>
          <legend>Defaults</legend>
          {loadError && (
            <p class="notice error" role="alert">
              Could not load the gateway's settings: {loadError}
            </p>
          )}
          <label for="settings-provider">Provider</label>
          <input id="settings-provider" value={doc?.cliProvider ?? 'bedrock'} readOnly />
          <label for="settings-model">Default model for new conversations</label>
          <select
            id="settings-model"
            value={known?.id ?? model}
            onChange={(e) => setModel(e.currentTarget.value)}
          >
            {!known && <option value={model}>{model || 'Gateway default'}</option>}
            {models.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name} ({m.provider})
              </option>
            ))}
          </select>
          <label for="settings-system">System prompt</label>
          <textarea
            id="settings-system"
            rows={6}
            value={system}
            aria-describedby="system-hint"
            onInput={(e) => setSystem(e.currentTarget.value)}
          />
          <p id="system-hint" class="hint">
            Sent with every new turn. Leave empty for none.
          </p>
        </fieldset>

        <div class="form-actions">
          <button type="submit" class="button primary" disabled={saving}>
            {saving ? 'Saving…' : 'Save'}
          </button>
          <p role="status" class={message ? (message.ok ? 'ok' : 'error') : undefined}>
            {message?.text}
          </p>
        </div>
      </form>
      {status && (
        <p class="muted small">
          Gateway {status.version}
          {status.emulator ? ' · emulator mode: replies are emulated' : ''}
        </p>
      )}
    </section>
  );
}
