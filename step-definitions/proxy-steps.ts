// Steps of the proxy specs that set things up and act: upstreams, the real proxy, clients (checks: proxy-assertion-steps.ts).
import { writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { Given, When } from '@cucumber/cucumber';
import { labOf, type ClientAnswer } from './proxy-lab.js';
import type { TrackerWorld } from './world.js';

const message = (model: string) => ({ model, max_tokens: 64, stream: true, messages: [{ role: 'user', content: 'Say hello.' }] });

Given('a scripted model server {string} playing {string}', async function (this: TrackerWorld, name: string, script: string) {
  await labOf(this).startScripted(name, script);
});

Given(
  'a scripted model server {string} playing {string} with GLM-style usage',
  async function (this: TrackerWorld, name: string, script: string) {
    await labOf(this).startScripted(name, script, { usage_style: 'glm' });
  },
);

Given(
  'a scripted model server {string} playing {string} without count_tokens',
  async function (this: TrackerWorld, name: string, script: string) {
    await labOf(this).startScripted(name, script, { count_tokens: 'unsupported' });
  },
);

Given(
  'a raw upstream {string} that sends a message stream in {int}-byte pieces with cumulative usage {int} in and {int} out',
  async function (this: TrackerWorld, name: string, pieceBytes: number, inputTokens: number, outputTokens: number) {
    await labOf(this).startRaw(name, { kind: 'split', pieceBytes, inputTokens, outputTokens });
  },
);

Given(
  'a raw upstream {string} that sends half a message stream and then resets the connection',
  async function (this: TrackerWorld, name: string) {
    await labOf(this).startRaw(name, { kind: 'reset-midway' });
  },
);

Given(
  'a raw upstream {string} that streams one event every {int} ms for {int} seconds',
  async function (this: TrackerWorld, name: string, everyMs: number, seconds: number) {
    await labOf(this).startRaw(name, { kind: 'slow', everyMs, forMs: seconds * 1000 });
  },
);

Given('a raw upstream {string} that never answers', async function (this: TrackerWorld, name: string) {
  await labOf(this).startRaw(name, { kind: 'silent' });
});

Given(
  'a proxy config file with back end {string} at {string} waiting {int} ms for headers',
  function (this: TrackerWorld, backend: string, target: string, ms: number) {
    const lab = labOf(this);
    lab.writeConfig('proxy.json', {
      backends: { [backend]: { url: lab.urlOf(target), headers_timeout_ms: ms } },
      default_backend: backend,
    });
  },
);

Given(
  'a proxy config file routing the haiku alias to {string} as model {string}',
  function (this: TrackerWorld, target: string, model: string) {
    const lab = labOf(this);
    lab.writeConfig('proxy.json', {
      backends: { glm: { url: lab.urlOf(target) } },
      routes: [{ name: 'haiku-tier', match: { model_alias: 'haiku' }, backend: 'glm', rewrite_model: model }],
    });
  },
);

Given('the proxy runs with that config', async function (this: TrackerWorld) {
  await labOf(this).startProxy(['--config', 'proxy.json']);
});

Given(
  'the proxy runs with that config, upstream {string} and ANTHROPIC_DEFAULT_HAIKU_MODEL={string}',
  async function (this: TrackerWorld, upstream: string, alias: string) {
    const lab = labOf(this);
    await lab.startProxy(['--config', 'proxy.json', '--upstream', lab.urlOf(upstream)], { ANTHROPIC_DEFAULT_HAIKU_MODEL: alias });
  },
);

Given('the proxy runs with upstream {string} and grace {int} ms', async function (this: TrackerWorld, upstream: string, graceMs: number) {
  const lab = labOf(this);
  await lab.startProxy(['--upstream', lab.urlOf(upstream), '--grace-ms', String(graceMs)]);
});

Given('the data dir is a file', function (this: TrackerWorld) {
  writeFileSync(this.dataDir, 'not a directory\n');
});

Given('the proxy runs with upstream {string}', async function (this: TrackerWorld, upstream: string) {
  const lab = labOf(this);
  await lab.startProxy(['--upstream', lab.urlOf(upstream)]);
});

Given(
  'the proxy runs with upstream {string} and route {string} to {string} as model {string}',
  async function (this: TrackerWorld, upstream: string, glob: string, target: string, model: string) {
    const lab = labOf(this);
    await lab.startProxy(['--upstream', lab.urlOf(upstream), '--route', `${glob}=${lab.urlOf(target)},model=${model}`]);
  },
);

Given(
  'a proxy config file routing header {string} matching {string} to {string}',
  function (this: TrackerWorld, header: string, pattern: string, target: string) {
    const lab = labOf(this);
    lab.writeConfig('proxy.json', {
      backends: { second: { url: lab.urlOf(target) } },
      routes: [{ name: 'by-header', match: { headers: { [header]: pattern } }, backend: 'second' }],
    });
  },
);

Given('the proxy runs with that config and upstream {string}', async function (this: TrackerWorld, upstream: string) {
  const lab = labOf(this);
  await lab.startProxy(['--config', 'proxy.json', '--upstream', lab.urlOf(upstream)]);
});

When('a client streams a message for model {string}', async function (this: TrackerWorld, model: string) {
  await labOf(this).send('/v1/messages?beta=true', message(model));
});

When(
  'a client streams {int} messages for model {string} in window {string}',
  async function (this: TrackerWorld, count: number, model: string, window: string) {
    for (let i = 0; i < count; i += 1) await labOf(this).send('/v1/messages', message(model), { 'x-tracker-window': window });
  },
);

When(
  'agent {string} streams a message for model {string} in window {string} for feature {string}',
  async function (this: TrackerWorld, agent: string, model: string, window: string, feature: string) {
    await labOf(this).send('/v1/messages', message(model), {
      'x-tracker-agent': agent,
      'x-tracker-window': window,
      'x-tracker-feature': feature,
      'x-tracker-command': '/implement',
    });
  },
);

When('a client streams a message with key {string} and bearer {string}', async function (this: TrackerWorld, key: string, bearer: string) {
  await labOf(this).send('/v1/messages', message('claude-sonnet-4-5'), { 'x-api-key': key, authorization: `Bearer ${bearer}` });
});

When('a client posts to {string}', async function (this: TrackerWorld, path: string) {
  // node:http sends a `path` option as written (a URL string, or undici, would resolve the dot segments first).
  const lab = labOf(this);
  const answer = await new Promise<ClientAnswer>((resolve, reject) => {
    const { hostname, port } = new URL(lab.proxyUrl ?? '');
    const req = httpRequest(
      { hostname, port, path: `${lab.basePath()}${path}`, method: 'POST', headers: { 'content-type': 'application/json' } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks), hungUpAt: null }));
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify(message('claude-sonnet-4-5')));
  });
  lab.answers.push(answer);
});

