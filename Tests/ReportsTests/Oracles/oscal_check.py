"""Loads an OSCAL assessment-results document with compliance-trestle's OSCAL models (an
independent validator) and prints what the test checks, as JSON."""
import json, pathlib, sys
from trestle.oscal.assessment_results import AssessmentResults

def unwrap(value):
    """pydantic wraps constrained strings in root models (`.root` in v2, `__root__` in v1)."""
    for _ in range(3):
        value = getattr(value, "root", getattr(value, "__root__", value))
    return value


def text(value):
    value = unwrap(value)
    return None if value is None else str(value)


results = AssessmentResults.oscal_read(pathlib.Path(sys.argv[1]))
result = results.results[0]
objectives = (results.local_definitions.objectives_and_methods or []) if results.local_definitions else []
out = {
    "oscal_version": unwrap(results.metadata.oscal_version),
    "objectives": [
        {"control": text(o.control_id), "description": text(o.description),
         "props": {text(p.name): text(p.value) for p in (o.props or [])},
         "props_ns": sorted({text(p.ns) for p in (o.props or [])}),
         "parts": [{"id": text(p.id), "name": text(p.name), "title": text(p.title), "prose": text(p.prose)} for p in o.parts]}
        for o in objectives
    ],
    "observations": len(result.observations or []),
    "observation_records": [
        {"uuid": text(o.uuid), "description": text(o.description), "title": text(o.title), "types": o.types,
         "methods": [text(m) for m in o.methods],
         "subjects": [text(s.subject_uuid) for s in (o.subjects or [])]}
        for o in (result.observations or [])
    ],
    "findings": [
        {"target": f.target.target_id, "state": f.target.status.state.value if hasattr(f.target.status.state, "value") else str(f.target.status.state),
         "reason": f.target.status.reason, "title": text(f.title), "description": text(f.description),
         "props": len(f.props or []), "observations": [text(r.observation_uuid) for r in (f.related_observations or [])]}
        for f in (result.findings or [])
    ],
    "evidence": [e.description for o in (result.observations or []) for e in (o.relevant_evidence or [])],
    "items": len(result.local_definitions.inventory_items or []) if result.local_definitions else 0,
    "item_uuids": [text(i.uuid) for i in (result.local_definitions.inventory_items or [])] if result.local_definitions else [],
}
json.dump(out, sys.stdout, ensure_ascii=False)
