// Test support: the warnings module's table, for a test elsewhere that arranges a row no route can make (an old row, a
// field set by hand) or inspects what was stored. Never for module code: that goes through ../index.ts.
export { warnings } from '../schema.ts';
