"""The collector pause (app/collector_pause.py) holds for its block only, and leaves a collector that was
already off as it found it."""

import gc

import pytest

from app.collector_pause import cyclic_collector_paused


@pytest.fixture
def collector_restored():
    was_enabled = gc.isenabled()
    yield
    (gc.enable if was_enabled else gc.disable)()


def test_the_collector_is_off_in_the_block_and_on_again_after_it_even_on_an_error(collector_restored):
    gc.enable()
    with pytest.raises(RuntimeError), cyclic_collector_paused():
        assert not gc.isenabled()
        raise RuntimeError("the import failed")

    assert gc.isenabled()


def test_a_collector_already_off_stays_off(collector_restored):
    gc.disable()
    with cyclic_collector_paused():
        pass

    assert not gc.isenabled()
