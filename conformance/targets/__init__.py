"""Child-process targets: top-level functions that spawn and forkserver can import.

Targets reach the implementation under test through ``mp()``; its name is
inherited from the parent through the environment (see ``conformance.impl``).
One module per area of the suite.
"""

from conformance.impl import load as mp  # noqa: F401
