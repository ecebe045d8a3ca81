// autocannon ships no type declarations; bench/lib/load.ts wraps it with its own.
declare module 'autocannon';
