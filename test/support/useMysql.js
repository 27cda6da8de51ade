// The `mysql` jest projects: the cloud suites' storage and servers use this server (see test/support/database.ts).
process.env.TEST_DATABASE_URL = globalThis.__TEST_DATABASE_URL__
