"""Family: objects through pipes.  send() turns tuples into lists (as a JSON-like
serializer would), so objects do not arrive equal."""

import multiprocessing.connection as _connection

from broken._base import PipeContext, connection_class, install

CATCHES = {
    "connection.Connection.send::picklable-object-arrives-equal",
    "exchanging.queues-and-pipes::picklable-objects-round-trip-through-a-child",
}


def _listify(obj):
    if isinstance(obj, (tuple, list)):
        return [_listify(o) for o in obj]
    if isinstance(obj, dict):
        return {k: _listify(v) for k, v in obj.items()}
    return obj


@connection_class
class ListifyingConnection(_connection.Connection):
    def send(self, obj):
        super().send(_listify(obj))


class Context(PipeContext):
    _connection_class = ListifyingConnection


install(globals(), Context)
