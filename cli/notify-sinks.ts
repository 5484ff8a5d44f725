// Delivers one notification to one sink: a webhook (POST, a timeout, one retry) or the desktop (notify-send).
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { execa } from 'execa';
import { redactText } from '../kernel/index.js';
import type { NotifySink, WebhookSink } from './notify-config.js';
import { buildWebhookRequest, type Notice } from './notify-message.js';

/** The sinks a notifier delivers to itself; the command sink runs as `--on-alert` does (watch-bar-alerts.ts). */
export type DeliverySink = Exclude<NotifySink, { type: 'command' }>;

/** Before the retry: long enough for a restarting service, short enough not to matter. */
const RETRY_PAUSE_MS = 500;

/** How a sink is named in a message: a webhook by its host alone, since its path is the secret (a Slack or ntfy URL). */
export function describeSink(sink: DeliverySink): string {
  if (sink.type === 'desktop') return 'the desktop sink (notify-send)';
  return `the ${sink.format} webhook on ${new URL(sink.url).host}`;
}

/** Null when the desktop can be notified here; else why not (no notify-send on PATH, no graphical session). */
export function checkDesktop(env: NodeJS.ProcessEnv): string | null {
  if (!findOnPath('notify-send', env.PATH ?? '')) return 'no notify-send on PATH (Debian and Ubuntu: apt install libnotify-bin)';
  if (!env.DISPLAY && !env.WAYLAND_DISPLAY && !env.DBUS_SESSION_BUS_ADDRESS)
    return 'no graphical session (none of DISPLAY, WAYLAND_DISPLAY, DBUS_SESSION_BUS_ADDRESS is set)';
  return null;
}

/** Null when delivered; else why not, in words that never hold the webhook's URL. Never throws. */
export async function deliverNotice(sink: DeliverySink, notice: Notice, timeoutMs: number, env: NodeJS.ProcessEnv): Promise<string | null> {
  try {
    return sink.type === 'desktop' ? await notifyDesktop(notice, timeoutMs, env) : await postWebhook(sink, notice, timeoutMs);
  } catch (error) {
    return sink.type === 'webhook' ? scrubUrl(String(error), sink.url) : redactText(String(error));
  }
}

/** Network errors, timeouts, 5xx and 429 are tried once more; any other answer is final. */
async function postWebhook(sink: WebhookSink, notice: Notice, timeoutMs: number): Promise<string | null> {
  const request = buildWebhookRequest(notice, sink.format);
  let why = '';
  for (let attempt = 1; attempt <= 2; attempt += 1) {
    if (attempt === 2) await new Promise((resolve) => setTimeout(resolve, RETRY_PAUSE_MS));
    try {
      // A redirect is not followed: it would carry the message (and a service's token in its path) somewhere unnamed.
      const response = await fetch(sink.url, {
        method: 'POST',
        headers: request.headers,
        body: request.body,
        redirect: 'manual',
        signal: AbortSignal.timeout(timeoutMs),
      });
      // The answer's body is never read: it may echo the URL, and a hostile server may send it without end.
      await response.body?.cancel().catch(() => undefined);
      if (response.ok) return null;
      why = `HTTP ${response.status}${response.status >= 300 && response.status < 400 ? ', a redirect, not followed' : ''}`;
      if (response.status < 500 && response.status !== 429) return why;
    } catch (error) {
      why = describeFetchError(error, timeoutMs);
    }
  }
  return `${scrubUrl(why, sink.url)}, also on the retry`;
}

async function notifyDesktop(notice: Notice, timeoutMs: number, env: NodeJS.ProcessEnv): Promise<string | null> {
  const urgency = notice.urgent ? 'critical' : 'normal';
  // An argument list, no shell: a provider's name or a headroom line is text, never a command.
  const result = await execa('notify-send', ['--app-name=agent-tracker', `--urgency=${urgency}`, '--', notice.title, notice.text], {
    env,
    extendEnv: false,
    stdin: 'ignore',
    stdout: 'ignore',
    stderr: 'ignore',
    reject: false,
    timeout: timeoutMs,
  });
  if (result.timedOut) return `notify-send gave no answer within ${timeoutMs / 1000}s`;
  return result.failed ? `notify-send failed (${result.exitCode === undefined ? 'did not start' : `exit code ${result.exitCode}`})` : null;
}

/** undici's `fetch failed` hides the reason in its cause: ECONNREFUSED, a reset, a TLS error. */
function describeFetchError(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError'))
    return `no answer within ${timeoutMs / 1000}s`;
  const cause = error instanceof Error ? (error.cause as { code?: unknown; message?: unknown } | undefined) : undefined;
  if (cause && typeof cause.code === 'string') return cause.code;
  return error instanceof Error ? error.message : String(error);
}

/** The URL, its path and query taken out of a message, then the kernel's redaction over the rest. */
export function scrubUrl(text: string, url: string): string {
  let out = text.split(url).join('[webhook URL]');
  const parsed = URL.canParse(url) ? new URL(url) : null;
  const secret = parsed === null ? '' : `${parsed.pathname}${parsed.search}`;
  if (secret.length > 1) out = out.split(secret).join('/[REDACTED]');
  if (parsed?.password) out = out.split(parsed.password).join('[REDACTED]');
  return redactText(out);
}

function findOnPath(name: string, path: string): boolean {
  return path.split(delimiter).some((dir) => {
    if (dir === '') return false;
    try {
      accessSync(join(dir, name), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}
