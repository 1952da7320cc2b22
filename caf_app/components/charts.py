"""Charts drawn with Recharts (rx.recharts), whose code loads only when a chart is drawn.

rx.recharts imports its chart (BarChart) with a dynamic import() but its parts (Bar, XAxis, Tooltip...) with a
static one: the page's memo module (shared with every page registered in caf_app.py, the Accueil included) would
then load the whole of Recharts. Here each part is a NoSSRComponent too, so the one `import('recharts')` runs when
a chart mounts (Recharts 3 accepts its parts wrapped in other components). The class names are those the chart
checks its children by. The Accueil's byte budget depends on it: bench/accueil_load.py.
"""

from __future__ import annotations

from reflex_base.components.component import NoSSRComponent
from reflex_base.vars.base import Var
from reflex_components_recharts import cartesian, charts, general


class ResponsiveContainer(NoSSRComponent, general.ResponsiveContainer):
    pass


class BarChart(charts.BarChart):
    @classmethod
    def create(cls, *children, **props):
        """The chart alone: rx.recharts wraps it in its own ResponsiveContainer (a static import)."""
        return super(charts.ChartBase, cls).create(*children, **props)


class Bar(NoSSRComponent, cartesian.Bar):
    pass


class XAxis(NoSSRComponent, cartesian.XAxis):
    pass


class YAxis(NoSSRComponent, cartesian.YAxis):
    pass


class CartesianGrid(NoSSRComponent, cartesian.CartesianGrid):
    pass


class GraphingTooltip(NoSSRComponent, general.GraphingTooltip):
    pass


def js(expression: str) -> Var:
    """A JavaScript function given to Recharts (a formatter)."""
    return Var(_js_expr=expression)


EUROS = "((value) => Number(value).toLocaleString('fr-FR', {style: 'currency', currency: 'EUR'}))"
WHOLE_EUROS = "((value) => Number(value).toLocaleString('fr-FR') + '\\u00a0€')"
