#!/usr/bin/env node
// The official openai SDK as a real client of the service's /v1 endpoint.
// Usage: node client.mjs <scenario> <baseURL> <apiKey>  -> one JSON line on stdout with what the SDK saw.
import OpenAI from "openai";

const [scenario, baseURL, apiKey] = process.argv.slice(2);
const client = new OpenAI({ baseURL, apiKey, maxRetries: 0, timeout: 20000 });
const MODEL = "qwen3-32b";

const weather = {
  type: "function",
  function: {
    name: "getWeather",
    description: "Current weather in a city",
    parameters: { type: "object", properties: { city: { type: "string", description: "City name" } }, required: ["city"] },
  },
};

async function run() {
  switch (scenario) {
    case "chat": {
      const { data, response } = await client.chat.completions
        .create({ model: MODEL, messages: [{ role: "system", content: "Be brief." }, { role: "user", content: "Say hello" }],
          temperature: 0.3, top_p: 0.9, max_tokens: 50, seed: 7, user: "user-42", stop: ["END"] })
        .withResponse();
      return { provider: response.headers.get("x-provider"), object: data.object, model: data.model,
        content: data.choices[0].message.content, finish: data.choices[0].finish_reason, usage: data.usage };
    }
    case "stream": {
      const stream = await client.chat.completions.create({ model: MODEL, stream: true, stream_options: { include_usage: true },
        reasoning_effort: "low", messages: [{ role: "user", content: "Say hello" }] });
      let content = "", reasoning = "", usage = null, finish = null, chunks = 0;
      for await (const chunk of stream) {
        chunks++;
        if (chunk.usage) usage = chunk.usage;
        const choice = chunk.choices[0];
        if (!choice) continue;
        content += choice.delta.content ?? "";
        reasoning += choice.delta.reasoning_content ?? "";
        if (choice.finish_reason) finish = choice.finish_reason;
      }
      return { content, reasoning, usage, finish, chunks };
    }
    case "tools": {
      const messages = [{ role: "user", content: "Weather in Paris?" }];
      const first = await client.chat.completions.create({ model: MODEL, messages, tools: [weather],
        tool_choice: { type: "function", function: { name: "getWeather" } }, parallel_tool_calls: false });
      const message = first.choices[0].message;
      messages.push(message);
      for (const call of message.tool_calls ?? []) {
        messages.push({ role: "tool", tool_call_id: call.id, content: JSON.stringify({ city: "Paris", sky: "sunny" }) });
      }
      const second = await client.chat.completions.create({ model: MODEL, messages, tools: [weather] });
      return { firstFinish: first.choices[0].finish_reason, calls: message.tool_calls, answer: second.choices[0].message.content };
    }
    case "streamTools": {
      const stream = await client.chat.completions.create({ model: MODEL, stream: true, tools: [weather], tool_choice: "required",
        messages: [{ role: "user", content: "Weather in Paris?" }] });
      const calls = [];
      let finish = null;
      for await (const chunk of stream) {
        const choice = chunk.choices[0];
        if (!choice) continue;
        for (const call of choice.delta.tool_calls ?? []) calls[call.index] = { id: call.id, name: call.function.name, arguments: call.function.arguments };
        if (choice.finish_reason) finish = choice.finish_reason;
      }
      return { calls, finish };
    }
    case "json": {
      const completion = await client.chat.completions.create({ model: "alibaba/qwen3-32b", messages: [{ role: "user", content: "A city" }],
        response_format: { type: "json_schema", json_schema: { name: "city", strict: true,
          schema: { type: "object", properties: { name: { type: "string" }, population: { type: "integer" } }, required: ["name", "population"], additionalProperties: false } } } });
      return { city: JSON.parse(completion.choices[0].message.content) };
    }
    case "models": {
      const page = await client.models.list();
      return { ids: page.data.map((m) => m.id) };
    }
    case "unknownModel":
    case "badKey":
    case "badRequest":
    case "upstreamDown": {
      try {
        const body = { model: scenario === "unknownModel" ? "gpt-4o" : MODEL, messages: [{ role: "user", content: "hi" }] };
        if (scenario === "badRequest") body.temperature = 7;
        await client.chat.completions.create(body);
        return { error: null };
      } catch (e) {
        return { errorClass: e.constructor.name, status: e.status, type: e.type, code: e.code, param: e.param ?? null, message: e.message };
      }
    }
    default:
      throw new Error(`unknown scenario ${scenario}`);
  }
}

run().then((result) => { console.log(JSON.stringify(result)); })
  .catch((e) => { console.log(JSON.stringify({ failed: String(e), status: e.status ?? null })); process.exit(2); });
