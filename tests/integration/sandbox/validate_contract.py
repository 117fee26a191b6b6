#!/usr/bin/python3
"""Validates recorded sandbox exchanges against the saved marketplace OpenAPI specs.

Usage: validate_contract.py <exchanges.json> <spec_dir>

<exchanges.json> is written by contract_test.cpp: a list of
  {"marketplace", "path" (spec template), "method", "status", "request" (JSON or null),
   "response" (JSON, text or null), "content_type"}.
<spec_dir> is contracts/marketplace-api (BY_SHARED_DIR/marketplace-api).

Every response is checked against the schema of its documented status code, and every request
body the sandbox accepted (2xx) against the operation's requestBody schema. $ref is resolved across
files (Yandex's spec is split into ~1,000 files); OpenAPI 3.0 `nullable` becomes a JSON-Schema type
union; recursive schemas are cut at a fixed depth. Only Debian's python3-jsonschema and python3-yaml
are used. Exits 0 when everything conforms, 1 otherwise.
"""
import json
import os
import sys

import jsonschema
import yaml

SPECS = {
    "wildberries": ["wildberries/general.yaml", "wildberries/products.yaml", "wildberries/orders-fbs.yaml"],
    "ozon": ["ozon/seller-api-swagger.json"],
    "yandex": ["yandex-market/openapi/openapi.yaml"],
    "uzum": ["uzum/seller-openapi.json"],
}
# The specs do not document these answers; the sandbox's shapes for them come from the README
# (Ozon's over-limit error, Uzum's gateway 429) and are checked by the unit tests instead.
UNDOCUMENTED_OK = {("ozon", 429), ("uzum", 429), ("uzum", 403)}
MAX_DEPTH = 60

_cache = {}


def load(path):
    path = os.path.normpath(path)
    if path not in _cache:
        with open(path, encoding="utf-8") as f:
            _cache[path] = json.load(f) if path.endswith(".json") else yaml.safe_load(f)
    return _cache[path]


def resolve(node, base):
    """Follows $ref chains; returns (node, file it lives in)."""
    seen = 0
    while isinstance(node, dict) and "$ref" in node:
        seen += 1
        if seen > 64:
            raise ValueError("ref loop at " + node["$ref"])
        ref = node["$ref"]
        file_part, _, fragment = ref.partition("#")
        target = base if not file_part else os.path.normpath(os.path.join(os.path.dirname(base), file_part))
        doc = load(target)
        for part in [p for p in fragment.split("/") if p]:
            doc = doc[part.replace("~1", "/").replace("~0", "~")]
        node, base = doc, target
    return node, base


def to_json_schema(node, base, depth=0, stack=()):
    """Inlines refs and turns an OpenAPI 3.0 schema into a draft-7 JSON Schema."""
    if depth > MAX_DEPTH:
        return {}
    if isinstance(node, dict) and "$ref" in node:
        key = (base, node["$ref"])
        if key in stack:
            return {}  # recursion (e.g. a category's children): accept anything below
        target, tbase = resolve(node, base)
        return to_json_schema(target, tbase, depth + 1, stack + (key,))
    if isinstance(node, list):
        return [to_json_schema(x, base, depth + 1, stack) for x in node]
    if not isinstance(node, dict):
        return node
    out = {}
    for k, v in node.items():
        if k in ("example", "examples", "description", "discriminator", "xml", "externalDocs", "deprecated",
                 "readOnly", "writeOnly", "format", "title") or k.startswith("x-"):
            continue
        if k == "properties":
            out[k] = {name: to_json_schema(s, base, depth + 1, stack) for name, s in v.items()}
        elif k in ("items", "additionalProperties", "not"):
            out[k] = to_json_schema(v, base, depth + 1, stack) if isinstance(v, (dict, list)) else v
        elif k in ("allOf", "anyOf", "oneOf"):
            out[k] = [to_json_schema(s, base, depth + 1, stack) for s in v]
        elif k == "nullable":
            continue
        else:
            out[k] = v
    if node.get("nullable") is True:
        if "type" in out:
            t = out["type"]
            out["type"] = (t if isinstance(t, list) else [t]) + ["null"]
            if "enum" in out:
                out["enum"] = list(out["enum"]) + [None]
        else:
            out = {"anyOf": [out, {"type": "null"}]}
    return out


def find_operation(marketplace, path, method):
    for rel in SPECS[marketplace]:
        full = os.path.join(SPEC_DIR, rel)
        spec = load(full)
        item = spec.get("paths", {}).get(path)
        if item is None:
            continue
        item, base = resolve(item, full)
        op = item.get(method.lower())
        if op is not None:
            return op, base
    return None, None


def media_schema(content):
    for ct in ("application/json", "*/*", "plain/text", "text/plain"):
        if ct in content:
            return content[ct].get("schema")
    return next(iter(content.values()), {}).get("schema") if content else None


def check(ex):
    """Returns a list of problems (strings) for one exchange."""
    mp, path, method, status = ex["marketplace"], ex["path"], ex["method"], ex["status"]
    op, base = find_operation(mp, path, method)
    if op is None:
        return [f"{method} {path}: not in the {mp} spec"]
    problems = []
    validator = jsonschema.Draft7Validator
    if ex.get("request") is not None and 200 <= status < 300:
        rb = op.get("requestBody")
        if rb is None:
            problems.append("request body sent, but the operation takes none")
        else:
            rb, rbase = resolve(rb, base)
            schema = media_schema(rb.get("content", {}))
            if schema is not None:
                js = to_json_schema(schema, rbase)
                for err in sorted(validator(js).iter_errors(ex["request"]), key=str)[:5]:
                    problems.append("request: " + err.message + " at " + "/".join(map(str, err.absolute_path)))
    responses = op.get("responses", {})
    spec_resp = responses.get(str(status)) or responses.get("default")
    if spec_resp is None:
        if (mp, status) not in UNDOCUMENTED_OK:
            problems.append(f"status {status} is not documented")
        return problems
    spec_resp, rbase = resolve(spec_resp, base)
    content = spec_resp.get("content") or {}
    schema = media_schema(content)
    body = ex.get("response")
    if schema is None:
        if body not in (None, "", {}):
            problems.append(f"status {status} has no documented body, but one came")
        return problems
    if body is None:
        if status != 204:
            problems.append(f"status {status}: a body is documented, none came")
        return problems
    js = to_json_schema(schema, rbase)
    for err in sorted(validator(js).iter_errors(body), key=str)[:5]:
        problems.append("response: " + err.message[:300] + " at " + "/".join(map(str, err.absolute_path)))
    return problems


def main():
    global SPEC_DIR
    if len(sys.argv) != 3:
        print(__doc__)
        return 2
    with open(sys.argv[1], encoding="utf-8") as f:
        exchanges = json.load(f)
    SPEC_DIR = sys.argv[2]
    failed = 0
    per_mp = {}
    for ex in exchanges:
        problems = check(ex)
        tag = f"{ex['marketplace']:11} {ex['method']:6} {ex['path']} -> {ex['status']}"
        per_mp.setdefault(ex["marketplace"], 0)
        per_mp[ex["marketplace"]] += 1
        if problems:
            failed += 1
            print("FAIL", tag)
            for p in problems:
                print("     ", p)
        else:
            print("ok  ", tag)
    print(f"{len(exchanges) - failed}/{len(exchanges)} exchanges conform;", ", ".join(f"{k}: {v}" for k, v in sorted(per_mp.items())))
    return 1 if failed else 0


SPEC_DIR = ""
if __name__ == "__main__":
    sys.exit(main())