When('a client sends half a request body and the proxy gets SIGTERM', async function (this: TrackerWorld) {
  const lab = labOf(this);
  const { port, hostname } = new URL(lab.proxyUrl ?? '');
  const socket = connect(Number(port), hostname);
  await new Promise((resolve) => socket.once('connect', resolve));
  socket.write(
    `POST ${lab.basePath()}/v1/messages HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: 1000\r\n\r\n{"model":"cla`,
  );
  await new Promise((resolve) => setTimeout(resolve, 200));
  await lab.stopProxy();
  socket.destroy();
});

When('a client counts tokens for model {string}', async function (this: TrackerWorld, model: string) {
  await labOf(this).send('/v1/messages/count_tokens', { model, messages: [{ role: 'user', content: 'hi' }] });
});

When('a client hangs up after the first event', async function (this: TrackerWorld) {
  await labOf(this).send('/v1/messages', message('claude-sonnet-4-5'), {}, true);
  await new Promise((resolve) => setTimeout(resolve, 300));
});

When('a client starts streaming a message and the proxy gets SIGTERM', async function (this: TrackerWorld) {
  const lab = labOf(this);
  const answer = lab.send('/v1/messages', message('claude-sonnet-4-5'));
  await new Promise((resolve) => setTimeout(resolve, 300));
  await Promise.all([answer, lab.stopProxy()]);
});

When('the proxy stops', async function (this: TrackerWorld) {
  await labOf(this).stopProxy();
});
