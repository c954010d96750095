#!/usr/bin/env node
// Offline schema validation of multi-document Kubernetes/Knative YAML, and of Quarkus' JSON manifests (a list).
// Usage: node validate.mjs file.yml|file.json [more ...]   -> exit 0 if all docs valid, 1 otherwise.
import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";
import { Deployment } from "kubernetes-models/apps/v1/Deployment";
import { StatefulSet } from "kubernetes-models/apps/v1/StatefulSet";
import { Service } from "kubernetes-models/v1/Service";
import { ConfigMap } from "kubernetes-models/v1/ConfigMap";
import { Secret } from "kubernetes-models/v1/Secret";
import { ServiceAccount } from "kubernetes-models/v1/ServiceAccount";
import { HorizontalPodAutoscaler } from "kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler";
import { Service as KnativeService } from "@kubernetes-models/knative/serving.knative.dev/v1/Service";

// key = `${apiVersion}/${kind}`  (core group apiVersion is just "v1")
const MODELS = new Map(
  [Deployment, StatefulSet, Service, ConfigMap, Secret, ServiceAccount, HorizontalPodAutoscaler, KnativeService]
    .map((M) => [`${M.apiVersion}/${M.kind}`, M]),
);

// Strict, as `kubectl apply --validate=strict` and a schema validator are: an explicit null is an error
// (the schemas would accept some nulls as "not set" and a lenient API server drops them; a committed
// manifest says what it means). Returns the paths of every null in a document.
function nullPaths(value, path = "") {
  if (value === null) return [path || "/"];
  if (Array.isArray(value)) return value.flatMap((v, i) => nullPaths(v, `${path}/${i}`));
  if (typeof value === "object") return Object.entries(value).flatMap(([k, v]) => nullPaths(v, `${path}/${k}`));
  return [];
}

let failures = 0, checked = 0;
for (const file of process.argv.slice(2)) {
  // JSON is YAML; a JSON file holds its documents as one array.
  const docs = parseAllDocuments(readFileSync(file, "utf8")).flatMap((doc) => {
    if (doc.errors.length) return [{ errors: doc.errors }];
    const obj = doc.toJS();
    return Array.isArray(obj) ? obj.map((item) => ({ obj: item })) : [{ obj }];
  });
  docs.forEach(({ errors, obj }, i) => {
    const where = `${file}#${i}`;
    if (errors) { failures++; console.error(`${where}: YAML error: ${errors.map((e) => e.message).join("; ")}`); return; }
    if (obj == null) return;                       // empty document (e.g. trailing '---')
    const key = `${obj.apiVersion}/${obj.kind}`;
    const name = obj.metadata?.name ?? "<no name>";
    const nulls = nullPaths(obj);
    if (nulls.length) { failures++; console.error(`FAIL ${where} ${key} ${name}: null at ${nulls.join(", ")}`); return; }
    const Model = MODELS.get(key);
    if (!Model) { failures++; console.error(`${where} ${key} ${name}: no schema registered for this apiVersion/kind`); return; }
    try {
      new Model(obj).validate();                   // throws on schema violation
      checked++;
      console.log(`ok   ${where} ${key} ${name}`);
    } catch (err) {
      failures++;
      console.error(`FAIL ${where} ${key} ${name}: ${err.message}`);
    }
  });
}
console.log(`${checked} valid, ${failures} invalid`);
process.exit(failures ? 1 : 0);
