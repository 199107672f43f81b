"""Hypothesis profiles: a thorough one for CI, a quick one for local runs.

Choose with HYPOTHESIS_PROFILE=ci|dev; CI (the CI environment variable) selects "ci".
"""

import os

from hypothesis import HealthCheck, settings

settings.register_profile(
    "ci",
    max_examples=200,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("dev", max_examples=40, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"))
