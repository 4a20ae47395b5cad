"""Where the tests find the repository, the shared corpora and the CLI."""

import os
import pathlib
import shutil

import pytest

REPO = pathlib.Path(__file__).resolve().parents[3]


def in_ci() -> bool:
    return os.environ.get("CI") == "true"


def need(what: str, present: bool) -> None:
    """Skip with a notice when something the test reads is absent; under CI it must be there."""
    if present:
        return
    message = f"{what} is absent"
    if in_ci():
        pytest.fail(f"{message} (CI=true: it is required)")
    print(f"notice: skipping, {message}")
    pytest.skip(message)


@pytest.fixture(scope="session")
def shared() -> pathlib.Path:
    path = pathlib.Path(os.environ.get("ATTEST_SHARED", REPO.parent / "shared"))
    need(f"the shared corpora ({path})", path.is_dir())
    return path


@pytest.fixture(scope="session")
def cli() -> str:
    """The attest binary the Python results are compared with."""
    candidates = [os.environ.get("ATTEST_BIN"), str(REPO / "target" / "release" / "attest")]
    found = next((c for c in candidates if c and os.access(c, os.X_OK)), None)
    found = found or shutil.which("attest")
    need("the attest binary (cargo build --release, or ATTEST_BIN)", found is not None)
    return found


@pytest.fixture(scope="session")
def pipeline():
    import attest

    return attest.Pipeline()
