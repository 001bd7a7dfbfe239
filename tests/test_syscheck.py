"""`make run` / `make test` name the missing system packages instead of showing WeasyPrint's traceback."""

import subprocess
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent

# Make every shared-library load fail, as on a machine without Pango, then run the check.
WITHOUT_SYSTEM_LIBRARIES = """
import cffi

def dlopen(self, name, *args, **kwargs):
    raise OSError(f"cannot load library {name!r}: cannot open shared object file: No such file or directory")

cffi.FFI.dlopen = dlopen
from rakor import syscheck
syscheck.main()
"""


def test_missing_pango_prints_the_apt_get_line_instead_of_a_traceback():
    result = subprocess.run(
        [sys.executable, "-c", WITHOUT_SYSTEM_LIBRARIES], cwd=BASE_DIR, capture_output=True, text=True
    )

    assert result.returncode == 1
    assert "sudo apt-get install -y libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0" in result.stderr
    assert "Traceback" not in result.stderr
    # WeasyPrint's own banner goes to stdout; the check keeps it out of the way.
    assert result.stdout == ""


def test_system_check_passes_on_this_machine():
    result = subprocess.run(
        [sys.executable, "-m", "rakor.syscheck"], cwd=BASE_DIR, capture_output=True, text=True
    )

    assert result.returncode == 0, result.stderr
