// Calls POST /v1/chat/completions through openapi-fetch, typed by the types openapi-typescript generated
// from the committed docs/openapi.yaml (schema.d.ts): the body is an object, as the document says.
// Usage: node dist/chat.js <baseUrl> <message>  -> one JSON line on stdout with what the client saw.
import createClient from "openapi-fetch";
import type { components, paths } from "./schema.js";

type ChatCompletionRequest = components["schemas"]["ChatCompletionRequest"];

const [baseUrl, message] = process.argv.slice(2);
// JSON answers only: a stream (text/event-stream) is not what this call asks for.
const client = createClient<paths, "application/json">({ baseUrl });
const body: ChatCompletionRequest = {
  model: "qwen3-32b",
  messages: [{ role: "user", content: message ?? "Say hello" }],
  max_tokens: 64,
};
const { data, error, response } = await client.POST("/v1/chat/completions", { body });
if (!data) {
  console.log(JSON.stringify({ status: response.status, error }));
  process.exit(1);
}
const choice = data.choices[0];
const content: string | null | undefined = choice?.message.content;
console.log(JSON.stringify({
  status: response.status,
  provider: response.headers.get("x-provider"),
  object: data.object,
  model: data.model,
  content,
  finish: choice?.finish_reason,
  totalTokens: data.usage.total_tokens,
}));
