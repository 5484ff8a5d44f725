// The demo's stand-in for an agent: streams a few Messages API requests through the proxy, as Claude Code would.
// Usage: node scripts/demo-client.mjs PROXY_URL WINDOW FEATURE
const [proxy, window, feature] = process.argv.slice(2);
if (!proxy || !window || !feature) {
  console.error('usage: demo-client.mjs PROXY_URL WINDOW FEATURE');
  process.exit(2);
}
// Claude Code's pattern: its main model for the work, the haiku tier for quick side requests.
const models = ['claude-sonnet-4-5', 'claude-haiku-4-5', 'claude-sonnet-4-5', 'claude-haiku-4-5', 'claude-sonnet-4-5'];
for (const [i, model] of models.entries()) {
  const response = await fetch(`${proxy}/v1/messages?beta=true`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'anthropic-version': '2023-06-01',
      'x-api-key': 'dummy-key-for-the-scripted-server',
      'x-tracker-window': window,
      'x-tracker-feature': feature,
      'x-tracker-command': '/implement',
    },
    body: JSON.stringify({ model, max_tokens: 256, stream: true, messages: [{ role: 'user', content: `Step ${i + 1}: say hello.` }] }),
  });
  const text = await response.text();
  const events = text.split('\n\n').filter(Boolean).length;
  console.log(
    `  request ${i + 1}: ${model} -> HTTP ${response.status}, ${events} SSE events, request-id ${response.headers.get('request-id')}`,
  );
}
