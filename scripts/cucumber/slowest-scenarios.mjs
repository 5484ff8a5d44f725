// cucumber-js's summary formatter, then the run's slowest scenarios with their wall time (where a phase's time went).
// Plain JavaScript beside the config, so it loads without the build. It extends the summary, not beside it: cucumber
// keeps one formatter per stream, the last named, so a second one on stdout would silently replace the summary.
import { SummaryFormatter } from '@cucumber/cucumber';

/** How many to list: enough to see the head of the distribution, few enough to read (CUCUMBER_SLOWEST overrides). */
const SHOWN = readShown(process.env.CUCUMBER_SLOWEST);

export default class SlowestScenarios extends SummaryFormatter {
  static documentation = 'The summary, then the slowest scenarios of the run with wall seconds and their share of the run';

  constructor(options) {
    super(options); // the summary listens first, so it prints first
    const lines = new Map(); // a Gherkin node's id -> its line
    const pickles = new Map();
    const cases = new Map(); // testCase id -> pickle
    const started = new Map(); // testCaseStarted id -> { testCaseId, pickle, at }
    const done = new Map(); // testCase id -> { pickle, seconds }: a retried scenario once, its attempts summed
    options.eventBroadcaster.on('envelope', (envelope) => {
      if (envelope.gherkinDocument) rememberLines(envelope.gherkinDocument.feature, lines);
      else if (envelope.pickle) pickles.set(envelope.pickle.id, envelope.pickle);
      else if (envelope.testCase) cases.set(envelope.testCase.id, pickles.get(envelope.testCase.pickleId));
      else if (envelope.testCaseStarted) {
        const { id, testCaseId, timestamp } = envelope.testCaseStarted;
        started.set(id, { testCaseId, pickle: cases.get(testCaseId), at: readSeconds(timestamp) });
      } else if (envelope.testCaseFinished) {
        const begun = started.get(envelope.testCaseFinished.testCaseStartedId);
        if (!begun?.pickle) return;
        const seconds = readSeconds(envelope.testCaseFinished.timestamp) - begun.at;
        const before = done.get(begun.testCaseId)?.seconds ?? 0;
        done.set(begun.testCaseId, { pickle: begun.pickle, seconds: before + seconds });
      } else if (envelope.testRunFinished) this.log(describeSlowest([...done.values()], lines));
    });
  }
}

function readSeconds(timestamp) {
  return Number(timestamp.seconds) + timestamp.nanos / 1e9;
}

/** A whole number of scenarios to list, 15 when the variable is unset or not one. */
function readShown(text) {
  const shown = Number.parseInt(text ?? '', 10);
  return Number.isInteger(shown) && shown >= 0 ? shown : 15;
}

/** Every scenario's and example row's line, by node id (a pickle names its scenario, then its row). */
function rememberLines(feature, lines) {
  const visit = (children = []) => {
    for (const child of children) {
      const scenario = child.scenario;
      if (scenario) {
        lines.set(scenario.id, scenario.location.line);
        for (const examples of scenario.examples ?? []) for (const row of examples.tableBody ?? []) lines.set(row.id, row.location.line);
      }
      if (child.rule) visit(child.rule.children);
    }
  };
  visit(feature?.children);
}

function describeSlowest(done, lines) {
  if (done.length === 0 || SHOWN <= 0) return '';
  const total = done.reduce((sum, run) => sum + run.seconds, 0);
  const slowest = [...done].sort((a, b) => b.seconds - a.seconds).slice(0, SHOWN);
  const rows = slowest.map(({ pickle, seconds }) => {
    const line = lines.get(pickle.astNodeIds.at(-1)) ?? lines.get(pickle.astNodeIds[0]) ?? '?';
    return `${seconds.toFixed(1).padStart(7)} s  ${pickle.uri}:${line}  ${pickle.name.slice(0, 80)}`;
  });
  const share = slowest.reduce((sum, run) => sum + run.seconds, 0) / total;
  return [
    `\nSlowest ${slowest.length} of ${done.length} scenarios (${(100 * share).toFixed(0)}% of ${total.toFixed(0)} s of scenario time, workers summed):`,
    ...rows,
    '',
  ].join('\n');
}
