"""Managers and proxies: child targets, registered types and manager classes
(test_managers*, test_proxies).

Everything a manager's server process or a child must find by name lives here
at top level: the types registered with the custom managers, the proxy types,
the initializers, and the managers themselves, which subclass the
implementation's own ``managers.BaseManager``.
"""

from __future__ import annotations

import gc
import os
import threading
from typing import Any

from conformance.harness import CHILD_WAIT
from conformance.impl import submodule
from conformance.targets import mp

# The authentication key of the loopback managers, and a key that is not it.
AUTHKEY = b"conformance-manager-key"
WRONG_AUTHKEY = b"not-the-manager-key"
# A TCP address on the loopback interface; port 0 lets the OS choose a free port.
LOOPBACK = ("127.0.0.1", 0)

# The implementation's classes, known only at run time (hence Any for the type checker).
_BaseManager: Any
_BaseProxy: Any
try:
    _managers = submodule("managers", mp())
    _BaseManager = _managers.BaseManager
    _BaseProxy = _managers.BaseProxy
    HAVE_MANAGERS = True
except Exception:  # the implementation lacks managers: the tests report it as missing
    _BaseManager = _BaseProxy = object
    HAVE_MANAGERS = False


# --------------------------------------------------------------------------- shared objects
# Instances of these live in a manager's server process.


class Maths:
    """The documentation's example of a type registered with a custom manager."""

    kind = "maths"  # a non-callable public attribute: never a proxy method

    def add(self, x, y):
        return x + y

    def mul(self, x, y):
        return x * y

    def fail(self, message):
        raise ValueError(message)

    def unpicklable_result(self):
        """Returns something the server cannot send back: a generator (which neither
        pickle nor the dill of some forks can serialize)."""
        return (x for x in range(3))

    def _private(self):
        return "private"


class Factory:
    """Methods returning new objects: mapped to a typeid (a proxy) or copied by value."""

    def make_maths(self):
        return Maths()

    def make_list(self):
        return [1, 2, 3]


class Unpicklable:
    """A referent that cannot be copied out of the server (it holds a generator)."""

    def __init__(self):
        self.generator = (x for x in range(3))

    def ping(self):
        return "pong"


_SERVER_STATE: dict = {"initializer": None}
_ALIVE: set = set()
_STORE: dict = {}


def record_initializer(*args):
    """A manager initializer: remembers in which process it ran and with what arguments."""
    _SERVER_STATE["initializer"] = (os.getpid(), args)


def start_lingering_thread():
    """A manager initializer that keeps the server process alive after it is told to stop:
    a non-daemonic thread that waits (bounded) for an event nobody sets."""
    threading.Thread(target=threading.Event().wait, args=(CHILD_WAIT,)).start()


class ServerFacts:
    """Reports on the server process it lives in."""

    def pid(self):
        return os.getpid()

    def initializer(self):
        return _SERVER_STATE["initializer"]

    def alive(self, token):
        """Whether the Tracked object with this token still exists in the server.

        The server collects its garbage first: without reference counting (PyPy),
        an object the server has let go lives on until a collection finalises it."""
        gc.collect()
        return token in _ALIVE


class Tracked:
    """Announces its own deletion, so a test can see when the server drops it."""

    def __init__(self, token):
        self.token = token
        _ALIVE.add(token)

    def __del__(self):
        _ALIVE.discard(self.token)


def get_store():
    """One dict per server process: every proxy created by this typeid shares it."""
    return _STORE


# --------------------------------------------------------------------------- proxy types


class AddOnlyProxy(_BaseProxy):
    """A hand-written proxy: only add is exposed; double is computed through it."""

    _exposed_ = ("add",)

    def add(self, x, y):
        return self._callmethod("add", (x, y))

    def double(self, x):
        return self._callmethod("add", (x, x))


class FactoryProxy(_BaseProxy):
    """A proxy type whose _method_to_typeid_ says make_maths returns a proxy."""

    _exposed_ = ("make_maths", "make_list")
    _method_to_typeid_ = {"make_maths": "MathsResult"}

    def make_maths(self):
        return self._callmethod("make_maths")

    def make_list(self):
        return self._callmethod("make_list")


