"""A small memo keyed on the identity of its (immutable) arguments.

The rules of one segment (P008, C601, C603, J701) and the site ask for the same
occurrences and journey graphs in turn; plan objects are frozen, so the answer
for the same objects is the same. Entries hold their arguments, so an id is not
reused while its entry lives; the memo keeps only the last few entries.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

F = TypeVar("F", bound=Callable[..., Any])
_PLAIN = (str, int, float, bool, type(None))


def by_identity(maxsize: int = 8) -> Callable[[F], F]:
    def decorate(fn: F) -> F:
        entries: OrderedDict[tuple[Any, ...], tuple[tuple[Any, ...], Any]] = OrderedDict()
        lock = threading.Lock()

        @wraps(fn)
        def wrapper(*args: Any) -> Any:
            key = tuple(a if isinstance(a, _PLAIN) else id(a) for a in args)
            with lock:
                hit = entries.get(key)
                if hit is not None:
                    entries.move_to_end(key)
                    return hit[1]
            result = fn(*args)
            with lock:
                entries[key] = (args, result)
                while len(entries) > maxsize:
                    entries.popitem(last=False)
            return result

        wrapper.cache_clear = entries.clear  # type: ignore[attr-defined]
        return wrapper  # type: ignore[return-value]

    return decorate
