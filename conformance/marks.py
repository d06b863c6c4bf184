"""Metadata for conformance tests, carried by the ``conformance`` marker.

    from conformance.marks import feature

    @feature("Process.exitcode::killed-by-signal-is-negative", posix=True)
    def test_exitcode_killed_by_signal_is_negative(ctx): ...

Narrowing lives here, never as an ``if`` in a test body: a behaviour that
does not apply to a start method, platform or Python version is reported as
``n/a`` with the reason given here.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypedDict

import pytest

MARKER = "conformance"


class Narrowing(TypedDict, total=False):
    """feature()'s narrowing keywords, for a set several tests share:
    ``ZOMBIES = Narrowing(posix=True, reason=...)``, then ``@feature(id, **ZOMBIES)``."""

    de_facto: bool
    start_methods: Iterable[str] | None
    posix: bool
    platforms: Iterable[str] | None
    not_platforms: Iterable[str] | None
    min_python: tuple[int, ...] | tuple[tuple[int, ...], ...] | None
    before_python: tuple[int, ...] | None
    not_python: Iterable[tuple[tuple[int, ...], tuple[int, ...]]]
    requires: Iterable[str]
    reason: str | None


def feature(
    feature_id: str,
    *,
    de_facto: bool = False,
    start_methods: Iterable[str] | None = None,
    posix: bool = False,
    platforms: Iterable[str] | None = None,
    not_platforms: Iterable[str] | None = None,
    min_python: tuple[int, ...] | tuple[tuple[int, ...], ...] | None = None,
    before_python: tuple[int, ...] | None = None,
    not_python: Iterable[tuple[tuple[int, ...], tuple[int, ...]]] = (),
    requires: Iterable[str] = (),
    reason: str | None = None,
) -> pytest.MarkDecorator:
    """Mark a test as checking one documented behaviour.

    feature_id     ``<catalog entry>::<behaviour>``; the entry gives the doc
                   anchor, the doc section and the "added in" version.
    de_facto       the docs are silent; the newest stdlib is the reference.
    start_methods  the behaviour exists only under these start methods.
    posix          the behaviour exists only on POSIX systems.
    platforms      ``sys.platform`` prefixes the behaviour exists on.
    not_platforms  ``sys.platform`` prefixes the behaviour does not exist on.
    min_python     the behaviour exists only from this Python version on
                   (beyond the entry's own "added in"): (3, 12), a patch
                   release (3, 14, 3), or one version per branch a change was
                   backported to, ((3, 10, 13), (3, 11, 7), (3, 12)).
    before_python  the behaviour exists only before this Python version (a
                   behaviour a later version changed: a test with min_python
                   records the new one).
    not_python     ``((from, to), ...)``: the behaviour does not hold from
                   ``from`` up to (not including) ``to``: the patch releases
                   of a regression and its fix, ``((3, 14), (3, 14, 4))``.
    requires       further API paths that must exist (``connection.wait``),
                   checked before the test runs: absent means ``missing``.
    reason         why the narrowing applies, shown with ``n/a``.
    """
    return pytest.mark.conformance(
        feature_id,
        de_facto=de_facto,
        start_methods=tuple(start_methods) if start_methods else None,
        posix=posix,
        platforms=tuple(platforms) if platforms else None,
        not_platforms=tuple(not_platforms) if not_platforms else None,
        min_python=min_python,
        before_python=before_python,
        not_python=tuple((tuple(lo), tuple(hi)) for lo, hi in not_python),
        requires=tuple(requires),
        reason=reason,
    )
