"""Loads an OSCAL assessment-results document with compliance-trestle's OSCAL models (an
independent validator) and prints what the test checks, as JSON."""
import json, pathlib, sys
from trestle.oscal.assessment_results import AssessmentResults

def unwrap(value):
    """pydantic wraps constrained strings in root models (`.root` in v2, `__root__` in v1)."""
    for _ in range(3):
        value = getattr(value, "root", getattr(value, "__root__", value))
    return value


results = AssessmentResults.oscal_read(pathlib.Path(sys.argv[1]))
result = results.results[0]
out = {
    "oscal_version": unwrap(results.metadata.oscal_version),
    "observations": len(result.observations or []),
    "findings": [
        {"target": f.target.target_id, "state": f.target.status.state.value if hasattr(f.target.status.state, "value") else str(f.target.status.state),
         "reason": f.target.status.reason}
        for f in (result.findings or [])
    ],
    "evidence": [e.description for o in (result.observations or []) for e in (o.relevant_evidence or [])],
    "items": len(result.local_definitions.inventory_items or []) if result.local_definitions else 0,
}
json.dump(out, sys.stdout, ensure_ascii=False)
