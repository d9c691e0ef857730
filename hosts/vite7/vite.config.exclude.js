// What vite.config.{js,ts} needs for `vite dev` under Vite 7 (run.mjs passes it with --config).
import { defineConfig } from "vite";

export default defineConfig({
  optimizeDeps: { exclude: ["codat-bank-feeds-wasm"] },
});
