"""Issue 21, point 12: Recharts reaches the browser only when Mes paiements' chart is drawn. rx.recharts imports
the parts of a chart statically, and a page's compiled parts go to a module every page of the registry shares
(the Accueil's too): each part here must be imported with import() only (caf_app/components/charts.py)."""

from caf_app.pages.allocations import bars_chart


def test_point_12_the_payment_chart_imports_recharts_only_when_it_is_drawn():
    chart = bars_chart()
    static = {library: [var.tag for var in names if var.render]
              for library, names in chart._get_all_imports().items() if "recharts" in library}
    assert static and all(tags == [] for tags in static.values()), static  # a dependency, never imported
    dynamic = chart._get_all_dynamic_imports()
    parts = {line.split(".then((mod) => mod.")[1].split(")")[0] for line in dynamic if "import('recharts')" in line}
    assert parts == {"ResponsiveContainer", "BarChart", "CartesianGrid", "XAxis", "YAxis", "Tooltip", "Bar"}
