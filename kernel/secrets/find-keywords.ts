// Which of many lower-case keywords a text holds, case aside, in one pass: the prefilter that decides which secret rules run.

/**
 * An Aho-Corasick automaton, as gitleaks prefilters its rules (config.go, a keyword trie over the lower-cased text),
 * read as a DFA whose transitions are worked out when first taken (a ledger row's short strings take a few dozen;
 * the whole table, 1,281 states by 128 characters, took 86-121 ms to fill on a loaded machine, each process again;
 * built so, the automaton takes about 1.6 ms).
 * Characters are read through classes: upper and lower case alike, so the text is never copied or lower-cased, and
 * every character no keyword holds one class. Measured on 1 MiB of docs and code with gitleaks' 244 keywords: 5.4 ms,
 * against 14 ms for one alternation regex and 176 ms for an `includes` a keyword (and an alternation misses
 * overlapping keywords).
 */
interface Automaton {
  /** Class of each ASCII character; 0: in no keyword. */
  classes: Uint8Array;
  classCount: number;
  /** The trie: state * classCount + class -> child + 1, 0 for none (typed arrays start at 0: no fill). */
  trie: Int32Array;
  fail: Int32Array;
  /** state * classCount + class -> next state + 1, 0 until worked out. */
  table: Int32Array;
  /** The keyword a state ends, + 1 (keywords are distinct: one at most). */
  own: Int32Array;
  /** The nearest state down the failure chain that ends a keyword (0: none): what else ends where a state does. */
  also: Int32Array;
}

const ALPHABET = 128;

function buildAutomaton(keywords: readonly string[]): Automaton {
  const classes = new Uint8Array(ALPHABET);
  let classCount = 1;
  for (const keyword of keywords)
    for (let i = 0; i < keyword.length; i += 1) {
      const code = keyword.charCodeAt(i);
      if (code >= ALPHABET || (code >= 65 && code <= 90)) throw new Error(`keyword ${keyword} is not lower-case ASCII`);
      if (classes[code] === 0) {
        classes[code] = classCount;
        if (code >= 97 && code <= 122) classes[code - 32] = classCount;
        classCount += 1;
      }
    }
  const size = keywords.reduce((sum, keyword) => sum + keyword.length, 1);
  const trie = new Int32Array(size * classCount);
  const own = new Int32Array(size);
  /** Each state's edges as [class, child], so the links below walk the trie's edges, not every class of every state. */
  const edges: number[][] = [[]];
  keywords.forEach((keyword, id) => {
    let state = 0;
    for (let i = 0; i < keyword.length; i += 1) {
      const cls = classes[keyword.charCodeAt(i)] as number;
      const slot = state * classCount + cls;
      if (trie[slot] === 0) {
        trie[slot] = edges.length + 1;
        (edges[state] as number[]).push(cls, edges.length);
        edges.push([]);
      }
      state = (trie[slot] as number) - 1;
    }
    own[state] = id + 1;
  });
  const automaton: Automaton = {
    classes,
    classCount,
    trie,
    fail: new Int32Array(size),
    table: new Int32Array(size * classCount),
    own,
    also: new Int32Array(size),
  };
  const { fail, also } = automaton;
  // Failure links breadth first: a state's is shallower, so it is complete when the state is reached.
  const queue = [0];
  for (let head = 0; head < queue.length; head += 1) {
    const state = queue[head] as number;
    const out = edges[state] as number[];
    for (let at = 0; at < out.length; at += 2) {
      const child = out[at + 1] as number;
      const back = state === 0 ? 0 : step(automaton, fail[state] as number, out[at] as number);
      fail[child] = back;
      also[child] = own[back] !== 0 ? back : (also[back] as number);
      queue.push(child);
    }
  }
  return automaton;
}

/** The state after `state` reads a character of class `cls`, worked out once and kept. */
function step(automaton: Automaton, state: number, cls: number): number {
  const { trie, fail, table, classCount } = automaton;
  const slot = state * classCount + cls;
  const known = table[slot] as number;
  if (known !== 0) return known - 1;
  const child = trie[slot] as number;
  const next = child !== 0 ? child - 1 : state === 0 ? 0 : step(automaton, fail[state] as number, cls);
  table[slot] = next + 1;
  return next;
}

export interface KeywordFinder {
  keywords: readonly string[];
  /** The indexes (in `keywords`) of the keywords the text holds, each once. */
  find(text: string): number[];
}

/**
 * Built on first use: a process that redacts nothing (most commands) never pays for it. States already reported are
 * stamped with the call's number instead of flags allocated per call: a ledger row's twenty short strings each cost
 * a pass of a few dozen characters, not an array of two thousand entries.
 */
export function createKeywordFinder(keywords: readonly string[]): KeywordFinder {
  let automaton: Automaton | undefined;
  let stateStamps = new Uint32Array(0);
  let call = 0;
  return {
    keywords,
    find(text: string): number[] {
      automaton ??= buildAutomaton(keywords);
      const { classes, classCount, table, own, also } = automaton;
      if (call === 0 || call === 0xffffffff) {
        stateStamps = new Uint32Array(own.length);
        call = 0;
      }
      call += 1;
      const found: number[] = [];
      let state = 0;
      for (let i = 0, length = text.length; i < length; i += 1) {
        const code = text.charCodeAt(i);
        const cls = code < ALPHABET ? (classes[code] as number) : 0;
        if (cls === 0) {
          state = 0;
          continue;
        }
        const next = table[state * classCount + cls] as number;
        state = next !== 0 ? next - 1 : step(automaton, state, cls);
        // The keywords ending here, each state once a call: a common keyword ends thousands of times in 1 MiB, and a
        // state already stamped had its chain reported with it.
        for (let at = state; at !== 0 && stateStamps[at] !== call; at = also[at] as number) {
          stateStamps[at] = call;
          if (own[at] !== 0) found.push((own[at] as number) - 1);
        }
      }
      return found;
    },
  };
}
