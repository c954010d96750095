#!/usr/bin/env node
// LangChain.js (@langchain/openai's ChatOpenAI) as a real client of the service's /v1 endpoint, with tools and
// schemas of its own. Usage: node langchain.mjs <scenario> <baseURL> <apiKey> -> one JSON line of what it saw.
import { ChatOpenAI } from "@langchain/openai";
import { HumanMessage } from "@langchain/core/messages";
import { tool } from "@langchain/core/tools";
import { z } from "zod";

const [scenario, baseURL, apiKey] = process.argv.slice(2);
const llm = new ChatOpenAI({ model: "qwen3-32b", apiKey, configuration: { baseURL }, maxRetries: 0, timeout: 20000 });

const getWeather = tool(async ({ city }) => JSON.stringify({ city, sky: "cloudy", celsius: 14 }), {
  name: "get_weather",
  description: "Current weather in a city",
  schema: z.object({ city: z.string().min(1), days: z.number().int().min(1).max(7).optional() }),
});

// A schema with nested objects, arrays, enums, bounds and a nullable field, as callers write them.
const Ticket = z.object({
  title: z.string(),
  category: z.enum(["bug", "feature", "question"]),
  priority: z.number().int().min(1).max(5),
  reporter: z.object({ name: z.string(), email: z.string().email() }),
  tags: z.array(z.string()).min(1).max(3),
  dueDate: z.string().nullable(),
});
const TICKET_PROMPT = "Open a ticket: the export button crashes the app. Priority 4, a bug, reported by Dana at dana@example.org.";

async function run() {
  switch (scenario) {
    case "bindTools": {
      const model = llm.bindTools([getWeather]);
      const question = new HumanMessage("What's the weather like in Berlin for the next 3 days?");
      const first = await model.invoke([question]);
      const result = await getWeather.invoke(first.tool_calls[0]); // a ToolMessage answering the call
      const second = await model.invoke([question, first, result]);
      return { calls: first.tool_calls.map((c) => ({ name: c.name, args: c.args })), invalid: first.invalid_tool_calls,
        answer: second.content, followUpCalls: second.tool_calls.length };
    }
    case "functionCalling":
      return { ticket: await llm.withStructuredOutput(Ticket, { name: "ticket", method: "functionCalling" }).invoke(TICKET_PROMPT) };
    case "jsonSchema":
      return { ticket: await llm.withStructuredOutput(Ticket, { name: "ticket", method: "jsonSchema" }).invoke(TICKET_PROMPT) };
    case "jsonMode": { // no schema on the wire: the prompt states the keys
      const Joke = z.object({ setup: z.string().min(1), punchline: z.string().min(1) });
      return { joke: await llm.withStructuredOutput(Joke, { method: "jsonMode" })
        .invoke("Tell me a joke about cats. Respond in JSON with `setup` and `punchline` keys.") };
    }
    default:
      throw new Error(`unknown scenario ${scenario}`);
  }
}

try {
  console.log(JSON.stringify(await run()));
} catch (e) {
  console.log(JSON.stringify({ error: e.name, message: e.message }));
}
