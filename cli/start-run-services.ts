// Starts what an experiment run talks to: the scripted model server (for simulated providers) and the proxy in front of every provider.
import type { BudgetPolicy } from '../budget/index.js';
import { buildRoutingTable, ProxyConfigSchema, startProxy, type RunningProxy } from '../proxy/index.js';
import { getBuiltinScript, startScriptedServer, type ScriptedServer } from '../proxy/scripted-server/index.js';
import type { ProviderProfile } from '../runner/index.js';

export interface RunServices {
  proxy: RunningProxy;
  /** The built-in model server, when some provider is simulated. */
  server: ScriptedServer | null;
  stop(): Promise<void>;
}

export interface RunServicesRequest {
  dataDir: string;
  agentId: string;
  tasksDir: string;
  profiles: ReadonlyMap<string, ProviderProfile>;
  port: number;
  budget: { policy: BudgetPolicy; since?: Date | undefined } | null;
  env: NodeJS.ProcessEnv;
}

/**
 * One back end per provider, named after it (so telemetry, readings and provider budgets all say
 * `sim-steady`, `claude`, ...), and one route each on the runner's `x-tracker-provider` header.
 */
export async function startRunServices(request: RunServicesRequest): Promise<RunServices> {
  const needsServer = [...request.profiles.values()].some((profile) => profile.upstream === 'scripted');
  const hello = getBuiltinScript('hello');
  const server = needsServer && hello ? await startScriptedServer({ script: hello, solver: { tasksDir: request.tasksDir } }) : null;
  try {
    const backends: Record<string, object> = {};
    const routes: object[] = [];
    for (const [provider, profile] of request.profiles) {
      backends[provider] = { ...locateUpstream(profile.upstream, server), provider };
      routes.push({ name: provider, match: { headers: { 'x-tracker-provider': { exact: provider } } }, backend: provider });
    }
    const config = ProxyConfigSchema.parse({ backends, routes, default_backend: [...request.profiles.keys()][0] });
    const table = buildRoutingTable(config, [], undefined, request.env);
    const proxy = await startProxy({
      table,
      dataDir: request.dataDir,
      agentId: request.agentId,
      port: request.port,
      env: request.env,
      flushMs: 50,
      budget: request.budget ? { policy: request.budget.policy, ...(request.budget.since ? { since: request.budget.since } : {}) } : null,
    });
    return {
      proxy,
      server,
      async stop() {
        await proxy.stop(2_000);
        await server?.close();
      },
    };
  } catch (error) {
    await server?.close();
    throw error;
  }
}

function locateUpstream(upstream: ProviderProfile['upstream'], server: ScriptedServer | null): { url: string } | { preset: 'anthropic' | 'openai' | 'glm' } {
  if (upstream === 'scripted') return { url: (server as ScriptedServer).url };
  if (upstream === 'anthropic' || upstream === 'openai' || upstream === 'glm') return { preset: upstream };
  return { url: upstream };
}
