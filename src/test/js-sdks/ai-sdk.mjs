#!/usr/bin/env node
// The Vercel AI SDK (ai 6, @ai-sdk/openai-compatible) as a real client of the service's /v1 endpoint, with tools
// and schemas of its own. Usage: node ai-sdk.mjs <scenario> <baseURL> <apiKey> -> one JSON line of what it saw.
import { createOpenAICompatible } from "@ai-sdk/openai-compatible";
import { generateObject, generateText, stepCountIs, tool } from "ai";
import { z } from "zod";

const [scenario, baseURL, apiKey] = process.argv.slice(2);
const provider = createOpenAICompatible({ name: "qwen", baseURL, apiKey, supportsStructuredOutputs: true });
const model = provider.chatModel("qwen3-32b");

// Every input the SDK accepted (it validates each against the tool's schema before calling execute).
const executed = [];
const getWeather = tool({
  description: "Current weather in a city",
  inputSchema: z.object({ city: z.string().min(1), unit: z.enum(["celsius", "fahrenheit"]).optional() }),
  execute: async (input) => {
    executed.push({ tool: "getWeather", input });
    return { city: input.city, sky: "sunny", celsius: 21 };
  },
});
const getOrderStatus = tool({
  description: "Status and delivery date of a customer's order",
  inputSchema: z.object({
    orderId: z.string().regex(/^[A-Z]\d{4}$/),
    include: z.array(z.enum(["items", "shipment", "invoice"])).min(1),
    verbose: z.boolean(),
  }),
  execute: async (input) => {
    executed.push({ tool: "getOrderStatus", input });
    return { orderId: input.orderId, status: "SHIPPED" };
  },
});
const tools = { getWeather, getOrderStatus };

function seen(result) {
  return {
    text: result.text,
    finish: result.finishReason,
    steps: result.steps.map((s) => ({ finish: s.finishReason, calls: s.toolCalls.map((c) => c.toolName) })),
    executed,
  };
}

async function run() {
  switch (scenario) {
    case "multiStep": // auto: the model picks the tool the prompt mentions, then answers from its result
      return seen(await generateText({ model, tools, stopWhen: stepCountIs(4), prompt: "What is the weather in Paris?" }));
    case "namedChoice": // forced on every step, follow-ups after a tool result included
      return seen(await generateText({ model, tools, toolChoice: { type: "tool", toolName: "getOrderStatus" },
        stopWhen: stepCountIs(2), prompt: "Anything new about A1002?" }));
    case "requiredChoice": // a prompt that names no tool still gets a call, on every step
      return seen(await generateText({ model, tools, toolChoice: "required", stopWhen: stepCountIs(2), prompt: "Hello!" }));
    case "maxTokens":
      return seen(await generateText({ model, maxOutputTokens: 6, prompt: "Tell me everything about the history of Paris." }));
    case "object": {
      const { object } = await generateObject({ model, schemaName: "city", prompt: "Describe Paris, France.",
        schema: z.object({
          name: z.string(),
          country: z.string(),
          population: z.number().int().positive(),
          climate: z.enum(["oceanic", "continental", "mediterranean"]),
          landmarks: z.array(z.object({ name: z.string(), builtIn: z.number().int().min(1000).max(2100) })).min(2),
          capital: z.boolean(),
        }) });
      return { object };
    }
    default:
      throw new Error(`unknown scenario ${scenario}`);
  }
}

try {
  console.log(JSON.stringify(await run()));
} catch (e) {
  console.log(JSON.stringify({ error: e.name, message: e.message, executed }));
}
