#!/usr/bin/python3
"""Validates request bodies against the saved OpenAPI specs (contract tests of the WB, Ozon and Yandex adapters).

usage: net_contract_validate.py <marketplace-api dir> <bodies.json>

bodies.json is a list of {"file": "<spec file relative to the dir>", "method": "post", "path": "<spec path>",
"body": <json>}. The operation's requestBody application/json schema is resolved ($ref across files, as the
Yandex spec is split into many), converted from OpenAPI 3.0 to JSON Schema (nullable -> null allowed,
non-schema junk under "properties" dropped) and checked with python3-jsonschema (Draft 4, the dialect OpenAPI
3.0 derives from). Prints one line per failure and exits 1 when any body is invalid.
"""
import json
import os
import sys

import jsonschema
import yaml

_cache = {}


def load(path):
    if path not in _cache:
        with open(path, encoding="utf-8") as f:
            _cache[path] = json.load(f) if path.endswith(".json") else yaml.safe_load(f)
    return _cache[path]


def deref(node, base):
    seen = 0
    while isinstance(node, dict) and "$ref" in node:
        seen += 1
        if seen > 50:
            raise ValueError("$ref loop at " + base)
        ref = node["$ref"]
        file_part, _, frag = ref.partition("#")
        target = os.path.normpath(os.path.join(os.path.dirname(base), file_part)) if file_part else base
        doc = load(target)
        for part in [p for p in frag.split("/") if p]:
            part = part.replace("~1", "/").replace("~0", "~")
            doc = doc[int(part)] if isinstance(doc, list) else doc[part]
        node, base = doc, target
    return node, base


def convert(node, base, depth=0):
    """Inlines $refs and turns OpenAPI 3.0 schema keywords into JSON Schema ones."""
    if depth > 40:
        return {}
    node, base = deref(node, base)
    if isinstance(node, list):
        return [convert(x, base, depth + 1) for x in node]
    if not isinstance(node, dict):
        return node
    out = {}
    for k, v in node.items():
        if k in ("example", "examples", "x-examples", "discriminator", "xml", "externalDocs", "deprecated",
                 "readOnly", "writeOnly", "nullable", "description", "title"):
            continue
        if k == "properties" and isinstance(v, dict):
            out[k] = {pk: convert(pv, base, depth + 1) for pk, pv in v.items()
                      if isinstance(pv, dict)}
        elif k in ("items", "additionalProperties", "not") and isinstance(v, dict):
            out[k] = convert(v, base, depth + 1)
        elif k in ("allOf", "oneOf", "anyOf") and isinstance(v, list):
            out[k] = [convert(x, base, depth + 1) for x in v]
        elif k == "format":
            continue  # formats are annotations for us (int64, date-time...): not asserted
        else:
            out[k] = v
    if node.get("nullable") is True:
        if "type" in out:
            t = out["type"]
            out["type"] = (t if isinstance(t, list) else [t]) + ["null"]
        if "enum" in out and None not in out["enum"]:
            out["enum"] = out["enum"] + [None]
        if "type" not in out and any(k in out for k in ("allOf", "oneOf", "anyOf")):
            out = {"anyOf": [out, {"type": "null"}]}
    return out


def operation_schema(spec_path, method, path):
    doc = load(spec_path)
    item = doc["paths"][path]
    item, base = deref(item, spec_path)
    op = item[method.lower()]
    if "requestBody" not in op:
        return None  # the operation takes no body: only an empty JSON object may be sent
    body, base = deref(op["requestBody"], base)
    schema = body["content"]["application/json"]["schema"]
    return convert(schema, base)


def main():
    root, bodies_file = sys.argv[1], sys.argv[2]
    with open(bodies_file, encoding="utf-8") as f:
        entries = json.load(f)
    failures = 0
    for e in entries:
        spec = os.path.join(root, e["file"])
        try:
            schema = operation_schema(spec, e["method"], e["path"])
        except Exception as ex:  # a missing operation is a failure too
            print("%s %s %s: no schema (%s)" % (e["file"], e["method"], e["path"], ex))
            failures += 1
            continue
        if schema is None:
            if e["body"] not in ({}, None):
                print("%s %s %s: the spec defines no request body, got %s" % (e["file"], e["method"], e["path"],
                                                                            json.dumps(e["body"])[:200]))
                failures += 1
            continue
        v = jsonschema.Draft4Validator(schema)
        errs = sorted(v.iter_errors(e["body"]), key=lambda x: list(x.path))
        for err in errs[:10]:
            print("%s %s %s: %s at %s" % (e["file"], e["method"], e["path"], err.message[:300],
                                         "/".join(str(p) for p in err.path)))
        failures += 1 if errs else 0
    print("validated %d bodies, %d invalid" % (len(entries), failures))
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
