"""Tests of managers.BaseManager, managers.BaseManager.start, managers.BaseManager.shutdown,
managers.BaseManager.get_server, managers.BaseManager.connect, managers.BaseManager.address and
managers.BaseManager.register.

Managers: https://docs.python.org/3/library/multiprocessing.html#multiprocessing.managers.BaseManager
"""

from __future__ import annotations

import gc
import os

import pytest

from conformance import harness
from conformance.marks import feature
from conformance.suite._support import managers_module
from conformance.targets import managers as t


@pytest.fixture(scope="module")
def custom(mp, start_method):
    """The custom manager, with an authkey and an initializer, per start method."""
    manager = t.CustomManager(authkey=t.AUTHKEY, ctx=mp.get_context(start_method))
    manager.start(t.record_initializer, ("initargs", 42))
    try:
        yield manager
    finally:
        manager.shutdown()


@pytest.fixture(scope="module")
def remote(mp):
    """The custom manager listening on the loopback interface (TCP), with an authkey.

    Every new connection to it costs tens of milliseconds (the authentication
    handshake meets TCP's delayed acknowledgements), so it serves few tests."""
    manager = t.CustomManager(address=t.LOOPBACK, authkey=t.AUTHKEY)
    manager.start()
    try:
        yield manager
    finally:
        manager.shutdown()


class Stopped:
    """A manager that was started, used, then shut down, and what was seen of it."""

    def __init__(self, manager, maths, pid, was_running):
        self.manager = manager
        self.maths = maths
        self.pid = pid
        self.was_running = was_running


@pytest.fixture(scope="module")
def stopped(mp, start_method):
    """A custom manager per start method, shut down with shutdown() after some use."""
    manager = t.CustomManager(ctx=mp.get_context(start_method))
    manager.start()
    try:
        maths = manager.Maths()
        pid = t.server_pid(manager)
        was_running = server_running(mp, pid)
    finally:
        manager.shutdown()
    return Stopped(manager, maths, pid, was_running)


def close_listener(server) -> None:
    """Free a Server's port now rather than at exit (best effort: the attribute is
    the stdlib's, not documented)."""
    close = getattr(getattr(server, "listener", None), "close", None)
    if callable(close):
        close()


def server_running(mp, pid) -> bool:
    """Whether a process with this pid is among our live children."""
    return any(p.pid == pid for p in mp.active_children())


# --------------------------------------------------------------------------- context manager


@feature("managers.BaseManager::context-enter-starts-and-returns-manager")
def test_context_enter_starts_and_returns_manager(mp):
    """__enter__ starts the server process of a manager not yet started and returns the manager."""
    manager = t.CustomManager()
    with manager as entered:
        assert entered is manager
        pid = t.server_pid(entered)
        assert pid != os.getpid()
        assert server_running(mp, pid), "the server process is not a running child"


@feature("managers.BaseManager::context-enter-keeps-started-manager")
def test_context_enter_keeps_started_manager(mp):
    """__enter__ on a manager already started (Manager()) returns it without starting another."""
    manager = mp.Manager()
    try:
        before = {p.pid for p in mp.active_children()}
        with manager as entered:
            assert entered is manager
            new = [p for p in mp.active_children() if p.pid not in before]
            assert new == [], f"entering started another process: {new}"
            assert entered.list([7])[0] == 7
    finally:
        manager.shutdown()


@feature("managers.BaseManager::context-exit-shuts-down")
def test_context_exit_shuts_down(mp):
    """__exit__ calls shutdown(): the server process has ended when the with block is left."""
    with t.CustomManager() as manager:
        pid = t.server_pid(manager)
        assert server_running(mp, pid)
    assert not server_running(mp, pid), "the server process still runs after __exit__"


# --------------------------------------------------------------------------- start()


@feature("managers.BaseManager.start::initializer-runs-in-server-process")
def test_start_initializer_runs_in_server_process(custom):
    """start(initializer, initargs) calls initializer(*initargs) in the server process."""
    facts = custom.ServerFacts()
    recorded = facts.initializer()
    assert recorded is not None, "the initializer did not run in the server process"
    pid, args = recorded
    assert args == ("initargs", 42)
    assert pid == facts.pid(), "the initializer ran in another process than the server's"
    assert pid != os.getpid()


@feature("managers.BaseManager.start::starts-server-process")
def test_start_starts_server_process(mp, stopped):
    """start() starts a subprocess that serves the manager's shared objects."""
    assert stopped.pid != os.getpid()
    assert stopped.was_running, "the server was not a running child of the manager's process"


