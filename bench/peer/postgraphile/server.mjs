// Serves the preset of graphile.config.mjs over node:http with grafserv (PostGraphile v5 library mode).
import { createServer } from 'node:http';
import { postgraphile } from 'postgraphile';
import { grafserv } from 'postgraphile/grafserv/node';
import preset from './graphile.config.mjs';

const pgl = postgraphile(preset);
const serv = pgl.createServ(grafserv);
const server = createServer();
server.on('error', (e) => {
  console.error(e);
  process.exit(1);
});
serv.addTo(server).catch((e) => {
  console.error(e);
  process.exit(1);
});
await pgl.getSchema();
const { host, port } = preset.grafserv;
server.listen(port, host, () => console.log(`PostGraphile peer ready at http://${host}:${port}/graphql (pid ${process.pid})`));

const stop = async () => {
  server.close();
  await pgl.release();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
