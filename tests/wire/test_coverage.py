"""The README's coverage figure is the registered wire actions against botocore's model."""

from __future__ import annotations

import re
from io import StringIO
from pathlib import Path

from django.core.management import call_command

from iamconsole.wire.registry import coverage

README = Path(__file__).resolve().parents[2] / "README.md"


def test_the_readme_states_the_operations_implemented_over_the_model():
    implemented, total = coverage("iam")
    stated = re.search(r"\*\*Coverage:\*\* (\d+) of the (\d+) operations in botocore's IAM "
                       r"model", README.read_text())
    assert stated is not None
    assert (int(stated[1]), int(stated[2])) == (len(implemented), total), (
        "update the README's figure: " + ", ".join(implemented))


def test_the_command_prints_the_figure():
    out = StringIO()
    call_command("wire_coverage", stdout=out)
    implemented, total = coverage("iam")
    assert f"iam: {len(implemented)} / {total} operations" in out.getvalue()
