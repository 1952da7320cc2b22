"""The payment run's Celery configuration and its programs in the production recipe, read without running them."""

from __future__ import annotations

import configparser
from pathlib import Path

from caf_app.deploy.recipe import Recipe
from caf_app.jobs import celery_app, tasks


def test_a_killed_worker_s_batch_goes_back_to_the_queue():
    conf = celery_app.app.conf
    assert conf.task_acks_late and conf.task_reject_on_worker_lost and conf.worker_prefetch_multiplier == 1
    assert 60 <= conf.broker_transport_options["visibility_timeout"] <= 3600
    assert tasks.pay_batch.acks_late and tasks.pay_batch.name == "caf_app.jobs.tasks.pay_batch"


def test_the_broker_is_the_app_s_redis(monkeypatch):
    monkeypatch.setenv("REFLEX_REDIS_URL", "redis://redis.interne:6379/0")
    assert celery_app.redis_url() == "redis://redis.interne:6379/0"
    monkeypatch.delenv("REFLEX_REDIS_URL")
    assert celery_app.redis_url() == ""  # make run: no Redis, python -m caf_app.payments runs in-process


def test_beat_starts_the_run_on_the_5th_of_every_month():
    entry = celery_app.app.conf.beat_schedule["versement-mensuel"]
    assert entry["task"] == tasks.monthly_run.name
    schedule = entry["schedule"]
    assert schedule.day_of_month == {5} and schedule.hour == {2} and schedule.minute == {0}
    assert schedule.month_of_year == set(range(1, 13))
    assert celery_app.app.conf.timezone == "Europe/Paris"


def test_the_recipe_supervises_a_worker_per_core_and_one_beat(tmp_path):
    recipe = Recipe(root=tmp_path, job_workers=8)
    parsed = configparser.RawConfigParser(strict=True)  # as supervisord reads it: no option twice
    parsed.read_string(recipe.supervisord_conf())
    worker, beat = parsed["program:jobs"], parsed["program:jobs-beat"]
    assert "-m celery -A caf_app.jobs.celery_app worker --concurrency 8" in worker["command"]
    assert f'REFLEX_REDIS_URL="{recipe.redis()}"' in worker["environment"]
    assert f'REFLEX_DB_URL="{recipe.database_url()}"' in worker["environment"]
    assert "-m celery -A caf_app.jobs.celery_app beat" in beat["command"]
    assert str(tmp_path / "data" / "celerybeat-schedule") in beat["command"]
    assert worker["autorestart"] == "true" and worker["killasgroup"] == "true"


def test_another_host_runs_workers_only(tmp_path, monkeypatch):
    monkeypatch.setenv("CAF_DEPLOY_DIR", str(tmp_path))
    monkeypatch.setenv("CAF_JOB_WORKERS", "16")
    monkeypatch.setenv("CAF_JOB_BEAT", "0")
    recipe = Recipe.from_environment()
    assert [name for name, *_ in recipe.job_programs()] == ["jobs"] and recipe.job_workers == 16
    assert "program:jobs-beat" not in recipe.supervisord_conf()
    assert Recipe(root=Path(tmp_path), job_workers=0, job_beat=False).job_programs() == []


def test_beat_purges_the_demandes_left_as_drafts_every_night():
    entry = celery_app.app.conf.beat_schedule["brouillons-de-demandes"]
    assert entry["task"] == tasks.purge_demande_drafts.name
    schedule = entry["schedule"]
    assert schedule.hour == {3} and schedule.minute == {30} and schedule.day_of_month == set(range(1, 32))
    assert set(celery_app.app.conf.beat_schedule) == {"versement-mensuel", "brouillons-de-demandes",
                                                      "rappels-de-rendez-vous"}


def test_beat_sends_the_reminders_of_tomorrow_s_rendez_vous_every_evening():
    entry = celery_app.app.conf.beat_schedule["rappels-de-rendez-vous"]
    assert entry["task"] == tasks.remind_rendez_vous.name
    assert entry["schedule"].hour == {17} and entry["schedule"].minute == {0}
