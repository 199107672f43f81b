"""Hypothesis profiles: quick locally, thorough in CI, and a deep one for the fuzz tests.

Choose with HYPOTHESIS_PROFILE=dev|ci|deep; CI (the CI environment variable) selects "ci".

* ``dev`` (the default): 40 examples per property, 200 per parser fuzz test;
* ``ci``: 200 examples per property, 1,000 per parser fuzz test;
* ``deep``: 10,000 examples per parser fuzz test — run it with
  ``HYPOTHESIS_PROFILE=deep python -m pytest -p no:cacheprovider -m fuzz tests/test_fuzz.py``.

The parser fuzz tests (marked ``fuzz``) take their example count from
``strategies.fuzz_examples()``.
"""

import os

from hypothesis import HealthCheck, settings

_QUIET = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much]

settings.register_profile(
    "ci",
    max_examples=200,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("dev", max_examples=40, deadline=None)
settings.register_profile(
    "deep", max_examples=200, deadline=None, print_blob=True, suppress_health_check=_QUIET
)
PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev")
settings.load_profile(PROFILE)