@feature("managers.BaseManager.start::non-callable-initializer-raises-typeerror", de_facto=True)
def test_start_non_callable_initializer_raises_typeerror(mp):
    """start() with an initializer that is not callable raises TypeError (no server starts)."""
    before = {p.pid for p in mp.active_children()}
    with pytest.raises(TypeError):
        t.CustomManager().start(initializer=42)
    new = [p for p in mp.active_children() if p.pid not in before]
    assert new == [], f"a server process was started: {new}"


@feature("managers.BaseManager.start::second-start-raises-processerror", de_facto=True)
def test_start_second_start_raises_processerror(mp, mp_manager):
    """start() on a started manager raises ProcessError."""
    with pytest.raises(Exception) as raised:
        mp_manager.start()
    assert isinstance(raised.value, mp.ProcessError), (
        f"{raised.type.__name__} raised instead of ProcessError")


@feature("managers.BaseManager.start::after-shutdown-raises-processerror", de_facto=True)
def test_start_after_shutdown_raises_processerror(mp, stopped):
    """start() on a manager that has been shut down raises ProcessError."""
    with pytest.raises(Exception) as raised:
        stopped.manager.start()
    assert isinstance(raised.value, mp.ProcessError), (
        f"{raised.type.__name__} raised instead of ProcessError")


# --------------------------------------------------------------------------- shutdown()
# BaseManager has no class attribute "shutdown": start() sets it on the instance.
# The plugin looks an entry up on the class before a test runs, so a feature of
# the entry managers.BaseManager.shutdown would be reported "missing" even for
# the stdlib; these features are filed under managers.BaseManager instead.


@feature("managers.BaseManager.shutdown::ends-server-process")
def test_shutdown_ends_server_process(mp, stopped):
    """shutdown() stops the server process: it is no longer a running child."""
    assert stopped.was_running
    assert not server_running(mp, stopped.pid), "the server process still runs after shutdown()"


@feature("managers.BaseManager.shutdown::proxies-fail-afterwards")
def test_shutdown_proxies_fail_afterwards(stopped):
    """After shutdown() a proxy of the manager can no longer reach its referent."""
    with pytest.raises(Exception):  # noqa: B017 - the docs name no exception type
        stopped.maths.add(1, 2)


@feature("managers.BaseManager.shutdown::can-be-called-again")
def test_shutdown_can_be_called_again(stopped):
    """shutdown() can be called several times."""
    stopped.manager.shutdown()
    stopped.manager.shutdown()


@feature("managers.BaseManager::shutdown-when-garbage-collected")
def test_shutdown_when_garbage_collected(mp):
    """A manager's server process is shut down as soon as the manager is garbage collected."""
    manager = t.CustomManager()
    manager.start()
    pid = t.server_pid(manager)
    assert server_running(mp, pid)
    del manager
    gc.collect()
    assert not server_running(mp, pid), "the server outlived its garbage-collected manager"


@feature("managers.BaseManager::shutdown-when-parent-exits")
def test_shutdown_when_parent_exits(ctx, start_method):
    """A manager's server process ends when the process that started it exits."""
    receiver, sender = ctx.Pipe(duplex=False)
    child = harness.run(ctx, t.start_manager_and_exit, sender, start_method)
    address = harness.recv(receiver)
    assert child.exitcode == 0
    client = t.ClientManager(address=address, authkey=t.AUTHKEY)
    with pytest.raises(OSError):
        client.connect()


@feature("managers.BaseManager::shutdown-timeout-then-terminated", min_python=(3, 11),
         reason="the shutdown_timeout parameter was added in Python 3.11")
def test_shutdown_timeout_then_terminated(mp):
    """A server that does not stop within shutdown_timeout is terminated by shutdown()."""
    manager = t.CustomManager(shutdown_timeout=harness.SHORT)
    manager.start(t.start_lingering_thread)
    pid = t.server_pid(manager)
    with harness.stopwatch() as watch:
        manager.shutdown()
    assert not server_running(mp, pid), "the lingering server was not ended"
    harness.assert_gave_up_after(watch.elapsed, harness.SHORT, "shutdown() of a lingering server")


# --------------------------------------------------------------------------- get_server()


@feature("managers.BaseManager.get_server::returns-server-with-address")
def test_get_server_returns_server_with_address(mp):
    """get_server() returns a Server with serve_forever() and the address it listens on."""
    server = t.CustomManager(address=t.LOOPBACK, authkey=t.AUTHKEY).get_server()
    try:
        assert callable(getattr(server, "serve_forever", None)), "the Server has no serve_forever()"
        host, port = server.address
        assert host == "127.0.0.1"
        assert isinstance(port, int) and port > 0, f"not a bound port: {server.address!r}"
    finally:
        close_listener(server)


