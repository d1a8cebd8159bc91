"""Reads a JUnit XML file with junitparser and prints its suites and cases as JSON."""
import json, sys
from junitparser import JUnitXml, Failure, Error, Skipped

xml = JUnitXml.fromfile(sys.argv[1])
suites = []
for suite in xml:
    cases = []
    for case in suite:
        results = [{"kind": type(r).__name__, "message": r.message, "text": r.text} for r in case.result]
        cases.append({"classname": case.classname, "name": case.name, "results": results})
    suites.append({"name": suite.name, "tests": suite.tests, "failures": suite.failures,
                   "errors": suite.errors, "skipped": suite.skipped, "cases": cases})
json.dump({"tests": xml.tests, "failures": xml.failures, "errors": xml.errors, "skipped": xml.skipped,
           "suites": suites}, sys.stdout, ensure_ascii=False)
