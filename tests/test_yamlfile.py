"""factcheck.yamlfile reads every YAML file the package ships as yaml.safe_load does."""

from __future__ import annotations

from pathlib import Path

import yaml

from factcheck import yamlfile

PACKAGE = Path(__file__).resolve().parents[1] / "factcheck"


def test_every_packaged_yaml_file_reads_the_same():
    paths = sorted(PACKAGE.glob("**/*.yaml"))
    assert len(paths) >= 8
    for path in paths:
        text = path.read_text(encoding="utf-8")
        assert yamlfile.safe_load(text) == yaml.safe_load(text), path


def test_scalars_resolve_as_safe_load_does():
    text = "a: 1\nb: 1.5\nc: yes\nd: null\ne: 2019-01-01\nf: '007'\ng: [x, 'y', 3]\nh: ~\ni: 1e3\n"
    assert yamlfile.safe_load(text) == yaml.safe_load(text)
