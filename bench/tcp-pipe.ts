// A bare TCP pipe (node:net) to an upstream port, run as its own process: the floor any HTTP proxy is measured against.
import { connect, createServer, type AddressInfo, type Socket } from 'node:net';

const upstreamPort = Number(process.argv[2]);
if (!Number.isInteger(upstreamPort) || upstreamPort <= 0) {
  process.stderr.write('usage: node tcp-pipe.js UPSTREAM_PORT (pipes 127.0.0.1:0 to 127.0.0.1:UPSTREAM_PORT)\n');
  process.exit(2);
}

const sockets = new Set<Socket>();
const server = createServer({ noDelay: true }, (client) => {
  const upstream = connect({ host: '127.0.0.1', port: upstreamPort, noDelay: true });
  for (const socket of [client, upstream]) {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  }
  client.pipe(upstream);
  upstream.pipe(client);
  client.once('error', () => upstream.destroy());
  upstream.once('error', () => client.destroy());
  client.once('close', () => upstream.destroy());
  upstream.once('close', () => client.destroy());
});

server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${port}`, port })}\n`);
});

process.once('SIGTERM', () => {
  server.close();
  for (const socket of sockets) socket.destroy();
});
