#!/usr/bin/env node
// Offline check of the operator's view (k8s/monitoring) against what the service exports.
// Usage: node check.mjs <scrape.txt> <prometheus-rules.yml> <grafana-dashboard.json>
//   scrape.txt: a /q/metrics scrape (Prometheus text or OpenMetrics) of a service that served every kind of call.
// Checks: the rules file's structure (groups, rules, alert|record, expr, for, labels, annotations); every PromQL
// expression of the rules and the dashboard parses (Prometheus' own lezer grammar); every series it selects is
// in the scrape (or recorded by the rules), with the labels it matches, groups by or prints; rate() and the
// like get a counter (a counter's _total, a histogram's _bucket/_count/_sum) over a range; histogram_quantile()
// gets _bucket series. Prints one line per expression, then "N expressions valid, M problems"; exit 1 on any.
import { readFileSync } from "node:fs";
import { parse as parseYaml } from "yaml";
import { parser } from "@prometheus-io/lezer-promql";

const [scrapeFile, rulesFile, dashboardFile] = process.argv.slice(2);
if (!dashboardFile) {
  console.error("usage: node check.mjs scrape.txt prometheus-rules.yml grafana-dashboard.json");
  process.exit(2);
}

const problems = [];
let valid = 0;
const fail = (where, message) => problems.push(`${where}: ${message}`);
/** One line per checked expression, or one per problem it has (its rule's fields and its legend included). */
let printed = 0;
function report(where, problemsBefore) {
  if (problems.length === problemsBefore) valid++;
  printProblems();
  if (problems.length === problemsBefore) console.log(`ok   ${where}`);
}
function printProblems() {
  for (; printed < problems.length; printed++) console.log(`FAIL ${problems[printed]}`);
}

// ---- What the service exports: sample names, their family's type, their label names -------------------------
// Prometheus attaches these to every series of a target, whatever the service exports.
const TARGET_LABELS = ["instance", "job"];
// A family of each type is exposed under these sample names (OpenMetrics and the classic text format).
const SUFFIXES = {
  counter: ["_total", "_created", ""],
  histogram: ["_bucket", "_count", "_sum", "_created"],
  summary: ["_count", "_sum", "_created", ""],
  gauge: [""],
  gaugehistogram: ["_bucket", "_gcount", "_gsum"],
  untyped: [""],
  unknown: [""],
};

