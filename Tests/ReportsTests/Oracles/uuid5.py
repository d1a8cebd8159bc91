"""Prints Python's uuid.uuid5 (RFC 9562 version 5: SHA-1 of namespace and name) for each name of a
JSON list, as a JSON list: an independent oracle for our own SHA-1 and UUID formatting."""
import json, sys, uuid

namespace = uuid.UUID(sys.argv[1])
with open(sys.argv[2], encoding="utf-8") as f:
    names = json.load(f)
json.dump([str(uuid.uuid5(namespace, name)) for name in names], sys.stdout)
