// As webpack's guides have it ("Getting Started", "Output Management"), the entry the shared page.
const path = require("path");
const HtmlWebpackPlugin = require("html-webpack-plugin");

module.exports = {
  mode: "production",
  entry: "../common/page-main.ts",
  output: {
    filename: "[name].bundle.js",
    path: path.resolve(__dirname, "dist"),
    clean: true,
  },
  plugins: [new HtmlWebpackPlugin({ title: "codat-bank-feeds-wasm under webpack", templateContent: '<!doctype html><html><head><meta charset="utf-8"><title>webpack</title></head><body><div id="app"></div></body></html>' })],
};
