"""One state, one trivial event: what every Reflex event costs at least (state from Redis, delta, websocket)."""

import reflex as rx


class FloorState(rx.State):
    tab: str = "droits"

    @rx.event
    def show(self, tab: str):
        self.tab = tab


def index() -> rx.Component:
    return rx.el.p(FloorState.tab)


app = rx.App()
app.add_page(index)
