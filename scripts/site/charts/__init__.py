"""Charts and the state map, drawn from the validated Dataset at build time.

    specs.py     Dataset → ChartSpec: exactly what each chart plots, its texts and sources (no matplotlib)
    tilegrid.py  where each state's square sits on the tile-grid map
    spec.py      ChartSpec: one chart as plain data, and its CSV
    style.py     the shared matplotlib settings, palette and deterministic SVG output (title and desc added)
    labels.py    value labels placed where they overlap nothing
    era.py       draws the programs-over-time chart
    series.py    draws one chart per data series
    tilemap.py   draws the state tile-grid map
    specs_287g.py  ICE's 287(g) lists → the by-model charts and county maps, national and per state
    story_287g.py  the 2025 expansion in sentences computed from the lists
    topojson.py  TopoJSON → polygons;  geography.py  the county and state shapes (data/datasets/reference/)
    models.py    draws agreements per list stacked by model
    choropleth.py  draws a county map, one path per legend class
    cache.py     reuses an SVG whose data and drawing code did not change
    files.py     ChartSpec → {site path: SVG, CSV} and the charts page
"""
