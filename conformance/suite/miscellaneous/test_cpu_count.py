"""Tests of cpu_count.

Miscellaneous: https://docs.python.org/3/library/multiprocessing.html#multiprocessing.cpu_count
"""

from __future__ import annotations

import os

from conformance.marks import feature
from conformance.targets import contexts as tc

# --------------------------------------------------------------------------- cpu_count()


@feature("cpu_count::positive-int")
def test_cpu_count_positive_int(mp):
    """cpu_count() returns a positive int."""
    count = mp.cpu_count()
    assert isinstance(count, int) and count > 0, repr(count)


@feature("cpu_count::number-of-cpus-in-the-system")
def test_cpu_count_number_of_cpus_in_the_system(mp):
    """cpu_count() is the number of CPUs in the system, as os.cpu_count() gives it.

    Not the number this process may use.
    """
    assert mp.cpu_count() == os.cpu_count()


@feature("cpu_count::follows-python-cpu-count", min_python=(3, 13),
         reason="PYTHON_CPU_COUNT and -X cpu_count exist from Python 3.13")
def test_cpu_count_follows_python_cpu_count(mp):
    """With PYTHON_CPU_COUNT set, cpu_count() returns that number (3.13+)."""
    facts = tc.start_method_facts()
    assert facts["cpu_count"] == tc.FORCED_CPU_COUNT, facts["cpu_count"]
