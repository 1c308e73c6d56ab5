"""Bad usage of our commands is said in Vietnamese, then in argparse's English (the brief:
bad input on the CLI gets a clear message in Vietnamese and English, never a traceback)."""

import os
import subprocess
import sys

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

pytestmark = pytest.mark.system  # the real console script in a process of its own


@pytest.mark.parametrize(
    ("args", "english"),
    [
        (["import-tasks"], "the following arguments are required: PATH"),
        (["export-template"], "the following arguments are required: PATH"),
        (["load-demo", "--bogus"], "unrecognized arguments: --bogus"),
        (["report"], "the following arguments are required: REPORT"),
        (["report", "units", "--from", "01/01/2025"], "the following arguments are required: --to"),
        (
            ["report", "units", "--from", "01/01/2025", "--to", "31/12/2025", "--format", "xml"],
            "invalid choice",
        ),
    ],
)
def test_usage_errors_are_said_in_vietnamese_then_english(args, english):
    with pytest.raises(CommandError) as error:
        call_command(*args)
    vietnamese, _, rest = str(error.value).partition(" / ")
    assert "tham số không hợp lệ, xem “" in vietnamese
    assert vietnamese.endswith(" --help”")
    assert english in rest


def test_in_english_a_usage_error_is_said_once():
    with translation.override("en"), pytest.raises(CommandError) as error:
        call_command("import-tasks")
    assert "invalid arguments, see “" in str(error.value)
    assert "tham số" not in str(error.value)


def test_the_console_script_says_bad_input_in_both_languages_and_exits_1(tmp_path):
    """The one test that runs the real `nhiemvu` console script (its exit code, its stderr,
    no traceback); every command's behaviour is tested through call_command."""
    env = {**os.environ, "NHIEMVU_DATA_DIR": str(tmp_path)}
    env.pop("DATABASE_URL", None)
    nhiemvu = os.path.join(os.path.dirname(sys.executable), "nhiemvu")
    result = subprocess.run(
        [nhiemvu, "report", "units", "--from", "32/01/2018", "--to", "31/12/2018"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert result.returncode == 1
    assert "Ngày không hợp lệ" in result.stderr and "Invalid date" in result.stderr
    assert "Traceback" not in result.stderr
