// Node's require() of the package from CommonJS: Node 20.19+ and 22.12+ load an ES module this
// way when it has no top-level await, as the node entry has none.
const pkg = require("codat-bank-feeds-wasm");
const { runScenario } = require("./scenario.mjs");

const [serverURL, runtime] = process.argv.slice(2);
runScenario(pkg, serverURL, runtime).then((result) => console.log(JSON.stringify(result)));
