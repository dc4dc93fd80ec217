// Module boundaries (docs/ARCHITECTURE.md), checked in `npm test` (scripts/lint-boundaries.test.ts runs it).
// A module is a folder server/modules/<name>/; its public surface is its index.ts.
/** @type {import('dependency-cruiser').IConfiguration} */
// eslint-disable-next-line no-undef -- a CommonJS config file
module.exports = {
  forbidden: [
    {
      name: 'module-internals',
      severity: 'error',
      comment:
        'A module uses another only through its public index.ts (or its events): never its repository, service or schema ' +
        "files. Excepted: org's units table (schema.ts), which every scoped query joins and foreign keys reference.",
      from: { path: '^server/modules/([^/]+)/', pathNot: '^server/modules/[^/]+/schema\\.ts$' },
      to: {
        path: '^server/modules/[^/]+/',
        // test support of a module (its testing/ folder) is for tests anywhere, not part of the module's surface
        pathNot: [
          '^server/modules/$1/',
          '^server/modules/[^/]+/index\\.ts$',
          '^server/modules/org/schema\\.ts$',
          '^server/modules/[^/]+/testing/',
        ],
      },
    },
    {
      name: 'index-exposes-services',
      severity: 'error',
      comment:
        "A module's public surface is its use cases (service functions that check, scope and audit as needed), types " +
        'and events: its index.ts hands out no repository function (a thin service function wraps the one needed).',
      from: { path: '^server/modules/([^/]+)/index\\.ts$' },
      to: { path: '^server/modules/$1/repository\\.ts$', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'schema-references-tables-only',
      severity: 'error',
      comment:
        "A module's tables (schema.ts) may reference another module's tables (foreign keys), nothing else of it (but a " +
        "column's type from its index.ts, type-only: the next rule).",
      from: { path: '^server/modules/([^/]+)/schema\\.ts$' },
      to: {
        path: '^server/modules/[^/]+/',
        pathNot: ['^server/modules/$1/', '^server/modules/[^/]+/schema\\.ts$', '^server/modules/[^/]+/index\\.ts$'],
      },
    },
    {
      name: 'schema-references-tables-only',
      severity: 'error',
      comment:
        "A module's tables may name the type of a column from another module's public index.ts (a jsonb column's " +
        'shape), in a type-only import: nothing of that module runs when the schema loads.',
      from: { path: '^server/modules/([^/]+)/schema\\.ts$' },
      to: {
        path: '^server/modules/[^/]+/index\\.ts$',
        pathNot: '^server/modules/$1/',
        dependencyTypesNot: ['type-only'],
      },
    },
    {
      name: 'module-cycle',
      severity: 'error',
      comment:
        'No import cycle between modules: a cycle that leaves a module and comes back to it, through imports that ' +
        'run (type-only imports vanish when the code runs).',
      from: { path: '^server/modules/([^/]+)/' },
      to: {
        circular: true,
        via: { path: '^server/(modules|platform)/', pathNot: '^server/modules/$1/' },
        viaOnly: { dependencyTypesNot: ['type-only'] },
      },
    },
    {
      name: 'platform-above-modules',
      severity: 'error',
      comment: 'platform/ is below the modules: it imports none of them (the composition root wires them).',
      from: { path: '^server/platform/', pathNot: '\\.test\\.ts$|^server/platform/db/schema\\.ts$' },
      to: { path: '^server/modules/' },
    },
    {
      name: 'web-uses-contract-only',
      severity: 'error',
      comment: 'The web app shares shapes with the server through contract/, never server code.',
      from: { path: '^web/' },
      to: { path: '^server/' },
    },
    {
      name: 'contract-is-a-leaf',
      severity: 'error',
      comment: 'contract/ holds schemas only: it imports neither server nor web code.',
      from: { path: '^contract/' },
      to: { path: '^(server|web)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)node_modules/|^web/dist/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
      extensions: ['.ts', '.tsx', '.js'],
    },
  },
};
