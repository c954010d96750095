// The official MCP TypeScript SDK as a client of the service's /mcp, run by McpClientTest.
//   node client.mjs tools <url> <key> [customer]           initialize, then tools/list
//   node client.mjs calls <url> <key> <customer|-> <json>  initialize, tools/list, then each {name, arguments}
// Prints one JSON line: what the SDK saw (a call the SDK rejected is recorded as "thrown").
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";

const [scenario, url, key, customer, calls] = process.argv.slice(2);
const headers = { Authorization: `Bearer ${key}` };
if (customer && customer !== "-") {
  headers["X-Customer-Id"] = customer;
}
const transport = new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers } });
const client = new Client({ name: "qwen-service-tests", version: "1.0.0" });
const failure = (e) => ({ name: e.constructor.name, code: e.code, message: e.message });

async function run() {
  try {
    await client.connect(transport);
  } catch (e) {
    return { connectError: failure(e) };
  }
  const seen = {
    protocolVersion: transport.protocolVersion,
    sessionId: transport.sessionId,
    server: client.getServerVersion(),
  };
  // Listing first also makes the SDK check every structuredContent against the tool's outputSchema.
  seen.tools = (await client.listTools()).tools;
  if (scenario === "calls") {
    seen.results = [];
    for (const call of JSON.parse(calls)) {
      try {
        seen.results.push(await client.callTool(call));
      } catch (e) {
        seen.results.push({ thrown: failure(e) });
      }
    }
  }
  // The service does not end sessions on request (405): the SDK takes that as the transport allows.
  await transport.terminateSession();
  await client.close();
  return seen;
}

console.log(JSON.stringify(await run()));
