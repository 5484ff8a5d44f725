// Sends notices to the notify.json sinks without ever holding up the watch: a rate limit, each sink in order, failures said once.
import type { NotifyConfig } from './notify-config.js';
import type { Notice } from './notify-message.js';
import { checkDesktop, type DeliverySink, deliverNotice, describeSink } from './notify-sinks.js';

export interface Notifier {
  /** Queues the notice for every sink and returns at once; dropped (and said) past the rate limit. */
  send(notice: Notice): void;
  /** Waits for what is still on its way, at most one delivery's worst case (two timeouts and the retry's pause). */
  drain(): Promise<void>;
}

export interface NotifierOptions {
  config: Pick<NotifyConfig, 'sinks' | 'perMinute' | 'timeoutMs' | 'file'>;
  env: NodeJS.ProcessEnv;
  /** Where the notifier's own notes go (stderr in the watch). */
  note: (line: string) => void;
  clock?: () => number;
}

const MINUTE_MS = 60_000;
/** Past a delivery's two timeouts: the retry's pause and a loaded machine's delays (the watch ends this much later at most). */
const DRAIN_SLACK_MS = 3000;

export function createNotifier(options: NotifierOptions): Notifier {
  const { config, env, note } = options;
  const clock = options.clock ?? Date.now;
  const sinks = selectSinks(config, env, note);
  const queues: Array<Promise<void>> = sinks.map(() => Promise.resolve());
  const failed = new Set<number>();
  let sent: number[] = [];
  let dropped = 0;
  return {
    send(notice) {
      if (sinks.length === 0) return;
      const nowMs = clock();
      sent = sent.filter((at) => nowMs - at < MINUTE_MS);
      if (sent.length >= config.perMinute) {
        if (dropped === 0)
          note(
            `notify: more than ${config.perMinute} notifications in a minute (rate_limit.per_minute in ${config.file}): "${notice.title}" and any more are dropped until the minute has passed`,
          );
        dropped += 1;
        return;
      }
      sent.push(nowMs);
      const shown = dropped === 0 ? notice : withDropped(notice, dropped);
      if (dropped > 0) note(`notify: ${dropped} notification${dropped === 1 ? ' was' : 's were'} dropped by the rate limit`);
      dropped = 0;
      sinks.forEach((sink, index) => {
        queues[index] = (queues[index] as Promise<void>).then(async () => {
          const why = await deliverNotice(sink, shown, config.timeoutMs, env);
          if (why === null || failed.has(index)) return;
          failed.add(index);
          note(`notify: ${describeSink(sink)} failed (${why}); the watch goes on, and later failures of it are not repeated`);
        });
      });
    },
    async drain() {
      if (dropped > 0) note(`notify: ${dropped} notification${dropped === 1 ? ' was' : 's were'} dropped by the rate limit`);
      dropped = 0;
      let timer: NodeJS.Timeout | undefined;
      const limit = new Promise<'late'>((resolve) => {
        timer = setTimeout(() => resolve('late'), 2 * config.timeoutMs + DRAIN_SLACK_MS);
        timer.unref();
      });
      const done = await Promise.race([Promise.all(queues).then(() => 'done' as const), limit]);
      clearTimeout(timer);
      if (done === 'late') note('notify: gave up waiting for notifications still on their way');
    },
  };
}

/** The delivery sinks; a desktop sink where no desktop is (a server, a container) is said once and left out. */
function selectSinks(config: NotifierOptions['config'], env: NodeJS.ProcessEnv, note: (line: string) => void): DeliverySink[] {
  const sinks: DeliverySink[] = [];
  for (const sink of config.sinks) {
    if (sink.type === 'command') continue;
    const missing = sink.type === 'desktop' ? checkDesktop(env) : null;
    if (missing === null) sinks.push(sink);
    else note(`notify: the desktop sink in ${config.file} is left out: ${missing}`);
  }
  return sinks;
}

function withDropped(notice: Notice, dropped: number): Notice {
  const line = `(${dropped} earlier notification${dropped === 1 ? ' was' : 's were'} dropped by the rate limit)`;
  return { ...notice, text: `${notice.text}\n${line}`, fields: { ...notice.fields, dropped } };
}
