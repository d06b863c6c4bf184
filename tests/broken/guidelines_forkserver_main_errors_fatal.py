"""Family: the fork server's preload of the main module (3.15).  Errors while the
fork server preloads modules are fatal by default (as if on_error='fail'), so an
unguarded main module still breaks the fork server instead of being ignored."""

from multiprocessing import forkserver as _forkserver

from broken._base import BrokenContext, install

MIN_PYTHON = (3, 15)  # set_forkserver_preload(on_error=...) and its 'ignore' default
CATCHES = {"guidelines.safe-main-import::forkserver-ignores-error-of-preloaded-main"}
START_METHODS = ("forkserver",)

# The program under test imports this module (as its implementation) before it
# starts the fork server.
_forkserver._forkserver._preload_on_error = "fail"

install(globals(), BrokenContext)
