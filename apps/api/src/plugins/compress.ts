import { constants } from 'node:zlib';
import fastifyCompress from '@fastify/compress';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/**
 * Compresses responses (JSON, problem+json, CSV — streamed ones as they stream) for clients that
 * accept br or gzip. The built SPA is compressed once at build time and sent as it is
 * (`preCompressed` in `plugins/spa.ts`); this plugin sees its `content-encoding` and leaves it
 * alone. Must be registered before `@fastify/static`, which is why it comes before the routes.
 *
 * Only secrets-free GET bodies and JSON-only mutations (which another site cannot send) are
 * compressed, so there is no BREACH-style oracle: no response mixes a secret with text an
 * attacker chooses and can request at will.
 */
async function compress(app: FastifyInstance) {
  await app.register(fastifyCompress, {
    encodings: ['br', 'gzip'],
    // Quality 4 (the plugin's default) keeps per-request CPU low; text mode suits JSON and CSV.
    brotliOptions: {
      params: {
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        [constants.BROTLI_PARAM_QUALITY]: 4,
      },
    },
    // Request bodies are small JSON; compressed uploads are not accepted.
    globalDecompression: false,
  });
}

export default fp(compress, { name: 'compress' });
