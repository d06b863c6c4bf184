"""Managers: Manager(), BaseManager (start, get_server, connect, shutdown,
register, address), SyncManager and its shared types, Namespace.

https://docs.python.org/3/library/multiprocessing.html#managers

Each manager starts a server process, so the tests share them where they
cannot disturb one another: ``mp_manager`` (a SyncManager from ``Manager()``)
and ``remote`` (the custom manager on the loopback interface) for the
behaviours checked once; ``manager``, ``custom`` and ``stopped`` (a
SyncManager, the custom BaseManager subclass, and a custom manager already
shut down) per start method, for the behaviours that involve children.
"""

from __future__ import annotations

import gc
import os
import queue
import threading

import pytest

from conformance import harness
from conformance.impl import submodule
from conformance.marks import Narrowing, feature
from conformance.targets import managers as t

# --------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def mp_manager(mp):
    """One started SyncManager from the module-level Manager(), for tests run once."""
    manager = mp.Manager()
    try:
        yield manager
    finally:
        manager.shutdown()


@pytest.fixture(scope="module")
def manager(mp, start_method):
    """A started SyncManager whose server was started with this start method."""
    manager = mp.get_context(start_method).Manager()
    try:
        yield manager
    finally:
        manager.shutdown()


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


def managers_module(mp):
    return submodule("managers", mp)


def close_listener(server) -> None:
    """Free a Server's port now rather than at exit (best effort: the attribute is
    the stdlib's, not documented)."""
    close = getattr(getattr(server, "listener", None), "close", None)
    if callable(close):
        close()


def server_running(mp, pid) -> bool:
    """Whether a process with this pid is among our live children."""
    return any(p.pid == pid for p in mp.active_children())


# --------------------------------------------------------------------------- Manager()


@feature("Manager::returns-started-syncmanager")
def test_manager_returns_started_syncmanager(mp):
    """Manager() returns a SyncManager already started: its server runs in a new child
    process, and it creates shared objects without start()."""
    before = {p.pid for p in mp.active_children()}
    manager = mp.Manager()
    try:
        new = [p for p in mp.active_children() if p.pid not in before]
        assert len(new) == 1, f"expected one new child process for the server, found {new}"
        assert isinstance(manager, managers_module(mp).SyncManager), type(manager)
        assert manager.list([1, 2])[1] == 2
    finally:
        manager.shutdown()


@feature("Manager::context-method-returns-started-syncmanager")
def test_manager_context_method_returns_started_syncmanager(mp, ctx, manager):
    """A context's Manager() returns a started SyncManager whose server serves every process."""
    assert isinstance(manager, managers_module(mp).SyncManager), type(manager)
    assert manager.address is not None
    lst = manager.list()
    harness.run(ctx, t.append_to, lst, "from a child")
    assert lst[:] == ["from a child"]


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


# --------------------------------------------------------------------------- SyncManager


@feature("managers.SyncManager::is-a-basemanager")
def test_syncmanager_is_a_basemanager(mp):
    """SyncManager is a subclass of BaseManager."""
    managers = managers_module(mp)
    assert issubclass(managers.SyncManager, managers.BaseManager)


SHARED_TYPES = {
    "Barrier": (2,),
    "BoundedSemaphore": (),
    "Condition": (),
    "Event": (),
    "Lock": (),
    "Namespace": (),
    "Queue": (),
    "RLock": (),
    "Semaphore": (),
    "Array": ("i", [1, 2]),
    "Value": ("i", 1),
    "dict": (),
    "list": (),
}


@pytest.mark.parametrize("typeid", list(SHARED_TYPES))
@feature("managers.SyncManager::methods-return-proxies")
def test_syncmanager_methods_return_proxies(mp, mp_manager, typeid):
    """Each of SyncManager's methods creates a shared object and returns a proxy for it."""
    proxy = getattr(mp_manager, typeid)(*SHARED_TYPES[typeid])
    assert isinstance(proxy, managers_module(mp).BaseProxy), type(proxy)


