"""Work that runs outside a request, on Celery with the Redis the recipe already deploys: the monthly payment run
(tasks.py). `celery -A caf_app.jobs.celery_app worker` on any host with the same REFLEX_REDIS_URL and
REFLEX_DB_URL adds workers (README, « Le versement mensuel »)."""
