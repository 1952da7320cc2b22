"""The floor: the smallest Reflex app (one state, one trivial event), measured by bench/load.py with the same
client as caf_app, so that each of the app's events can be printed beside what the framework itself costs."""

import reflex as rx

config = rx.Config(app_name="floor", telemetry_enabled=False, plugins=[])