# Barrier


@feature("managers.SyncManager.Barrier::child-and-parent-pass-together")
def test_syncmanager_barrier_child_and_parent_pass_together(ctx, manager):
    """A shared Barrier(2) lets a child and the parent through once both wait."""
    barrier = manager.Barrier(2)
    receiver, sender = ctx.Pipe(duplex=False)
    with harness.started(ctx, t.wait_barrier, barrier, sender):
        mine = barrier.wait(harness.WAIT)
        theirs = harness.recv(receiver)
    assert {mine, theirs} == {0, 1}, (mine, theirs)


@feature("managers.SyncManager.Barrier::parties-and-timeout")
def test_syncmanager_barrier_parties_and_timeout(mp_manager):
    """Barrier(parties, timeout=t): parties is kept, and a wait nobody joins breaks after t."""
    barrier = mp_manager.Barrier(2, timeout=harness.SHORT)
    assert barrier.parties == 2
    with harness.stopwatch() as watch:
        with pytest.raises(threading.BrokenBarrierError):
            barrier.wait()
    harness.assert_gave_up_after(watch.elapsed, harness.SHORT, "Barrier.wait() alone")
    assert barrier.broken is True


# Lock, RLock, Semaphore, BoundedSemaphore: held by a child, refused to the parent


def check_held_by_child(ctx, lock, times):
    """A child acquires ``times`` times: the parent cannot acquire until the child releases."""
    parent_end, child_end = ctx.Pipe()
    with harness.started(ctx, t.hold_then_release, lock, child_end, times):
        assert harness.recv(parent_end) == [True] * times, "the child could not acquire"
        assert lock.acquire(False) is False, "acquired although the child holds it"
        parent_end.send("release")
        assert harness.recv(parent_end) == "released"
        assert lock.acquire(timeout=harness.WAIT) is True, "not acquirable after the release"
        lock.release()


@feature("managers.SyncManager.Lock::held-by-child-excludes-parent")
def test_syncmanager_lock_held_by_child_excludes_parent(ctx, manager):
    """A shared Lock acquired in a child cannot be acquired by the parent until released."""
    check_held_by_child(ctx, manager.Lock(), 1)


@feature("managers.SyncManager.Lock::not-reentrant")
def test_syncmanager_lock_not_reentrant(mp_manager):
    """A shared Lock cannot be acquired a second time, even by its holder."""
    lock = mp_manager.Lock()
    assert lock.acquire() is True
    try:
        assert lock.acquire(False) is False, "the holder acquired the Lock a second time"
    finally:
        lock.release()


@feature("managers.SyncManager.RLock::held-by-child-excludes-parent")
def test_syncmanager_rlock_held_by_child_excludes_parent(ctx, manager):
    """A shared RLock taken twice by a child (re-entrantly) excludes the parent until released."""
    check_held_by_child(ctx, manager.RLock(), 2)


@feature("managers.SyncManager.RLock::reentrant")
def test_syncmanager_rlock_reentrant(mp_manager):
    """A shared RLock can be acquired again by its holder and must be released as often."""
    rlock = mp_manager.RLock()
    assert rlock.acquire() is True
    assert rlock.acquire(False) is True
    rlock.release()
    rlock.release()
    with pytest.raises(RuntimeError):
        rlock.release()


LOCKED_PROXY = Narrowing(min_python=(3, 14),
                         reason="lock proxies forward locked() from Python 3.14 (gh-115942)")


@pytest.mark.parametrize("kind", [
    pytest.param("Lock", id="Lock",
                 marks=feature("managers.SyncManager.Lock::locked-reflects-state", **LOCKED_PROXY)),
    pytest.param("RLock", id="RLock",
                 marks=feature("managers.SyncManager.RLock::locked-reflects-state",
                               **LOCKED_PROXY))])
