"""gunicorn.conf.py's worker hooks: the collector tuned in each worker, the preloaded application frozen."""

import gc
import runpy
from pathlib import Path

CONF = Path(__file__).resolve().parent.parent / "gunicorn.conf.py"


def test_workers_freeze_what_the_master_loaded_and_collect_young_objects_less_often(monkeypatch):
    conf = runpy.run_path(str(CONF))
    threshold = gc.get_threshold()
    try:
        gc.unfreeze()
        conf["pre_fork"](server=None, worker=None)
        assert gc.get_freeze_count() > 0
        conf["post_fork"](server=None, worker=None)
        assert gc.get_threshold() == (50_000, threshold[1], threshold[2])
        monkeypatch.setenv("GUNICORN_GC_GEN0", "7000")
        runpy.run_path(str(CONF))["post_fork"](server=None, worker=None)
        assert gc.get_threshold()[0] == 7000
    finally:
        gc.unfreeze()
        gc.set_threshold(*threshold)


def test_a_worker_takes_one_request_at_a_time_unless_told(monkeypatch):
    """Pages are CPU work more than waiting, and a process's threads share one interpreter lock: the workers
    carry the concurrency (4 threads a worker doubled the load test's p95)."""
    monkeypatch.delenv("GUNICORN_THREADS", raising=False)
    assert runpy.run_path(str(CONF))["threads"] == 1
    monkeypatch.setenv("GUNICORN_THREADS", "4")
    assert runpy.run_path(str(CONF))["threads"] == 4
