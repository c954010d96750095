// Must NOT type-check: the request body is an object, so the generated types refuse a JSON string (the
// mistake a string-typed body led clients to). GeneratedTypeScriptClientTest expects tsc to reject this file.
import createClient from "openapi-fetch";
import type { paths } from "./schema.js";

const client = createClient<paths>({ baseUrl: "http://localhost" });
await client.POST("/v1/chat/completions", {
  body: JSON.stringify({ model: "qwen3-32b", messages: [{ role: "user", content: "hi" }] }),
});