def test_syncmanager_lock_locked_reflects_state(mp_manager, kind):
    """locked() of a shared Lock/RLock is False when free and True while held (3.14)."""
    lock = getattr(mp_manager, kind)()
    assert lock.locked() is False, f"a new shared {kind} was locked()"
    lock.acquire()
    try:
        assert lock.locked() is True, f"a held shared {kind} was not locked()"
    finally:
        lock.release()
    assert lock.locked() is False, f"a released shared {kind} was locked()"


@pytest.mark.parametrize("kind", [
    pytest.param("Lock", id="Lock",
                 marks=feature("managers.SyncManager.Lock::locked-sees-child-holding",
                               **LOCKED_PROXY)),
    pytest.param("RLock", id="RLock",
                 marks=feature("managers.SyncManager.RLock::locked-sees-child-holding",
                               **LOCKED_PROXY))])
def test_syncmanager_lock_locked_sees_child_holding(ctx, manager, kind):
    """locked() of a shared Lock/RLock is True in the parent while a child holds it (3.14)."""
    lock = getattr(manager, kind)()
    parent_end, child_end = ctx.Pipe()
    with harness.started(ctx, t.hold_then_release, lock, child_end, 1):
        assert harness.recv(parent_end) == [True], "the child could not acquire"
        assert lock.locked() is True, f"locked() was False while a child held the {kind}"
        parent_end.send("release")
        assert harness.recv(parent_end) == "released"
    assert lock.locked() is False, f"locked() was True after the child released the {kind}"


@feature("managers.SyncManager.Semaphore::held-by-child-excludes-parent")
def test_syncmanager_semaphore_held_by_child_excludes_parent(ctx, manager):
    """A shared Semaphore(2) emptied by a child refuses the parent until the child releases."""
    check_held_by_child(ctx, manager.Semaphore(2), 2)


@feature("managers.SyncManager.Semaphore::initial-value")
def test_syncmanager_semaphore_initial_value(mp_manager):
    """Semaphore(value) can be acquired value times; Semaphore() once."""
    sem = mp_manager.Semaphore(2)
    assert [sem.acquire(False) for _ in range(3)] == [True, True, False]
    default = mp_manager.Semaphore()
    assert [default.acquire(False) for _ in range(2)] == [True, False]


@feature("managers.SyncManager.BoundedSemaphore::held-by-child-excludes-parent")
def test_syncmanager_boundedsemaphore_held_by_child_excludes_parent(ctx, manager):
    """A shared BoundedSemaphore(2) emptied by a child refuses the parent until released."""
    check_held_by_child(ctx, manager.BoundedSemaphore(2), 2)


@feature("managers.SyncManager.BoundedSemaphore::release-beyond-initial-raises-valueerror")
def test_syncmanager_boundedsemaphore_release_beyond_initial_raises(mp_manager):
    """Releasing a shared BoundedSemaphore above its initial value raises ValueError."""
    sem = mp_manager.BoundedSemaphore(1)
    assert sem.acquire(False) is True
    sem.release()
    with pytest.raises(ValueError):
        sem.release()


# Condition


@feature("managers.SyncManager.Condition::notify-wakes-child")
def test_syncmanager_condition_notify_wakes_child(ctx, manager):
    """notify() from the parent wakes a child waiting on the shared Condition."""
    cond = manager.Condition()
    parent_end, child_end = ctx.Pipe()
    with harness.started(ctx, t.wait_condition, cond, child_end):
        assert harness.recv(parent_end) == "waiting"
        # The child holds the lock until it waits: acquiring it means the child waits.
        assert cond.acquire(timeout=harness.WAIT), "the child never released the lock in wait()"
        try:
            cond.notify()
        finally:
            cond.release()
        assert harness.recv(parent_end) is True, "the child's wait() was not notified"


