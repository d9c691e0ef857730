// Node's require() of the package from CommonJS: Node 20.19+ and 22.12+ load an ES module this
// way when it has no top-level await, as the node entry and the testing kit have none.
const pkg = require("codat-bank-feeds-wasm");
const testing = require("codat-bank-feeds-wasm/testing");
const { runScenario } = require("./scenario.mjs");

const [runtime, vector] = process.argv.slice(2);
runScenario(pkg, testing, runtime, JSON.parse(vector)).then((result) => console.log(JSON.stringify(result)));