@feature("managers.BaseManager.get_server::serve-forever-serves-clients")
def test_get_server_serve_forever_serves_clients(ctx):
    """A process running get_server().serve_forever() serves managers that connect() to it."""
    receiver, sender = ctx.Pipe(duplex=False)
    with harness.started(ctx, t.serve_forever, sender) as server_process:
        try:
            client = t.ClientManager(address=harness.recv(receiver), authkey=t.AUTHKEY)
            client.connect()
            assert client.ServerFacts().pid() == server_process.pid
            store = client.get_store()
            store.update(key="value")
            assert client.get_store().get("key") == "value"
            del store  # released while the server still runs
        finally:
            server_process.terminate()  # serve_forever() only ends when told to
            harness.join(server_process)


@feature("managers.BaseManager.get_server::started-manager-raises-processerror", de_facto=True)
def test_get_server_started_manager_raises_processerror(mp, custom):
    """get_server() on a manager already started raises ProcessError."""
    with pytest.raises(Exception) as raised:
        custom.get_server()
    assert isinstance(raised.value, mp.ProcessError), (
        f"{raised.type.__name__} raised instead of ProcessError")


# --------------------------------------------------------------------------- connect(), authkey


@feature("managers.BaseManager.connect::shares-the-servers-objects")
def test_connect_shares_the_servers_objects(remote):
    """A second manager object connected over TCP with the address and authkey reaches the
    same server (a remote manager, on the loopback interface)."""
    client = t.ClientManager(address=remote.address, authkey=t.AUTHKEY)
    client.connect()
    store = remote.get_store()
    store.update(connect="set through the starting manager")
    assert client.get_store().get("connect") == "set through the starting manager"


@feature("managers.BaseManager.connect::wrong-authkey-raises-authenticationerror")
def test_connect_wrong_authkey_raises_authenticationerror(mp, remote):
    """connect() with an authkey other than the server's raises AuthenticationError."""
    client = t.ClientManager(address=remote.address, authkey=t.WRONG_AUTHKEY)
    with pytest.raises(mp.AuthenticationError):
        client.connect()


@feature("managers.BaseManager::authkey-none-uses-process-authkey")
def test_authkey_none_uses_process_authkey(mp, manager):
    """With authkey None, current_process().authkey is used: a manager connecting with no
    authkey is accepted by Manager()'s server."""
    client = managers_module(mp).SyncManager(address=manager.address)
    client.connect()
    shared = client.list(["via a connected manager"])
    assert shared[0] == "via a connected manager"


# --------------------------------------------------------------------------- address


@feature("managers.BaseManager.address::listening-address-after-start")
def test_address_listening_address_after_start(remote):
    """After start() with port 0, address is the address the server listens on."""
    host, port = remote.address
    assert host == "127.0.0.1"
    assert isinstance(port, int) and port > 0, f"not the listening port: {remote.address!r}"


@feature("managers.BaseManager.address::given-address-before-start")
def test_address_given_address_before_start(mp):
    """Before start(), address is the address the manager was given."""
    assert t.CustomManager(address=("127.0.0.1", 50123)).address == ("127.0.0.1", 50123)


@feature("managers.BaseManager.address::chosen-when-none")
def test_address_chosen_when_none(manager):
    """With address None an arbitrary address is chosen; address then gives it."""
    assert manager.address is not None
    assert manager.address != ""


@feature("managers.BaseManager.connect::connected-manager-has-given-address")
def test_connect_connected_manager_has_given_address(custom):
    """A connected manager's address is the server's address it was given."""
    client = t.ClientManager(address=custom.address, authkey=t.AUTHKEY)
    client.connect()
    assert client.address == custom.address


@feature("managers.BaseManager::serializer-xmlrpclib")
def test_serializer_xmlrpclib(mp):
    """A manager with serializer='xmlrpclib' serves shared objects (xmlrpc.client serialization)."""
    with managers_module(mp).SyncManager(serializer="xmlrpclib") as manager:
        shared = manager.list([1, 2])
        shared.append(3)
        assert len(shared) == 3
        assert shared[2] == 3
        del shared


# --------------------------------------------------------------------------- register()


@feature("managers.BaseManager.register::typeid-method-creates-shared-object")
def test_register_typeid_method_creates_shared_object(custom):
    """register(typeid, callable) gives the manager a method typeid() returning a proxy."""
    maths = custom.Maths()
    assert maths.add(4, 3) == 7
    assert maths.mul(7, 8) == 56