@feature("managers.SyncManager.Condition::given-lock-is-used")
def test_syncmanager_condition_given_lock_is_used(mp_manager):
    """Condition(lock) with a Lock proxy uses that lock: holding the condition holds the lock."""
    lock = mp_manager.Lock()
    cond = mp_manager.Condition(lock)
    assert cond.acquire(timeout=harness.WAIT)
    try:
        assert lock.acquire(False) is False, "the condition does not hold the given lock"
    finally:
        cond.release()
    assert lock.acquire(False) is True
    lock.release()


@feature("managers.SyncManager.Condition::wait-for-predicate")
def test_syncmanager_condition_wait_for_predicate(mp_manager):
    """wait_for(predicate, timeout) returns at once when true, False after timeout when not."""
    cond = mp_manager.Condition()
    with cond:
        assert cond.wait_for(lambda: True, timeout=harness.WAIT) is True
        with harness.stopwatch() as watch:
            assert cond.wait_for(lambda: False, timeout=harness.SHORT) is False
    harness.assert_gave_up_after(watch.elapsed, harness.SHORT, "Condition.wait_for()")


# Event


@feature("managers.SyncManager.Event::set-in-child-seen-by-parent")
def test_syncmanager_event_set_in_child_seen_by_parent(ctx, manager):
    """A shared Event set in a child is set for the parent."""
    event = manager.Event()
    assert event.is_set() is False
    harness.run(ctx, t.set_event, event)
    assert event.is_set() is True
    assert event.wait(harness.WAIT) is True


@feature("managers.SyncManager.Event::wait-times-out")
def test_syncmanager_event_wait_times_out(mp_manager):
    """wait(timeout) on a shared Event not set returns False after about timeout."""
    event = mp_manager.Event()
    with harness.stopwatch() as watch:
        assert event.wait(harness.SHORT) is False
    harness.assert_gave_up_after(watch.elapsed, harness.SHORT, "Event.wait()")
    event.set()
    with harness.stopwatch() as watch:
        assert event.wait(harness.WAIT) is True
    harness.assert_did_not_wait_out(watch.elapsed, harness.WAIT, "Event.wait() on a set event")


# Namespace


@feature("managers.SyncManager.Namespace::attributes-set-in-child-seen-by-parent")
def test_syncmanager_namespace_attributes_set_in_child_seen_by_parent(ctx, manager):
    """Attributes a child sets on a shared Namespace are seen by the parent."""
    ns = manager.Namespace()
    harness.run(ctx, t.set_namespace_attributes, ns)
    seen = (getattr(ns, "x", None), getattr(ns, "name", None))
    assert seen == (42, "set by the child"), f"the parent sees x, name = {seen!r}"


@feature("managers.SyncManager.Namespace::attributes-shared-between-proxies")
def test_syncmanager_namespace_attributes_shared_between_proxies(mp_manager):
    """A shared Namespace has writable attributes; deleting one makes it absent."""
    ns = mp_manager.Namespace()
    ns.x = 10
    ns.y = "hello"
    assert (ns.x, ns.y) == (10, "hello")
    del ns.x
    with pytest.raises(AttributeError):
        ns.x  # noqa: B018 - the read is the test


@feature("managers.Namespace::representation-shows-attributes")
def test_namespace_representation_shows_attributes(mp_manager):
    """A shared Namespace prints as Namespace(x=10, y='hello'): its attributes' values."""
    ns = mp_manager.Namespace()
    ns.x = 10
    ns.y = "hello"
    assert str(ns) == "Namespace(x=10, y='hello')"


@feature("managers.Namespace::underscore-attributes-belong-to-proxy")
def test_namespace_underscore_attributes_belong_to_proxy(mp_manager):
    """On a Namespace proxy, an attribute beginning with '_' is the proxy's, not the referent's."""
    ns = mp_manager.Namespace()
    ns.x = 10
    ns._z = 12.3
    assert ns._z == 12.3
    assert str(ns) == "Namespace(x=10)", "the '_' attribute reached the referent"


