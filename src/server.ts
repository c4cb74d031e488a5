// The API process: configuration, container, application, listen; graceful shutdown on signals.
import closeWithGrace from 'close-with-grace';
import { buildApp } from './app.js';
import { loadConfig } from './config.js';
import { createContainer } from './container.js';

const config = loadConfig();
const container = createContainer(config, { applicationName: 'vanthu-api' });
await container.storage.ensureBucket();
const app = await buildApp(container);

closeWithGrace({ delay: 10_000 }, async ({ err, signal }) => {
  if (err) app.log.error({ err }, 'shutting down after an error');
  else app.log.info({ signal }, 'shutting down');
  // Stop accepting requests and finish the ones in flight, then release the pools.
  await app.close();
  await container.close();
});

await app.listen({ host: config.http.host, port: config.http.port });
