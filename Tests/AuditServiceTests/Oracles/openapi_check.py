#!/usr/bin/env python3
"""Checks answers recorded from a running ictaudit server against its OpenAPI document.

Usage: openapi_check.py openapi.json answers.jsonl
Each answer line: {"path": "/api/v1/units/{unit}", "method": "get", "status": 200,
"contentType": "application/json", "body": "..."}. The document itself is validated with
openapi-spec-validator; each JSON body with jsonschema against the documented response schema.
Prints one line per problem and a summary; exits 1 on any problem.
"""
import json
import sys

import jsonschema
from openapi_spec_validator import validate

document = json.load(open(sys.argv[1], encoding="utf-8"))
validate(document)
problems = []
seen = set()
checked = 0
for line in open(sys.argv[2], encoding="utf-8"):
    answer = json.loads(line)
    where = f'{answer["method"].upper()} {answer["path"]} -> {answer["status"]}'
    operation = document["paths"].get(answer["path"], {}).get(answer["method"])
    if operation is None:
        problems.append(f"{where}: not in the document")
        continue
    seen.add((answer["path"], answer["method"]))
    response = operation["responses"].get(str(answer["status"]))
    if response is None:
        problems.append(f"{where}: status not documented")
        continue
    media = answer["contentType"].split(";")[0].strip()
    content = response.get("content", {})
    if not content and not answer["body"]:
        continue  # documented without a body (204), answered without one
    if media not in content:
        problems.append(f"{where}: content type {media} not documented ({', '.join(content)})")
        continue
    if media == "application/json":
        schema = dict(content[media]["schema"])
        schema["components"] = document["components"]
        try:
            jsonschema.validate(json.loads(answer["body"]), schema)
            checked += 1
        except jsonschema.ValidationError as error:
            problems.append(f"{where}: {error.message} at {list(error.absolute_path)}")
missing = [f"{m.upper()} {p}" for p, ops in document["paths"].items() for m in ops if (p, m) not in seen]
for operation in missing:
    problems.append(f"{operation}: documented but not exercised")
for problem in problems:
    print(problem)
print(f"openapi: {len(seen)} operations exercised, {checked} JSON bodies validated, {len(problems)} problems")
sys.exit(1 if problems else 0)
