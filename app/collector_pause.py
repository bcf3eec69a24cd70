"""A pause of Python's cyclic garbage collector around work that keeps very many objects alive at once.

The bulk import's fast path (app/services/fast_import.py) holds a batch's parsed lines, models and rows —
a few hundred thousand container objects — until it writes them: allocating them sets off full collections,
each walking every object alive, and finding nothing to free (the fast path leaves no reference cycles;
reference counting frees its objects as before). The collector belongs to the process, so the pause holds
for everything the process runs meanwhile, a server's other requests included; cycles made meanwhile are
collected once it ends.
"""

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def cyclic_collector_paused() -> Iterator[None]:
    """Turn the cyclic collector off for the block, and back on after it if it was on."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
