/**
 * Dependency rules (issue 11): run by `npm test` through `npm run deps`. Violations that existed
 * when a rule was introduced are listed in .dependency-cruiser-known-violations.json and tolerated
 * until fixed; any new one fails. Regenerate that file only when a listed violation is removed.
 */
module.exports = {
  forbidden: [
    {
      name: 'src-not-to-scripts-or-test',
      comment: 'The application never depends on development tools (scripts/) or tests.',
      severity: 'error',
      from: { path: '^(src|workers)/' },
      to: { path: '^(scripts|test)/' },
    },
    {
      name: 'db-not-to-modules',
      comment: 'The schema and the database layer know nothing of domain modules.',
      severity: 'error',
      from: { path: '^src/db/' },
      to: { path: '^src/modules/' },
    },
    {
      name: 'modules-not-to-container',
      comment: 'Modules receive narrow dependencies; only the composition root (src/container.ts) sees them all.',
      severity: 'error',
      from: { path: '^src/modules/' },
      to: { path: '^src/container\\.ts$' },
    },
    {
      name: 'no-foreign-repository',
      comment: "A module reads and writes another module's data through that module's service, never its repository.",
      severity: 'error',
      from: { path: '^src/modules/([^/]+)/' },
      to: { path: '^src/modules/[^/]+/.+\\.repo\\.ts$', pathNot: '^src/modules/$1/' },
    },
    {
      name: 'workers-through-services',
      comment: 'Job handlers call services, not repositories.',
      severity: 'error',
      from: { path: '^workers/' },
      to: { path: '^src/modules/.+\\.repo\\.ts$' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: { path: '^(src|workers)/' },
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^src/web/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
