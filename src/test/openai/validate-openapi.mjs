#!/usr/bin/env node
// Validates an OpenAPI document with an independent validator (@apidevtools/swagger-parser: schema and
// $ref checks). Usage: node validate-openapi.mjs <url or file>  -> one JSON line: {valid, errors, ...}.
import SwaggerParser from "@apidevtools/swagger-parser";
import { readFileSync } from "node:fs";

const source = process.argv[2];
try {
  const document = source.startsWith("http") ? await (await fetch(source)).json() : JSON.parse(readFileSync(source, "utf8"));
  const api = await SwaggerParser.validate(structuredClone(document));
  console.log(JSON.stringify({ valid: true, openapi: api.openapi, paths: Object.keys(api.paths).length }));
} catch (e) {
  console.log(JSON.stringify({ valid: false, errors: String(e.message).slice(0, 4000) }));
  process.exit(1);
}
