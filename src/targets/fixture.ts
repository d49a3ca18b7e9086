// The state a target can be seeded with: the mock's state-file model, its checks and its file reader, named here so
// the runner and contracts reach the mock only through the targets layer (cli > runner, contracts > targets > mock).
export type { ConnectionFixture, Fixture, HubFixture } from "../mock/fixtures/index.js";
export { loadFixtureFile, validateFixture } from "../mock/fixtures/index.js";