# --------------------------------------------------------------------------- managers


class CustomManager(_BaseManager):
    """A BaseManager subclass with registered types, as in "Customized managers"."""


class ClientManager(_BaseManager):
    """Knows only the typeids, not the callables, as a remote client does."""


class OtherManager(_BaseManager):
    """A second subclass that registers nothing: CustomManager's registrations stay off it."""


if HAVE_MANAGERS:
    CustomManager.register("Maths", Maths)
    CustomManager.register("LimitedMaths", Maths, exposed=("add",))
    CustomManager.register("AddOnlyMaths", Maths, proxytype=AddOnlyProxy)
    CustomManager.register("Factory", Factory, method_to_typeid={"make_maths": "MathsResult"})
    CustomManager.register("FactoryViaProxy", Factory, proxytype=FactoryProxy)
    # Results of make_maths: no callable (the object exists already), no create method.
    CustomManager.register("MathsResult", create_method=False)
    CustomManager.register("ServerFacts", ServerFacts)
    CustomManager.register("Tracked", Tracked)
    CustomManager.register("Unpicklable", Unpicklable)
    CustomManager.register("get_store", get_store)

    ClientManager.register("get_store")
    ClientManager.register("ServerFacts")


def server_pid(manager) -> int:
    """The pid of a started custom manager's server process."""
    return manager.ServerFacts().pid()


# --------------------------------------------------------------------------- child targets


def wait_barrier(barrier, conn):
    conn.send(barrier.wait(CHILD_WAIT))
    conn.close()


def hold_then_release(lock, conn, times):
    """Acquire ``times`` times and say so; release when told to, and say so."""
    conn.send([lock.acquire(timeout=CHILD_WAIT) for _ in range(times)])
    if conn.poll(CHILD_WAIT):
        conn.recv()
    for _ in range(times):
        lock.release()
    conn.send("released")
    conn.close()


def wait_condition(cond, conn):
    """Wait on the condition after telling the parent we hold its lock."""
    with cond:
        conn.send("waiting")
        notified = cond.wait(CHILD_WAIT)
    conn.send(notified)
    conn.close()


def set_event(event):
    event.set()


def set_namespace_attributes(ns):
    ns.x = 42
    ns.name = "set by the child"


def put_on_queue(q, item):
    q.put(item)


def set_value(value, new):
    value.value = new


def set_array_item(array, index, new):
    array[index] = new


def fill_dict_as_documented(d):
    d[1] = "1"
    d["2"] = 2
    d[0.25] = None


def reverse_list(lst):
    lst.reverse()


def add_to_set(s):
    s.add("a")
    s.add("b")


def append_to(lst, item):
    lst.append(item)


def append_to_nested(outer, key, item):
    """Modify a proxy stored inside another proxy, reached through the outer one."""
    outer[key].append(item)


def receive_proxy_and_append(conn):
    """Receive a list proxy over a connection, append to it, say done."""
    if conn.poll(CHILD_WAIT):
        proxy, item = conn.recv()
        proxy.append(item)
        conn.send("done")
    conn.close()


def double_through(proxy, conn, x):
    conn.send(proxy.double(x))
    conn.close()


def serve_forever(conn):
    """Run a custom manager's server in this process, as 'Using a remote manager' shows
    (on an address of the platform's default family: TCP is slow to authenticate)."""
    server = CustomManager(authkey=AUTHKEY).get_server()
    conn.send(server.address)
    conn.close()
    server.serve_forever()


_KEPT: list = []


def start_manager_and_exit(conn, start_method):
    """Start a manager of our own and exit without shutting it down (it is kept
    referenced to the end, so only the exit of this process can end it)."""
    manager = CustomManager(authkey=AUTHKEY, ctx=mp().get_context(start_method))
    manager.start()
    _KEPT.append(manager)
    conn.send(manager.address)
    conn.close()