@feature("managers.Namespace::writable-attributes-no-public-methods")
def test_namespace_writable_attributes_no_public_methods(mp):
    """A Namespace object has writable attributes, no public methods, and a repr of its values."""
    ns = managers_module(mp).Namespace()
    ns.a = 1
    ns.b = "two"
    assert (ns.a, ns.b) == (1, "two")
    public = [n for n in dir(ns) if not n.startswith("_") and callable(getattr(ns, n))]
    assert public == [], f"public methods: {public}"
    assert repr(ns) == "Namespace(a=1, b='two')"


# Queue


@feature("managers.SyncManager.Queue::item-put-in-child-got-by-parent")
def test_syncmanager_queue_item_put_in_child_got_by_parent(ctx, manager):
    """An item a child puts on a shared Queue is got by the parent."""
    q = manager.Queue()
    harness.run(ctx, t.put_on_queue, q, ("from the child", [1, 2]))
    assert harness.get(q) == ("from the child", [1, 2])


@feature("managers.SyncManager.Queue::maxsize-and-fifo")
def test_syncmanager_queue_maxsize_and_fifo(mp_manager):
    """Queue(maxsize) refuses items beyond maxsize (queue.Full) and hands items out in order."""
    q = mp_manager.Queue(2)
    q.put("first")
    q.put("second")
    with pytest.raises(queue.Full):
        q.put_nowait("third")
    assert [q.get_nowait(), q.get_nowait()] == ["first", "second"]
    with pytest.raises(queue.Empty):
        q.get_nowait()


# Value, Array


@feature("managers.SyncManager.Value::set-in-child-seen-by-parent")
def test_syncmanager_value_set_in_child_seen_by_parent(ctx, manager):
    """A value a child writes to a shared Value's value attribute is seen by the parent."""
    value = manager.Value("i", 1)
    harness.run(ctx, t.set_value, value, 99)
    assert value.value == 99


@feature("managers.SyncManager.Value::value-attribute-writable")
def test_syncmanager_value_value_attribute_writable(mp_manager):
    """Value(typecode, value) has a value attribute holding value, and writable."""
    value = mp_manager.Value("i", 5)
    assert value.value == 5
    value.value = 6
    assert value.value == 6


@feature("managers.SyncManager.Array::set-in-child-seen-by-parent")
def test_syncmanager_array_set_in_child_seen_by_parent(ctx, manager):
    """An item a child writes to a shared Array is seen by the parent."""
    array = manager.Array("i", [1, 2, 3])
    harness.run(ctx, t.set_array_item, array, 0, 99)
    assert [array[i] for i in range(len(array))] == [99, 2, 3]


@feature("managers.SyncManager.Array::sequence-indexing")
def test_syncmanager_array_sequence_indexing(mp_manager):
    """Array(typecode, sequence) holds the sequence: len, item reads and writes."""
    array = mp_manager.Array("d", [0.5, 1.5])
    assert len(array) == 2
    assert array[1] == 1.5
    array[0] = 2.5
    assert array[0] == 2.5


# dict, list, set


@feature("managers.SyncManager.dict::updates-from-child-seen-by-parent")
def test_syncmanager_dict_updates_from_child_seen_by_parent(ctx, manager):
    """Items a child stores in a shared dict are seen by the parent (the docs' example)."""
    d = manager.dict()
    harness.run(ctx, t.fill_dict_as_documented, d)
    assert d.copy() == {1: "1", "2": 2, 0.25: None}


@feature("managers.SyncManager.dict::constructor-forms")
def test_syncmanager_dict_constructor_forms(mp_manager):
    """dict(), dict(mapping) and dict(sequence) create shared dicts with those items."""
    assert mp_manager.dict().copy() == {}
    assert mp_manager.dict({"a": 1}).copy() == {"a": 1}
    assert mp_manager.dict([("b", 2), ("c", 3)]).copy() == {"b": 2, "c": 3}


