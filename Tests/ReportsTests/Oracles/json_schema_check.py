"""Validates a JSON document against a JSON Schema (draft 2020-12) with python-jsonschema."""
import json, sys
import jsonschema

schema = json.load(open(sys.argv[1], encoding="utf-8"))
document = json.load(open(sys.argv[2], encoding="utf-8"))
jsonschema.Draft202012Validator.check_schema(schema)
validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
errors = sorted(validator.iter_errors(document), key=lambda e: list(e.path))
for error in errors[:20]:
    print("/".join(map(str, error.path)), error.message)
sys.exit(1 if errors else 0)
