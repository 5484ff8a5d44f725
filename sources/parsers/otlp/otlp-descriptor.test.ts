// The committed descriptor is the vendored .proto files as protobufjs reads them: no hand edit, no drift.
// Regenerate after updating proto/: UPDATE_OTLP_DESCRIPTOR=1 npx vitest run sources/parsers/otlp/otlp-descriptor.test.ts
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import protobuf from 'protobufjs';
import { describe, expect, it } from 'vitest';
import { OTLP_DESCRIPTOR } from './otlp-descriptor.js';

const PROTO_DIR = fileURLToPath(new URL('./proto/', import.meta.url));
const FILES = [
  'opentelemetry/proto/collector/logs/v1/logs_service.proto',
  'opentelemetry/proto/collector/metrics/v1/metrics_service.proto',
  'google/rpc/status.proto',
];

/** What protobufjs's own .proto parser makes of the vendored files (google/protobuf/any.proto from its bundled copy). */
function readVendoredProtos(): protobuf.INamespace {
  const root = new protobuf.Root();
  root.resolvePath = (_origin, target) => (target.startsWith('google/protobuf/') ? target : `${PROTO_DIR}${target}`);
  root.loadSync(FILES);
  root.resolveAll();
  return root.toJSON() as protobuf.INamespace;
}

describe('OTLP_DESCRIPTOR', () => {
  it('is what protobufjs reads from the vendored opentelemetry-proto v1.9.0 and google.rpc.Status files', () => {
    const fresh = readVendoredProtos();
    if (process.env.UPDATE_OTLP_DESCRIPTOR === '1') {
      const text = [
        '// The OTLP logs and metrics definitions and google.rpc.Status as a protobufjs descriptor, made from the vendored',
        '// proto/ files (opentelemetry-proto v1.9.0; see proto/README.md) by otlp-descriptor.test.ts, which checks them equal.',
        "import type { INamespace } from 'protobufjs';",
        '',
        '// protobufjs writes `protoName` into field options, which its own INamespace type does not list: hence the cast.',
        `export const OTLP_DESCRIPTOR = ${JSON.stringify(fresh, null, 2)} as INamespace;`,
        '',
      ].join('\n');
      writeFileSync(fileURLToPath(new URL('./otlp-descriptor.ts', import.meta.url)), text);
    }
    expect(JSON.parse(JSON.stringify(OTLP_DESCRIPTOR))).toEqual(JSON.parse(JSON.stringify(fresh)));
  });

  it('holds the messages the receiver decodes and answers with', () => {
    const root = protobuf.Root.fromJSON(OTLP_DESCRIPTOR);
    for (const name of [
      'opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest',
      'opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse',
      'opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest',
      'opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse',
      'google.rpc.Status',
    ])
      expect(root.lookupType(name).fullName).toBe(`.${name}`);
  });
});