@feature("managers.SyncManager.dict::operators-and-iteration", de_facto=True)
def test_syncmanager_dict_operators_and_iteration(mp_manager):
    """A shared dict answers the dict operators (d[k], d[k] = v, del, in, len) and iterates
    over its keys in insertion order, like the dict it holds."""
    d = mp_manager.dict()
    for key in range(65, 70):
        d[key] = chr(key)
    del d[66]
    assert len(d) == 4 and 65 in d and 66 not in d and d[69] == "E"
    iterator = iter(d)
    assert list(iterator) == [65, 67, 68, 69]
    assert list(iterator) == [], "an exhausted iterator started again"
    assert sorted(d.items()) == [(65, "A"), (67, "C"), (68, "D"), (69, "E")]


@feature("managers.SyncManager.dict::iterator-follows-the-shared-dict", de_facto=True)
def test_syncmanager_dict_iterator_follows_the_shared_dict(mp_manager):
    """iter() of a shared dict iterates the dict in the server (an iterator proxy), not a
    copy: a change of size during the iteration raises RuntimeError."""
    d = mp_manager.dict({1: "a", 2: "b"})
    iterator = iter(d)
    d.clear()
    with pytest.raises(RuntimeError):
        next(iterator)


@feature("managers.SyncManager.list::operators-and-iteration", de_facto=True)
def test_syncmanager_list_operators_and_iteration(mp_manager):
    """A shared list answers the list operators (indexing, slicing, +, *, in, len,
    reversed, iteration) and += and *= change the shared list and keep the proxy."""
    shared = mp_manager.list(range(3))
    handle = shared
    handle *= 2
    handle += [7]
    handle.append(8)
    assert shared[:] == [0, 1, 2, 0, 1, 2, 7, 8], (
        f"shared list {shared[:]!r} after *= 2, += [7] and append(8) through one handle")
    assert shared + [9] == [0, 1, 2, 0, 1, 2, 7, 8, 9]
    assert shared[1:3] == [1, 2] and shared[-1] == 8
    assert 7 in shared and 5 not in shared and len(shared) == 8
    assert list(iter(shared)) == [0, 1, 2, 0, 1, 2, 7, 8]
    assert list(reversed(shared)) == [8, 7, 2, 1, 0, 2, 1, 0]
    shared[0] = 100
    assert next(iter(shared)) == 100


@feature("managers.SyncManager.list::updates-from-child-seen-by-parent")
def test_syncmanager_list_updates_from_child_seen_by_parent(ctx, manager):
    """A shared list a child reverses is reversed for the parent (the docs' example)."""
    lst = manager.list(range(10))
    harness.run(ctx, t.reverse_list, lst)
    assert lst[:] == [9, 8, 7, 6, 5, 4, 3, 2, 1, 0]


@feature("managers.SyncManager.list::constructor-forms")
def test_syncmanager_list_constructor_forms(mp_manager):
    """list() and list(sequence) create shared lists with those items."""
    assert len(mp_manager.list()) == 0
    assert mp_manager.list((1, "two"))[:] == [1, "two"]


PROXY_314 = Narrowing(min_python=(3, 14),
                      reason="list and dict proxies gained these from Python 3.14 (gh-103134, "
                             "gh-126417)")


@feature("managers.SyncManager.list::clear-and-copy", **PROXY_314)
def test_syncmanager_list_clear_and_copy(mp_manager):
    """A shared list's copy() is a plain list of its items, and clear() empties it (3.14)."""
    shared = mp_manager.list([1, "two"])
    copied = shared.copy()
    assert type(copied) is list and copied == [1, "two"], f"copy() gave {copied!r}"
    shared.clear()
    assert len(shared) == 0, f"clear() left {shared[:]!r}"
    assert copied == [1, "two"], "clearing the shared list changed its copy"


