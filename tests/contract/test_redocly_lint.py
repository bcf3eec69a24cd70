"""The served document passes Redocly's recommended lint rules: no errors, no warnings."""

import json

from tests.contract.conftest import run_tool


def test_the_served_document_passes_redocly_recommended_lint(node_tools, served_document):
    linted = run_tool(node_tools, "redocly", "lint", "--extends=recommended", "--format=json", str(served_document))
    report = json.loads(linted.stdout[linted.stdout.index("{") :])
    problems = [f"{p['severity']} {p['ruleId']}: {p['message']} at {p['location'][0]['pointer']}"
                for p in report["problems"]]  # fmt: skip

    assert report["totals"]["errors"] == 0, problems
    assert report["totals"]["warnings"] == 0, problems
    assert linted.returncode == 0, linted.stderr[-2000:]
