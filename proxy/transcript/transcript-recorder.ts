// Appends one TurnRecord per exchange attributed to a window to that window's turns.jsonl (opt-in: `transcripts`).
import {
  appendTurnRecordAsync,
  EVIDENCE_CAPS,
  EVIDENCE_READ_CAPS,
  type TurnMessage,
  type TurnRecord,
} from '../../ledger/evidence/index.js';
import type { TelemetryRow } from '../../ledger/index.js';
import { redactAndCut } from '../../ledger/evidence/index.js';
import { redactKnownKeys } from '../server/redact-known-keys.js';
import type { ApiKind } from '../tap/usage-tap.js';
import { createResponseCollector, type ResponseCollector } from './collect-response.js';
import { convertMessage, readRequestConversation } from './read-request-turn.js';

export interface TranscriptOptions {
  /** The data dir whose evidence/<window>/turns.jsonl the turns go to. */
  dataDir: string;
  /** Bytes of text and tool input kept per response (default EVIDENCE_CAPS.response). */
  responseCap?: number;
  /** Told why a turn could not be written (a full disk): the exchange itself is never failed for it. */
  onProblem?: (message: string) => void;
  /** Which windows get a transcript (default: all); a run names only its arms running now (cli/start-run-services.ts). */
  acceptWindow?: (windowId: string) => boolean;
  /** Bytes of requests and responses held for turns not yet written (default MAX_WAITING_BYTES). */
  maxWaitingBytes?: number;
  /** Bytes of one window's turns.jsonl past which its turns are not kept (default: what readArmEvidence reads). */
  maxWindowBytes?: number;
}

interface TurnInput {
  windowId: string;
  kind: ApiKind;
  session: string | null;
  /** This exchange's key values (the proxy's keys and token, the client's credentials), hidden whatever their shape. */
  secrets: readonly string[];
  body: Buffer | null;
  collector: ResponseCollector;
  row: TelemetryRow;
}

/** One exchange's transcript: the collector its response is fed to, and `finish` once its telemetry row exists. */
export interface ExchangeTranscript {
  collector: ResponseCollector;
  finish(row: TelemetryRow, body: Buffer | null): void;
}

/** Conversations remembered (messages seen per conversation); past it the oldest is forgotten. */
const MAX_CONVERSATIONS = 2000;

/**
 * Each turn waiting for the disk holds its request body and response bytes. A disk that stalls (a hung network
 * mount) would otherwise grow the proxy's memory with every exchange until it died, failing every client; past this
 * a turn is not kept (its seq is skipped, and the problem told).
 */
const MAX_WAITING_BYTES = 256 * 1024 * 1024;

export class TranscriptRecorder {
  private readonly seen = new Map<string, number>();
  private readonly seqs = new Map<string, number>();
  private readonly cap: number;
  /** The writes in the order the exchanges settled: each append waits for the one before. */
  private tail: Promise<void> = Promise.resolve();
  private waitingBytes = 0;
  private readonly maxWaitingBytes: number;
  private readonly maxWindowBytes: number;
  /** Windows whose turns.jsonl is full, told once each. */
  private readonly full = new Set<string>();

  constructor(private readonly options: TranscriptOptions) {
    this.cap = options.responseCap ?? EVIDENCE_CAPS.response;
    this.maxWaitingBytes = options.maxWaitingBytes ?? MAX_WAITING_BYTES;
    this.maxWindowBytes = options.maxWindowBytes ?? EVIDENCE_READ_CAPS.turns;
  }

  /**
   * Opens the transcript of one exchange attributed to `windowId`; null for one attributed to no window. `secrets` are
   * the exchange's key values (collectSecrets), hidden as the telemetry row hides them: an agent may echo its own.
   */
  open(kind: ApiKind, windowId: string | null, session: string | null, secrets: readonly string[] = []): ExchangeTranscript | null {
    if (windowId === null || this.options.acceptWindow?.(windowId) === false) return null;
    const collector = createResponseCollector(kind, this.cap);
    return { collector, finish: (row, body) => this.record({ windowId, kind, session, secrets, body, collector, row }) };
  }

  /** Resolves once every turn recorded so far is written (or has failed and been reported). */
  flush(): Promise<void> {
    return this.tail;
  }