@feature("managers.SyncManager.dict::fromkeys-reversed-and-union", **PROXY_314)
def test_syncmanager_dict_fromkeys_reversed_and_union(mp_manager):
    """A shared dict supports fromkeys(), reversed(), d | m, m | d and d |= m (3.14)."""
    shared = mp_manager.dict(a=1, b=2)
    assert shared.fromkeys(["x", "y"], 0) == {"x": 0, "y": 0}
    assert list(reversed(shared)) == ["b", "a"]
    assert shared | {"c": 3} == {"a": 1, "b": 2, "c": 3}
    assert {"z": 0} | shared == {"z": 0, "a": 1, "b": 2}
    before = shared
    shared |= {"c": 3}
    assert shared is before, "d |= m replaced the proxy"
    assert shared.copy() == {"a": 1, "b": 2, "c": 3}, "d |= m did not update the shared dict"


@pytest.mark.parametrize("kind", [
    pytest.param("list", id="list",
                 marks=feature("managers.SyncManager.list::proxy-is-a-mutablesequence",
                               **PROXY_314)),
    pytest.param("dict", id="dict",
                 marks=feature("managers.SyncManager.dict::proxy-is-a-mutablemapping",
                               **PROXY_314))])
def test_syncmanager_proxy_is_registered_with_its_abc(mp_manager, kind):
    """list proxies are MutableSequences and dict proxies MutableMappings (3.14)."""
    import collections.abc

    abc = collections.abc.MutableSequence if kind == "list" else collections.abc.MutableMapping
    proxy = getattr(mp_manager, kind)()
    assert isinstance(proxy, abc), f"a {kind} proxy is not a {abc.__name__}"


@pytest.mark.parametrize("kind", [
    pytest.param("list", id="list",
                 marks=feature("managers.SyncManager.list::proxy-type-is-generic",
                               de_facto=True, min_python=(3, 13),
                               reason="ListProxy[...] from Python 3.13 (gh-107431)")),
    pytest.param("dict", id="dict",
                 marks=feature("managers.SyncManager.dict::proxy-type-is-generic",
                               de_facto=True, min_python=(3, 13),
                               reason="DictProxy[...] from Python 3.13 (gh-107431)"))])
def test_syncmanager_proxy_type_is_generic(mp_manager, kind):
    """The type of a list or dict proxy can be subscripted (ListProxy[int]) (3.13)."""
    import types

    proxy_type = type(getattr(mp_manager, kind)())
    alias = proxy_type[int]
    assert isinstance(alias, types.GenericAlias) and alias.__origin__ is proxy_type, alias


@feature("managers.SyncManager.set::updates-from-child-seen-by-parent")
def test_syncmanager_set_updates_from_child_seen_by_parent(ctx, manager):
    """Elements a child adds to a shared set are seen by the parent (the docs' example)."""
    s = manager.set()
    harness.run(ctx, t.add_to_set, s)
    assert s._getvalue() == {"a", "b"}


@feature("managers.SyncManager.set::add-discard-contains-len")
def test_syncmanager_set_add_discard_contains_len(mp_manager):
    """A shared set supports add(), discard(), `in` and len()."""
    shared = mp_manager.set(["a"])
    shared.add("b")
    shared.add("b")
    assert len(shared) == 2 and "b" in shared, f"after add('b'): {shared._getvalue()!r}"
    shared.discard("a")
    shared.discard("not there")
    assert len(shared) == 1 and "a" not in shared, f"after discard('a'): {shared._getvalue()!r}"


@feature("managers.SyncManager.set::constructor-forms")
def test_syncmanager_set_constructor_forms(mp_manager):
    """set() and set(sequence) create shared sets with those elements."""
    assert len(mp_manager.set()) == 0
    shared = mp_manager.set([1, 2, 2])
    assert len(shared) == 2
    assert 1 in shared and 3 not in shared
