import type { IncomingMessage, ServerResponse } from 'node:http';
import closeWithGrace from 'close-with-grace';
import { buildApp } from './app.ts';
import { ConfigError, loadConfig } from './config.ts';
import { seedDemoIfEmpty } from './demo/seed.ts';
import { prettyLogStream } from './lib/pretty-log.ts';

async function main() {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }

  // A person at a terminal gets quiet, readable lines; production and log collectors get JSON.
  const atTerminal = process.stdout.isTTY === true && config.nodeEnv !== 'production';
  const app = await buildApp(config, atTerminal ? { logStream: prettyLogStream() } : {});
  const seeded = await seedDemoIfEmpty(app, config);

  // Node's server.close() waits for every open connection, and a keep-alive connection whose
  // request is still in flight would stay open until its keep-alive timeout (72 s) after the
  // answer, failing the 10 s grace. Those answers say `Connection: close` instead.
  const unanswered = new Set<ServerResponse>();
  app.server.on('request', (_request: IncomingMessage, response: ServerResponse) => {
    unanswered.add(response);
    response.once('close', () => unanswered.delete(response));
  });

  closeWithGrace({ delay: 10_000 }, async ({ signal, err }) => {
    if (err) app.log.error({ err }, 'shutting down after an error');
    else app.log.info({ signal }, 'shutting down: finishing in-flight requests');
    for (const response of unanswered) if (!response.headersSent) response.shouldKeepAlive = false;
    await app.close();
    if (!err) app.log.info('stopped');
  });

  const address = await app.listen({ port: config.port, host: config.host });
  const where = config.databaseUrl ? 'PostgreSQL' : `embedded PostgreSQL in ${config.dataDir}`;
  console.log(
    `\nLeeway is running at ${address.replace('127.0.0.1', 'localhost')} (database: ${where})`,
  );
  if (seeded) {
    console.log(
      '\nDemo organisation "Northwind Labs" is loaded. Sign in with password "leeway-demo" as:',
    );
    for (const s of seeded.signIns) console.log(`  ${s.email.padEnd(22)} ${s.description}`);
  }
  console.log('');
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