  /**
   * Numbers the turn now (the order exchanges settled in); it is built and written after the exchange's own end, on
   * the write chain: reading the request and the response is off the path the client's latency is measured on.
   */
  private record(input: TurnInput): void {
    const seq = (this.seqs.get(input.windowId) ?? 0) + 1;
    this.seqs.set(input.windowId, seq);
    const held = (input.body?.length ?? 0) + input.collector.heldBytes();
    if (this.waitingBytes + held > this.maxWaitingBytes) {
      const waiting = Math.round(this.waitingBytes / 1024 / 1024);
      this.options.onProblem?.(
        `transcript of window ${input.windowId}, turn ${seq}: not kept, ${waiting} MB of turns still wait for the disk`,
      );
      return;
    }
    this.waitingBytes += held;
    this.tail = this.tail
      .then(() => new Promise<void>((resolve) => setImmediate(resolve)))
      .then(async () => {
        if (this.full.has(input.windowId)) return;
        const turn = this.buildTurn(seq, input);
        if (await appendTurnRecordAsync(this.options.dataDir, input.windowId, turn, this.maxWindowBytes)) return;
        this.full.add(input.windowId);
        this.options.onProblem?.(
          `transcript of window ${input.windowId}: turns.jsonl reached ${this.maxWindowBytes} bytes, turns from ${seq} on are not kept`,
        );
      })
      .catch((error: unknown) => {
        this.options.onProblem?.(`transcript of window ${input.windowId}, turn ${seq}: ${(error as Error).message}`);
      })
      .finally(() => {
        this.waitingBytes -= held;
      });
  }

  private buildTurn(seq: number, input: TurnInput): TurnRecord {
    const { row } = input;
    const draft = input.collector.finish();
    const request = this.readNewMessages(input);
    const hide = (value: string): string => redactKnownKeys(value, input.secrets);
    const text = redactAndCut(hide(draft.text), this.cap);
    return {
      seq,
      at: row.timestamp,
      method: row.method ?? 'POST',
      path: row.path ?? '',
      model: row.model,
      requested_model: row.requested_model ?? null,
      backend_provider: row.backend_provider,
      route: row.route ?? null,
      subagent_id: row.subagent_id,
      status: row.status,
      latency_ms: row.latency_ms,
      tokens: {
        input: row.prompt_tokens,
        output: row.completion_tokens,
        cache_read: row.cache_read_tokens ?? null,
        cache_creation: row.cache_creation_tokens ?? null,
      },
      request: { messages: request.messages, tools: request.tools, bytes: input.body?.length ?? 0 },
      response: {
        text: text.text,
        tool_calls: draft.toolCalls.map((call) => ({ ...call, input: redactAndCut(hide(call.input), EVIDENCE_CAPS.toolInput).text })),
        stop_reason: draft.stopReason ?? (row.error_type ? `error: ${row.error_type}` : null),
        bytes: draft.bytes,
      },
      truncated: draft.truncated || text.truncated || request.truncated,
    };
  }

  /**
   * Clients resend the whole conversation each turn: only the messages past the count this conversation had last
   * time are new. A conversation is told by window, session and its first message (a sub-agent's differs from the
   * main agent's). When the count did not grow (a retry, a compacted conversation), the last message stands for the turn.
   */
  private readNewMessages(input: TurnInput): { messages: TurnMessage[]; tools: string[]; truncated: boolean } {
    const conversation = input.body ? readRequestConversation(input.kind, input.body) : null;
    if (!conversation) return { messages: [], tools: [], truncated: false };
    const key = `${input.windowId}\u0000${input.session ?? ''}\u0000${conversation.firstText}`;
    const before = this.seen.get(key) ?? 0;
    const all = conversation.messages;
    const fresh = all.length > before ? all.slice(before) : all.slice(-1);
    this.seen.delete(key);
    this.seen.set(key, all.length);
    if (this.seen.size > MAX_CONVERSATIONS) this.seen.delete(this.seen.keys().next().value as string);
    let truncated = false;
    const messages = fresh.map((value) => {
      const converted = convertMessage(input.kind, value, EVIDENCE_CAPS.messageText, input.secrets);
      truncated ||= converted.truncated;
      return converted.message;
    });
    return { messages, tools: conversation.tools, truncated };
  }
}
