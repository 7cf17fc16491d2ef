// evalgate's own tests call evaluate() in Vitest workers without evalgate's setup (they register
// the matchers themselves where they need them), so the "ran without evalgate's setup" warning
// (src/run/observers.ts) would print once per worker. Marked as said; test/run/setup-warning.test.ts
// clears the mark to check the warning itself.
;(globalThis as Record<symbol, unknown>)[Symbol.for('evalgate.setupWarned')] = true