function readScrape(text) {
  const types = new Map();
  const series = new Map(); // sample name -> { type, suffix, labels: Set }
  for (const line of text.split("\n")) {
    const type = line.match(/^# TYPE (\S+) (\S+)/);
    if (type) {
      types.set(type[1], type[2]);
      continue;
    }
    if (line === "" || line.startsWith("#")) continue;
    const name = line.match(/^[a-zA-Z_:][a-zA-Z0-9_:]*/)?.[0];
    if (!name) continue;
    const entry = series.get(name) ?? { ...family(types, name), labels: new Set(TARGET_LABELS) };
    for (const label of labelNames(line.slice(name.length))) entry.labels.add(label);
    series.set(name, entry);
  }
  return series;
}

function family(types, name) {
  for (const [suffix, base] of [["", name], ...Object.values(SUFFIXES).flat().filter(Boolean)
      .filter((s) => name.endsWith(s)).map((s) => [s, name.slice(0, -s.length)])]) {
    const type = types.get(base);
    if (type && (SUFFIXES[type] ?? [""]).includes(suffix)) return { type, suffix };
  }
  return { type: "untyped", suffix: "" };
}

/** The label names of one sample line's {...}, honouring quoted values (which may hold commas and braces). */
function labelNames(rest) {
  const names = [];
  if (!rest.startsWith("{")) return names;
  const pair = /\s*([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"\s*,?/y;
  pair.lastIndex = 1;
  let m;
  while ((m = pair.exec(rest))) names.push(m[1]);
  return names;
}

const exported = readScrape(readFileSync(scrapeFile, "utf8"));
const recorded = new Map(); // recorded series name -> label names (null: not known)

// ---- PromQL: syntax, then series, labels and argument kinds ------------------------------------------------------
const EXPR = new Set(["AggregateExpr", "BinaryExpr", "FunctionCall", "MatrixSelector", "NumberDurationLiteral",
  "NumberLiteral", "OffsetExpr", "ParenExpr", "StringLiteral", "SubqueryExpr", "UnaryExpr", "VectorSelector",
  "StepInvariantExpr"]);
const RANGE_FUNCTIONS = new Set(["rate", "irate", "increase", "delta", "idelta", "deriv", "predict_linear",
  "changes", "resets", "holt_winters", "double_exponential_smoothing", "avg_over_time", "min_over_time",
  "max_over_time", "sum_over_time", "count_over_time", "quantile_over_time", "stddev_over_time",
  "stdvar_over_time", "last_over_time", "present_over_time", "absent_over_time", "mad_over_time", "ts_of_max_over_time",
  "ts_of_min_over_time", "ts_of_last_over_time", "first_over_time", "ts_of_first_over_time"]);
const COUNTER_FUNCTIONS = new Set(["rate", "irate", "increase", "resets"]);
const SCALAR_FUNCTIONS = new Set(["vector", "scalar", "time", "pi", "minute", "hour", "day_of_month", "day_of_week",
  "day_of_year", "days_in_month", "month", "year"]);
// Where a function's vector argument sits, when not first.
const VECTOR_ARGUMENT = { histogram_quantile: 1, quantile_over_time: 1, histogram_fraction: 2 };
const PARAMETER_AGGREGATIONS = new Set(["topk", "bottomk", "quantile", "count_values", "limitk", "limit_ratio"]);
const KEEPING_AGGREGATIONS = new Set(["topk", "bottomk", "limitk", "limit_ratio"]);

const text = (source, node) => source.slice(node.from, node.to);
const children = (node) => {
  const out = [];
  for (let c = node.firstChild; c; c = c.nextSibling) out.push(c);
  return out;
};
const exprs = (node) => children(node).filter((c) => EXPR.has(c.name));
const unquote = (s) => (s.startsWith('"') || s.startsWith("'") || s.startsWith("`") ? s.slice(1, -1) : s);

/**
 * Checks one expression; returns the label names of its result (null when they cannot be known), or undefined
 * when it does not parse.
 */
function checkExpr(where, source) {
  const tree = parser.parse(source);
  const errors = [];
  tree.iterate({ enter: (n) => { if (n.type.isError) errors.push(n.from); } });
  if (errors.length) {
    fail(where, `PromQL does not parse (at character ${errors[0]}): ${source}`);
    return undefined;
  }
  return visit(where, source, exprs(tree.topNode)[0]).labels;
}

/** The kind of a (sub)expression's result: { labels: Set|null, scalar: boolean }. Reports what is wrong on the way. */
function visit(where, source, node) {
  const none = { labels: new Set(), scalar: true };
  if (!node) return none;
  switch (node.name) {
    case "VectorSelector":
      return { labels: selector(where, source, node), scalar: false };
    case "MatrixSelector": case "SubqueryExpr": case "OffsetExpr": case "ParenExpr": case "UnaryExpr":
    case "StepInvariantExpr":
      return visit(where, source, exprs(node)[0]);
    case "NumberDurationLiteral": case "NumberLiteral": case "StringLiteral":
      return none;
    case "FunctionCall":
      return call(where, source, node);
    case "AggregateExpr":
      return aggregate(where, source, node);
    case "BinaryExpr":
      return binary(where, source, node);
    default:
      fail(where, `unexpected PromQL node ${node.name}`);
      return { labels: null, scalar: false };
  }
}

function selector(where, source, node) {
  const name = node.getChild("Identifier") ? text(source, node.getChild("Identifier")) : null;
  if (!name) {
    fail(where, `a selector without a metric name: ${text(source, node)}`);
    return null;
  }
  let labels;
  if (exported.has(name)) {
    labels = exported.get(name).labels;
  } else if (recorded.has(name)) {
    labels = recorded.get(name);
  } else {
    // A family's name instead of a sample's (qwen_cost for qwen_cost_total): say which to query.
    const samples = [...exported.entries()].filter(([sample, s]) => s.suffix && sample === name + s.suffix);
    fail(where, `${name} is not exported by the service` + (samples.length
      ? ` (it is a ${samples[0][1].type}: query ${samples.map(([sample]) => sample).join(" or ")})` : ""));
    return null;
  }
  for (const matcher of node.getChild("LabelMatchers") ? children(node.getChild("LabelMatchers")) : []) {
    const labelNode = matcher.getChild("LabelName") ?? matcher.getChild("QuotedLabelName");
    const label = labelNode ? unquote(text(source, labelNode)) : null;
    if (label && label !== "__name__" && labels && !labels.has(label)) {
      fail(where, `${name} has no label "${label}" (it has ${[...labels].sort().join(", ")})`);
    }
  }
  return labels;
}

function call(where, source, node) {
  const fn = text(source, node.getChild("FunctionIdentifier"));
  const args = exprs(node.getChild("FunctionCallBody"));
  const vectorArg = args[VECTOR_ARGUMENT[fn] ?? 0];
  if (RANGE_FUNCTIONS.has(fn) && !(vectorArg && ["MatrixSelector", "SubqueryExpr"].includes(vectorArg.name))) {
    fail(where, `${fn}() needs a range, e.g. ${fn}(series[5m])`);
  }
  if (COUNTER_FUNCTIONS.has(fn) && vectorArg?.name === "MatrixSelector") {
    for (const name of selectedNames(source, vectorArg)) {
      const s = exported.get(name);
      if (s && !(s.type === "counter" || (["histogram", "summary"].includes(s.type) && s.suffix))) {
        fail(where, `${fn}() of ${name}, a ${s.type}: ${fn}() is for counters (_total, or a histogram's _bucket/_count/_sum)`);
      }
    }
  }
  if (fn === "histogram_quantile" && vectorArg) {
    for (const name of selectedNames(source, vectorArg)) {
      const s = exported.get(name);
      if (s && !(s.type === "histogram" && s.suffix === "_bucket")) {
        fail(where, `histogram_quantile() of ${name}: it needs a histogram's _bucket series`);
      }
    }
  }
  const results = args.map((a) => visit(where, source, a));
  if (SCALAR_FUNCTIONS.has(fn)) return { labels: new Set(), scalar: fn !== "vector" };
  if (fn.startsWith("label_") || fn.startsWith("absent")) return { labels: null, scalar: false };
  const result = results[VECTOR_ARGUMENT[fn] ?? 0] ?? { labels: null, scalar: false };
  if (fn === "histogram_quantile" && result.labels) {
    if (!result.labels.has("le")) fail(where, "histogram_quantile() needs the le label: keep it in by (le, ...)");
    return { labels: new Set([...result.labels].filter((l) => l !== "le")), scalar: false };
  }
  return result;
}

function aggregate(where, source, node) {
  const op = text(source, node.getChild("AggregateOp"));
  const args = exprs(node.getChild("FunctionCallBody"));
  const input = visit(where, source, args[args.length - 1]);
  if (PARAMETER_AGGREGATIONS.has(op)) args.slice(0, -1).forEach((a) => visit(where, source, a));
  const modifier = node.getChild("AggregateModifier");
  const grouping = modifier?.getChild("GroupingLabels")
    ? modifier.getChild("GroupingLabels").getChildren("LabelName").map((l) => text(source, l)) : [];
  if (modifier?.getChild("By")) {
    const missing = input.labels ? grouping.filter((l) => !input.labels.has(l)) : [];
    if (missing.length) fail(where, `${op} by (${missing.join(", ")}): no such label on ${text(source, args[args.length - 1])}`);
    return { labels: new Set(grouping), scalar: false };
  }
  if (modifier?.getChild("Without")) {
    return { labels: input.labels && new Set([...input.labels].filter((l) => !grouping.includes(l))), scalar: false };
  }
  return { labels: KEEPING_AGGREGATIONS.has(op) ? input.labels : new Set(), scalar: false };
}

function binary(where, source, node) {
  const [lhs, rhs] = exprs(node).map((e) => visit(where, source, e));
  const matching = node.getChild("MatchingModifierClause");
  if (matching?.getChild("On")) {
    const on = matching.getChild("GroupingLabels")?.getChildren("LabelName").map((l) => text(source, l)) ?? [];
    for (const side of [lhs, rhs]) {
      const missing = side.labels ? on.filter((l) => !side.labels.has(l)) : [];
      if (missing.length) fail(where, `on (${missing.join(", ")}): no such label on one side`);
    }
  }
  if (lhs.scalar && rhs.scalar) return lhs;
  if (lhs.scalar) return rhs;
  if (rhs.scalar || !matching?.getChild("GroupRight")) return lhs;
  return rhs;
}

/** The metric names a (range) selector or any expression below a node selects. */
function selectedNames(source, node) {
  const names = [];
  const walk = (n) => {
    if (n.name === "VectorSelector" && n.getChild("Identifier")) names.push(text(source, n.getChild("Identifier")));
    children(n).forEach(walk);
  };
  walk(node);
  return names;
}

/** Labels a template prints ({{ $labels.x }} in rules, {{x}} in a legend) must be on the expression's result. */
function checkTemplateLabels(where, labels, used) {
  for (const label of used) {
    if (labels && !labels.has(label)) {
      fail(where, `prints label "${label}", which the expression's result does not have (it has ${[...labels].sort().join(", ") || "none"})`);
    }
  }
}

// ---- The rules file: Prometheus' rule-file structure --------------------------------------------------------------
const DURATION = /^(([0-9]+)(ms|s|m|h|d|w|y))+$/;
const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

function onlyKeys(where, object, allowed) {
  for (const key of Object.keys(object)) if (!allowed.includes(key)) fail(where, `unknown field "${key}"`);
}

function stringMap(where, map, kind) {
  if (map === undefined) return {};
  if (map === null || typeof map !== "object" || Array.isArray(map)) {
    fail(where, `${kind} must be a map`);
    return {};
  }
  for (const [key, value] of Object.entries(map)) {
    if (!LABEL_NAME.test(key)) fail(where, `${kind}: "${key}" is not a valid label name`);
    if (typeof value !== "string") fail(where, `${kind}.${key} must be a string`);
  }
  return map;
}

const templateLabels = (strings) => strings.flatMap((s) => [...String(s).matchAll(/\$labels\.([a-zA-Z_][a-zA-Z0-9_]*)/g)].map((m) => m[1]));

function checkRules(file) {
  let doc;
  try {
    doc = parseYaml(readFileSync(file, "utf8"), { uniqueKeys: true });
  } catch (e) {
    fail(file, `YAML: ${e.message}`);
    return;
  }
  if (!doc || typeof doc !== "object" || !Array.isArray(doc.groups) || doc.groups.length === 0) {
    fail(file, "a rules file is a map with a non-empty list \"groups\"");
    return;
  }
  onlyKeys(file, doc, ["groups"]);
  const groupNames = new Set();
  doc.groups.forEach((group, g) => {
    const gw = `${file} groups[${g}]`;
    onlyKeys(gw, group, ["name", "interval", "query_offset", "limit", "rules", "labels"]);
    if (typeof group.name !== "string" || !group.name) fail(gw, "a group needs a name");
    else if (groupNames.has(group.name)) fail(gw, `group name "${group.name}" repeated`);
    groupNames.add(group.name);
    for (const key of ["interval", "query_offset"]) {
      if (group[key] !== undefined && !DURATION.test(String(group[key]))) fail(gw, `${key} "${group[key]}" is not a duration`);
    }
    if (!Array.isArray(group.rules) || group.rules.length === 0) {
      fail(gw, "a group needs a non-empty list \"rules\"");
      return;
    }
    group.rules.forEach((rule, r) => {
      const name = rule?.alert ?? rule?.record;
      const rw = `${gw}.rules[${r}]${name ? ` (${name})` : ""}`;
      const before = problems.length;
      checkRule(rw, rule);
      report(rw, before);
    });
  });
}

/** "report" counts each rule as one expression, valid when neither it nor its fields have a problem. */
function checkRule(rw, rule) {
  if (!rule || typeof rule !== "object") return fail(rw, "a rule is a map");
  if ((rule.alert === undefined) === (rule.record === undefined)) return fail(rw, "a rule has exactly one of alert and record");
  if (typeof rule.expr !== "string" || !rule.expr.trim()) return fail(rw, "a rule needs an expr");
  const labels = stringMap(rw, rule.labels, "labels");
  if (rule.record !== undefined) {
    onlyKeys(rw, rule, ["record", "expr", "labels"]);
    if (!METRIC_NAME.test(String(rule.record))) fail(rw, `"${rule.record}" is not a valid metric name`);
    const result = checkExpr(rw, rule.expr);
    recorded.set(rule.record, result === undefined || result === null ? null
      : new Set([...result, ...Object.keys(labels)]));
    return;
  }
  onlyKeys(rw, rule, ["alert", "expr", "for", "keep_firing_for", "labels", "annotations"]);
  if (typeof rule.alert !== "string" || !LABEL_NAME.test(rule.alert)) fail(rw, `"${rule.alert}" is not a valid alert name`);
  for (const key of ["for", "keep_firing_for"]) {
    if (rule[key] !== undefined && !DURATION.test(String(rule[key]))) fail(rw, `${key} "${rule[key]}" is not a duration`);
  }
  const annotations = stringMap(rw, rule.annotations, "annotations");
  // What an operator needs from every alert of this file: how bad, what, and what to do.
  if (!labels.severity) fail(rw, "labels.severity is missing");
  if (!annotations.summary || !annotations.description) fail(rw, "annotations need a summary and a description");
  const result = checkExpr(rw, rule.expr);
  if (result !== undefined) {
    checkTemplateLabels(rw, result, templateLabels([...Object.values(labels), ...Object.values(annotations)]));
  }
}

// ---- The dashboard: Grafana's JSON model, one Prometheus data source variable, every query ---------------------
// Grafana's own variables, as Grafana would fill them in before the query reaches Prometheus.
const GRAFANA_VARIABLES = { __rate_interval: "5m", __interval: "1m", __range: "6h" };

function checkDashboard(file) {
  let dashboard;
  try {
    dashboard = JSON.parse(readFileSync(file, "utf8"));
  } catch (e) {
    fail(file, `JSON: ${e.message}`);
    return;
  }
  for (const key of ["uid", "title"]) if (typeof dashboard[key] !== "string" || !dashboard[key]) fail(file, `needs a ${key}`);
  if (!Number.isInteger(dashboard.schemaVersion)) fail(file, "needs a schemaVersion");
  const variables = dashboard.templating?.list ?? [];
  const datasource = variables.find((v) => v.type === "datasource" && v.query === "prometheus");
  if (!datasource) fail(file, "needs a datasource variable of type prometheus (templating.list)");
  const ids = new Set();
  const panels = (dashboard.panels ?? []).flatMap((p) => [p, ...(p.panels ?? [])]);
  if (!panels.some((p) => p.type !== "row")) fail(file, "has no panels");
  for (const panel of panels) {
    const pw = `${file} panel ${panel.id} "${panel.title}"`;
    if (!Number.isInteger(panel.id) || ids.has(panel.id)) fail(pw, "needs an id of its own");
    ids.add(panel.id);
    const grid = panel.gridPos ?? {};
    if (!["h", "w", "x", "y"].every((k) => Number.isInteger(grid[k])) || grid.x + grid.w > 24) fail(pw, "gridPos is not a place on the 24-column grid");
    if (panel.type === "row") continue;
    if (typeof panel.title !== "string" || !panel.title) fail(pw, "needs a title");
    if (panel.datasource?.uid !== `\${${datasource?.name}}`) fail(pw, "should query the dashboard's datasource variable");
    if (!Array.isArray(panel.targets) || panel.targets.length === 0) {
      fail(pw, "has no queries");
      continue;
    }
    const refIds = new Set();
    for (const target of panel.targets) {
      const tw = `${pw} query ${target.refId}`;
      const before = problems.length;
      checkTarget(tw, target, refIds);
      report(tw, before);
    }
  }
}

function checkTarget(tw, target, refIds) {
  if (!target.refId || refIds.has(target.refId)) fail(tw, "needs a refId of its own");
  refIds.add(target.refId);
  if (typeof target.expr !== "string" || !target.expr.trim()) return fail(tw, "needs an expr");
  const expr = target.expr.replace(/\$\{?([a-zA-Z_][a-zA-Z0-9_]*)\}?/g, (whole, name) => {
    if (name in GRAFANA_VARIABLES) return GRAFANA_VARIABLES[name];
    fail(tw, `uses the variable $${name}, which the dashboard does not define`);
    return whole;
  });
  const result = checkExpr(tw, expr);
  if (result !== undefined) {
    checkTemplateLabels(tw, result, [...String(target.legendFormat ?? "").matchAll(/\{\{\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*\}\}/g)].map((m) => m[1]));
  }
}

// The rules first: the dashboard may plot what they record.
checkRules(rulesFile);
checkDashboard(dashboardFile);
printProblems();
console.log(`${valid} expressions valid, ${problems.length} problems`);
process.exit(problems.length ? 1 : 0);