@feature("managers.BaseManager.register::typeid-method-shares-across-processes")
def test_register_typeid_method_shares_across_processes(ctx, custom):
    """A proxy of a registered type, passed to a child, calls the referent in the server."""
    receiver, sender = ctx.Pipe(duplex=False)
    proxy = custom.AddOnlyMaths()
    harness.run(ctx, t.double_through, proxy, sender, 21)
    assert harness.recv(receiver) == 42


@feature("managers.BaseManager.register::default-exposes-public-methods")
def test_register_default_exposes_public_methods(custom):
    """Without exposed, the proxy offers the referent's public methods and no others."""
    maths = custom.Maths()
    assert maths.add(1, 1) == 2
    assert not hasattr(maths, "_private"), "a method beginning with '_' was exposed"
    assert not callable(getattr(maths, "kind", None)), "a non-callable attribute became a method"
    with pytest.raises(Exception):  # noqa: B017 - the docs name no exception type
        maths._callmethod("_private")


@feature("managers.BaseManager.register::exposed-limits-methods")
def test_register_exposed_limits_methods(custom):
    """exposed lists the only methods a proxy may call; others raise through _callmethod."""
    maths = custom.LimitedMaths()
    assert maths.add(2, 3) == 5
    assert not hasattr(maths, "mul"), "a method left out of exposed is on the proxy"
    with pytest.raises(Exception):  # noqa: B017 - the docs name no exception type
        maths._callmethod("mul", (2, 3))


@feature("managers.BaseManager.register::proxytype-used")
def test_register_proxytype_used(custom):
    """With proxytype, the manager's method returns an instance of that proxy type."""
    maths = custom.AddOnlyMaths()
    assert isinstance(maths, t.AddOnlyProxy), type(maths)
    assert maths.double(5) == 10


@feature("managers.BaseManager.register::proxytype-exposed-used-when-exposed-none")
def test_register_proxytype_exposed_used_when_exposed_none(custom):
    """With exposed None, proxytype._exposed_ is the list of methods that may be called."""
    maths = custom.AddOnlyMaths()
    with pytest.raises(Exception):  # noqa: B017 - the docs name no exception type
        maths._callmethod("mul", (2, 3))


@feature("managers.BaseManager.register::method-to-typeid-returns-proxy")
def test_register_method_to_typeid_returns_proxy(mp, custom):
    """A method named in method_to_typeid returns a proxy for a new shared object."""
    made = custom.Factory().make_maths()
    assert isinstance(made, managers_module(mp).BaseProxy), type(made)
    assert made.add(20, 22) == 42


@feature("managers.BaseManager.register::unmapped-method-returns-copy")
def test_register_unmapped_method_returns_copy(custom):
    """A method not in method_to_typeid returns a copy of the result, by value."""
    made = custom.Factory().make_list()
    assert type(made) is list and made == [1, 2, 3]


@feature("managers.BaseManager.register::proxytype-method-to-typeid-used")
def test_register_proxytype_method_to_typeid_used(mp, custom):
    """With method_to_typeid None, proxytype._method_to_typeid_ is used."""
    factory = custom.FactoryViaProxy()
    made = factory.make_maths()
    assert isinstance(made, managers_module(mp).BaseProxy), type(made)
    assert made.mul(6, 7) == 42
    assert factory.make_list() == [1, 2, 3]


@feature("managers.BaseManager.register::create-method-false-adds-no-method")
def test_register_create_method_false_adds_no_method(custom):
    """With create_method=False no method named typeid is added to the manager class."""
    assert not hasattr(t.CustomManager, "MathsResult")
    assert not hasattr(custom, "MathsResult")
    assert callable(getattr(t.CustomManager, "Maths", None))


@feature("managers.BaseManager.register::registers-with-the-class-it-is-called-on",
         de_facto=True)
def test_register_registers_with_the_class_it_is_called_on(mp):
    """register() is a classmethod of the subclass: other manager classes do not gain the method."""
    assert callable(getattr(t.CustomManager, "Maths", None))
    assert not hasattr(managers_module(mp).BaseManager, "Maths")
    assert not hasattr(t.OtherManager, "Maths")


@feature("managers.BaseManager.register::typeid-only-for-connecting-managers")
def test_register_typeid_only_for_connecting_managers(custom):
    """A manager that will connect() may register a typeid without a callable and use it."""
    client = t.ClientManager(address=custom.address, authkey=t.AUTHKEY)
    client.connect()
    custom.get_store().update({"typeid-only": 1})
    assert client.get_store().get("typeid-only") == 1
