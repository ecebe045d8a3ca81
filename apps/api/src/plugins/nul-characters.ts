import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { AppError, type FieldIssue } from '../lib/errors.ts';

const NUL = '\u0000';
const MESSAGE = 'must not contain the NUL character (\\u0000)';

interface Node {
  value: unknown;
  key: string | null;
  parent: Node | null;
}

const pathOf = (node: Node, fallback: string): string => {
  const keys: string[] = [];
  for (let at: Node | null = node; at?.key != null; at = at.parent) keys.push(at.key);
  const path = keys.length > 0 ? keys.reverse().join('.') : fallback;
  return path.length > 200 ? `${path.slice(0, 200)}…` : path;
};

/**
 * Where a NUL character appears in a parsed value: dotted paths as validation errors name them
 * (`answers.energy`, `items.0`), or `fallback` for the value itself. Walked without recursion and
 * without copying paths, so no nesting depth can overflow the stack or take quadratic time.
 */
function nulFields(value: unknown, fallback: string): string[] {
  const found = new Set<string>();
  const stack: Node[] = [{ value, key: null, parent: null }];
  while (stack.length > 0 && found.size < 20) {
    const node = stack.pop()!;
    const current = node.value;
    if (typeof current === 'string') {
      if (current.includes(NUL)) found.add(pathOf(node, fallback));
    } else if (current !== null && typeof current === 'object') {
      for (const [key, item] of Object.entries(current)) {
        if (key.includes(NUL)) found.add(pathOf(node, fallback));
        else stack.push({ value: item, key, parent: node });
      }
    }
  }
  return [...found];
}

/**
 * Refuses, with a 400 naming the field, any request whose body, query string or path parameters
 * hold a NUL character. PostgreSQL cannot store one in text, so without this such input would
 * fail inside a query (a 500) wherever it reached the database; here it is refused before any
 * route (or the access check, which looks up path parameters) runs.
 */
async function nulCharacters(app: FastifyInstance) {
  app.addHook('preValidation', async (request) => {
    const issues: FieldIssue[] = [
      ...nulFields(request.params, 'params'),
      ...nulFields(request.query, 'querystring'),
      ...nulFields(request.body, 'body'),
    ].map((field) => ({ field, message: MESSAGE }));
    if (issues.length > 0) {
      throw new AppError(
        'validation',
        issues.map((i) => `${i.field} ${i.message}`).join('; '),
        issues,
      );
    }
  });
}

export default fp(nulCharacters, { name: 'nul-characters', dependencies: ['errors'] });
