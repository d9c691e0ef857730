// A page that uses only a helper of the package: its bundle must load no .wasm.
import { Decimal } from "codat-bank-feeds-wasm";

window.__result = { decimal: new Decimal("1.10").toFixed(2) };
